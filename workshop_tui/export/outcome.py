"""The outcome of a session as plain, typed data: what every export is made from.

The service card in it is `workshop_tui.domain.service_card`'s, the same value the projector
and the phones show; the rest is the session's record (every round, every answer)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from workshop_tui.domain import tally
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
from workshop_tui.domain.service_card import ServiceCard, service_card
from workshop_tui.domain.state import SessionState, StepState
from workshop_tui.export.source import LoadedSession


@dataclass(frozen=True)
class LadderRound:
    """One round of one area's ladder: counts per rung, and who accepted none."""

    round: int
    rungs: tuple[str, ...]
    counts: tuple[int, ...]
    none: int
    responses: int
    level: int | None
    aspiration: int | None


@dataclass(frozen=True)
class AreaRounds:
    """One service area of a levels step: its rungs now and every round's tally."""

    id: str
    name: str
    rungs: tuple[str, ...]
    rounds: tuple[LadderRound, ...]


@dataclass(frozen=True)
class LevelsOutcome:
    """A levels step's rounds; `locked_round` is None until the facilitator locks the level."""

    step_id: str
    title: str
    locked_round: int | None
    areas: tuple[AreaRounds, ...]


@dataclass(frozen=True)
class ConsensusRound:
    round: int
    counts: tuple[int, ...]
    responses: int
    below: int
    agreed: bool


@dataclass(frozen=True)
class ConsensusOutcome:
    step_id: str
    title: str
    threshold: int
    rounds: tuple[ConsensusRound, ...]


@dataclass(frozen=True)
class AnswerRow:
    """One piece of one answer. `item` is what was answered (a column, option, scale item,
    area or card), `number` a numeric answer (for a ladder the rung counted from 1, 0 for
    none), `text` a written one; `name` is None in an anonymous outcome."""

    step_number: int
    step_id: str
    kind: str
    step_title: str
    round: int
    participant: str
    name: str | None
    answered_at: str | None
    item: str
    number: int | None
    text: str
    hidden: bool = False


@dataclass(frozen=True)
class StepAnswers:
    number: int
    id: str
    kind: str
    title: str
    question: str
    status: str
    rows: tuple[AnswerRow, ...]


@dataclass(frozen=True)
class Outcome:
    """Everything a session produced, ready to be written in any export format."""

    room: str
    created: str
    date: str
    group: str
    workshop_id: str
    workshop_title: str
    language: str
    participants: int
    anonymous: bool
    card: ServiceCard
    levels: tuple[LevelsOutcome, ...]
    consensus: tuple[ConsensusOutcome, ...]
    steps: tuple[StepAnswers, ...]


def group_name(meta: dict[str, Any]) -> str:
    """The group a session belongs to: the header's `group`, else the workshop's title."""
    group = meta.get("group")
    if isinstance(group, str) and group.strip():
        return group.strip()
    return str(meta["workshop"]["workshop"]["title"])


def build_outcome(session: LoadedSession, anonymous: bool = False) -> Outcome:
    """Summarise a loaded session; with `anonymous` no participant name is kept."""
    state = session.state
    info = state.workshop.workshop
    created = str(session.meta.get("created", ""))
    labels = _participant_labels(state)
    levels, consensus, steps = [], [], []
    for number, step in enumerate(state.workshop.steps, start=1):
        step_state = state.steps[step.id]
        if isinstance(step, LevelsStep):
            levels.append(_levels(step, step_state, session.round_ladders.get(step.id, {})))
        elif isinstance(step, ConsensusStep):
            consensus.append(_consensus(step, step_state))
        rows = tuple(_rows(number, step, step_state, state, session, labels, anonymous))
        steps.append(
            StepAnswers(
                number,
                step.id,
                step.kind,
                step.title,
                getattr(step, "question", ""),
                step_state.status,
                rows,
            )
        )
    return Outcome(
        room=state.room,
        created=created,
        date=created[:10],
        group=group_name(session.meta),
        workshop_id=info.id,
        workshop_title=info.title,
        language=info.language,
        participants=len(state.participants),
        anonymous=anonymous,
        card=service_card(state),
        levels=tuple(levels),
        consensus=tuple(consensus),
        steps=tuple(steps),
    )


def _participant_labels(state: SessionState) -> dict[str, str]:
    """P1, P2, … in the order people joined, so rows can be grouped without ids or names."""
    order = sorted(state.participants.values(), key=lambda p: (p.joined_at, p.id))
    return {p.id: f"P{i}" for i, p in enumerate(order, start=1)}


