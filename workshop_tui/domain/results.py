"""The result of a revealed step as every phone gets it: what the projector shows, as data.

Computed with the same tallies the projector draws (`workshop_tui.domain.tally`), once per
change of the session for all phones alike, so it holds nothing that differs between phones
and nothing that names anyone: counts, totals, means, levels, and for a prompt the visible
texts of the anonymous wall (never a hidden or held one, never who wrote it, nor an item id,
which would carry the writer's participant id).

It holds numbers and ids, not the deck's words: each phone reads the options, items, areas,
rungs and cards from its own step view, which may be in another language than the session's
(`--also-in`). Only what people wrote (the wall, the reasons, what changed) is given as text.

Nothing is given before the facilitator reveals the step, nor for a step whose deck turns it
off (`phone_results = false`), nor for steps whose result is already on the phone (the lobby,
the summary's card, a campaign once its plan is chosen).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from workshop_tui.domain import moderation, tally
from workshop_tui.domain.answers import REACHED
from workshop_tui.domain.campaign import cards_in_play
from workshop_tui.domain.deck import (
    CampaignStep,
    ChoiceStep,
    ConsensusStep,
    FollowupStep,
    LevelsStep,
    PromptStep,
    ScaleStep,
    Step,
    VoteStep,
)
from workshop_tui.domain.state import SessionState, StepState

JSON = dict[str, Any]

# The newest wall items (and follow-up texts) a phone is sent; the rest are counted as "more",
# as the projector shows only what fits. Bounds what every phone is sent on every change.
WALL_LIMIT = 50


def shown(state: SessionState) -> bool:
    """Whether the phones show the current step's result now: it is revealed, its deck does
    not turn results off, and it is a kind with a result of its own."""
    step = state.current_step
    if step is None or not step.phone_results or step.kind in ("lobby", "summary"):
        return False
    step_state = state.steps[step.id]
    return step_state.revealed and step_state.status != "preparing"


def step_results(state: SessionState, wall: tally.Wall | None = None) -> JSON | None:
    """The current step's result for the phones, or None when they show none (see `shown`).

    `wall` is a prompt wall kept between calls (`tally.Wall`), so that only the answers that
    changed since the last call are looked at; without one, the wall is built afresh.
    """
    if not shown(state):
        return None
    step = state.current_step
    assert step is not None
    step_state = state.steps[step.id]
    # Read, not `current_answers`: that one adds an empty round, and results change nothing.
    current = step_state.answers.get(step_state.round, {})
    result = _result(state, step, step_state, current, wall or tally.Wall())
    return None if result is None else {"kind": step.kind, **result}


def _result(
    state: SessionState,
    step: Step,
    step_state: StepState,
    current: Mapping[str, Mapping[str, Any]],
    wall: tally.Wall,
) -> JSON | None:
    answers = list(current.values())
    if isinstance(step, ChoiceStep):
        return choice(step, answers)
    if isinstance(step, ScaleStep):
        return scale(state, step, answers)
    if isinstance(step, VoteStep):
        return vote(step_state, answers)
    if isinstance(step, LevelsStep):
        return levels(state, step, step_state)
    if isinstance(step, ConsensusStep):
        return consensus(state, step, step_state, answers)
    if isinstance(step, CampaignStep):
        return None if step_state.plan is not None else campaign(state, step, answers)
    if isinstance(step, PromptStep):
        wall.update(step_state)
        return prompt(step_state, wall)
    if isinstance(step, FollowupStep):
        return followup(state, step_state, current)
    return None


def choice(step: ChoiceStep, answers: list[Mapping[str, Any]]) -> JSON:
    """How many chose each option (in the step's order), and its share (whole percent) of
    those who answered."""
    counts = tally.choice_counts(answers, len(step.options))
    answered = len(answers)
    return {
        "responses": answered,
        "counts": counts,
        "shares": [round(100 * count / answered) if answered else 0 for count in counts],
    }


def scale(state: SessionState, step: ScaleStep, answers: list[Mapping[str, Any]]) -> JSON:
    """Per item (in the step's order): how many rated it, the mean, the spread (standard
    deviation), the range, how many gave each rating, and the group's previous mean if any."""
    items = tally.scale_items(answers, len(step.items), step.min, step.max)
    previous = state.previous
    return {
        "responses": len(answers),
        "min": step.min,
        "max": step.max,
        "items": [
            {
                "responses": item.responses,
                "mean": item.mean,
                "spread": item.spread,
                "lowest": item.lowest,
                "highest": item.highest,
                "counts": list(item.counts),
                "previous": None if previous is None else previous.mean(step.id, name),
            }
            for name, item in zip(step.items, items, strict=True)
        ],
    }


def vote(step_state: StepState, answers: list[Mapping[str, Any]]) -> JSON:
    """The options (by index) ranked by their dots, most first; ties in the phones' order."""
    options = step_state.options
    total = tally.stacked(answer["dots"] for answer in answers)
    ranked = tally.ranked(total, [str(i) for i in range(len(options))])
    return {
        "round": step_state.round,
        "responses": len(answers),
        "options": [
            {"place": place, "option": int(key), "dots": dots}
            for place, (key, dots) in enumerate(ranked, start=1)
        ],
    }


def levels(state: SessionState, step: LevelsStep, step_state: StepState) -> JSON:
    """Per area (by id): how many accept each rung (by rung index, as the step's ladder lists
    them), the group's level (the highest rung everyone accepts), the aspiration, the level
    once locked, and the rung the group agreed last time (found by its words)."""
    results = tally.ladders(step_state)
    locked = step_state.levels
    previous = state.previous.levels if state.previous is not None else {}
    areas = []
    for area in step.areas:
        result = results.get(area.id)
        if result is None:
            continue
        rungs = step_state.ladders.get(area.id, [])
        before = previous.get(area.id)
        last_time = [i for i, rung in enumerate(rungs) if before and before.text == rung]
        areas.append(
            {
                "id": area.id,
                "responses": result.responses,
                "none": result.none,
                "level": result.level,
                "aspiration": result.aspiration,
                "locked": None if locked is None else locked.get(area.id),
                "accepts": list(result.accepts),
                "last_time": last_time[0] if last_time else None,
            }
        )
    answered = len(step_state.answers.get(step_state.round, {}))
    return {"round": step_state.round, "responses": answered, "areas": areas}


def consensus(
    state: SessionState,
    step: ConsensusStep,
    step_state: StepState,
    answers: list[Mapping[str, Any]],
) -> JSON:
    """Fist-of-five from five fingers down to none, whether everyone is at the threshold, the
    reasons of those below (alphabetical, the word filter's matches only counted) and how each
    earlier round went: only ever counted, never who."""
    result = tally.consensus((answer["fist"] for answer in answers), step.threshold)
    reasons = tally.consensus_reasons(answers)
    language = state.workshop.workshop.language
    kept = [
        r for r in reasons if not (state.settings.word_filter and moderation.flagged(r, language))
    ]
    earlier = []
    for number in range(step_state.round - 1, 0, -1):
        fists = (a["fist"] for a in step_state.answers.get(number, {}).values())
        before = tally.consensus(fists, step.threshold)
        earlier.append({"round": number, "responses": before.responses, "below": before.below})
    return {
        "round": step_state.round,
        "threshold": step.threshold,
        "responses": result.responses,
        "below": result.below,
        "agreed": result.agreed,
        "counts": [{"fingers": n, "count": result.counts[n]} for n in range(5, -1, -1)],
        "reasons": kept,
        "reasons_held": len(reasons) - len(kept),
        "earlier": earlier,
    }


def campaign(state: SessionState, step: CampaignStep, answers: list[Mapping[str, Any]]) -> JSON:
    """The shortlist: every card in the vote (by id; the narrowed deck's, if narrowed) ranked
    by its votes, most first."""
    cards = state.card_decks[step.card_deck].cards
    in_play = {card.id for card in cards_in_play(state, step)}
    total = tally.stacked(answer["votes"] for answer in answers)
    ranked = tally.ranked(total, [card.id for card in cards if card.id in in_play])
    return {
        "responses": len(answers),
        "shortlist": [
            {"place": place, "card_id": card_id, "votes": votes}
            for place, (card_id, votes) in enumerate(ranked, start=1)
        ],
    }


def prompt(step_state: StepState, wall: tally.Wall) -> JSON:
    """The anonymous wall as the projector shows it, newest first: the same text in the same
    column once with how many wrote it, each in the column the facilitator moved it to,
    highlighted or not. Hidden and held items are left out entirely: a phone cannot tell
    they exist."""
    visible = [item for item in wall.newest_first(step_state) if not item.hidden]
    return {
        # Answers, copies counted: the number the projector's heading shows.
        "total": wall.on_wall(step_state),
        "more": max(0, len(visible) - WALL_LIMIT),
        "items": [
            {
                "text": item.text,
                "column": item.column,
                "count": item.count,
                "highlighted": item.highlighted,
            }
            for item in visible[:WALL_LIMIT]
        ],
    }


def followup(
    state: SessionState, step_state: StepState, current: Mapping[str, Mapping[str, Any]]
) -> JSON:
    """How many reached the campaign's goal, partly or not, and what people say changed,
    newest first (the word filter's matches left out, as the consensus reasons are)."""
    at = step_state.answered_at
    answers = list(current.values())
    newest = sorted(current, key=lambda pid: -at.get(pid, 0.0))
    language = state.workshop.workshop.language
    changed = [
        text
        for text in (current[pid]["changed"] for pid in newest)
        if text and not (state.settings.word_filter and moderation.flagged(text, language))
    ]
    return {
        "responses": len(answers),
        "reached": [
            {"reached": reached, "count": sum(1 for a in answers if a["reached"] == reached)}
            for reached in REACHED
        ],
        "changed": changed[:WALL_LIMIT],
        "more": max(0, len(changed) - WALL_LIMIT),
    }