def _levels(
    step: LevelsStep, step_state: StepState, round_ladders: dict[int, dict[str, list[str]]]
) -> LevelsOutcome:
    areas = []
    for area in step.areas:
        rungs = tuple(step_state.ladders.get(area.id, area.rungs))
        rounds = []
        for round_, answers in sorted(step_state.answers.items()):
            ladder = tuple(round_ladders.get(round_, {}).get(area.id, rungs))
            picks = [a["rungs"][area.id] for a in answers.values() if area.id in a["rungs"]]
            result = tally.ladder(picks, len(ladder))
            rounds.append(
                LadderRound(
                    round_,
                    ladder,
                    result.counts,
                    result.none,
                    result.responses,
                    result.level,
                    result.aspiration,
                )
            )
        areas.append(AreaRounds(area.id, area.name, rungs, tuple(rounds)))
    return LevelsOutcome(step.id, step.title, step_state.levels_round, tuple(areas))


def _consensus(step: ConsensusStep, step_state: StepState) -> ConsensusOutcome:
    rounds = []
    for round_, answers in sorted(step_state.answers.items()):
        result = tally.consensus((a["fist"] for a in answers.values()), step.threshold)
        rounds.append(
            ConsensusRound(round_, result.counts, result.responses, result.below, result.agreed)
        )
    return ConsensusOutcome(step.id, step.title, step.threshold, tuple(rounds))


Piece = tuple[str, int | None, str, bool]


def _rows(
    number: int,
    step: Step,
    step_state: StepState,
    state: SessionState,
    session: LoadedSession,
    labels: dict[str, str],
    anonymous: bool,
) -> list[AnswerRow]:
    rows: list[AnswerRow] = []
    for round_, answers in sorted(step_state.answers.items()):
        ladders = session.round_ladders.get(step.id, {}).get(round_, step_state.ladders)
        for pid, payload in sorted(answers.items(), key=lambda kv: labels.get(kv[0], kv[0])):
            participant = state.participants.get(pid)
            at = step_state.answered_at.get(pid)
            name = None if anonymous or participant is None else participant.name
            when = None if at is None else datetime.fromtimestamp(at).isoformat("T", "seconds")
            rows.extend(
                AnswerRow(
                    number,
                    step.id,
                    step.kind,
                    step.title,
                    round_,
                    labels.get(pid, "?"),
                    name,
                    when,
                    item,
                    num,
                    text,
                    hidden,
                )
                for item, num, text, hidden in _pieces(
                    step, step_state, state, ladders, pid, payload
                )
            )
    return rows


def _pieces(
    step: Step,
    step_state: StepState,
    state: SessionState,
    ladders: dict[str, list[str]],
    pid: str,
    payload: dict[str, Any],
) -> list[Piece]:
    """One answer's rows as (item, number, text, hidden); the parts depend on the step kind
    (payload shapes are in `workshop_tui.domain.answers`)."""
    if isinstance(step, PromptStep):
        result: list[Piece] = []
        for entry in payload["answers"]:
            column = step.columns[entry["column"]] if step.columns else ""
            mod = step_state.moderation.get(tally.item_id(pid, entry["text"]))
            result.append((column, None, entry["text"], bool(mod and (mod.hidden or mod.held))))
        return result
    if isinstance(step, ChoiceStep):
        return [(step.options[i], i + 1, "", False) for i in payload["options"]]
    if isinstance(step, ScaleStep):
        return [
            (item, rating, "", False)
            for item, rating in zip(step.items, payload["ratings"], strict=False)
            if rating is not None
        ]
    if isinstance(step, VoteStep):
        options = step_state.options
        return [
            (options[int(key)] if int(key) < len(options) else key, dots, "", False)
            for key, dots in sorted(payload["dots"].items(), key=lambda kv: int(kv[0]))
        ]
    if isinstance(step, LevelsStep):
        names = {a.id: a.name for a in step.areas}
        result = []
        for area_id, rung in payload["rungs"].items():
            rungs = ladders.get(area_id, [])
            text = rungs[rung] if 0 <= rung < len(rungs) else ""
            result.append((names.get(area_id, area_id), rung + 1, text, False))
        return result
    if isinstance(step, ConsensusStep):
        return [("fist", payload["fist"], "", False)]
    if isinstance(step, CampaignStep):
        titles = {c.id: c.title for c in state.card_decks[step.card_deck].cards}
        return [
            (titles.get(card, card), votes, "", False) for card, votes in payload["votes"].items()
        ]
    if isinstance(step, FollowupStep):
        result = [("reached", None, payload["reached"], False)]
        if payload.get("changed"):
            result.append(("changed", None, payload["changed"], False))
        return result
    return []
