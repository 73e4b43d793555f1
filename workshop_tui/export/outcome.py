"""The outcome of a session as plain, typed data: what every export is made from.

The service card in it is `workshop_tui.domain.service_card`'s, the same value the projector
and the phones show; the rest is the session's record (every round, every answer).

Anonymous by default, because the lobby tells the phones so: a participant is a pseudonym
numbered by join order ("Participant 7"), and names are kept only for a session whose lobby
said they would be (`WorkshopInfo.names`). Whatever the names, the ballots (levels and
consensus answers) are never linked to anyone, so nobody can tell who held the group back.
"""

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
from workshop_tui.domain.state import Moderation, SessionState, StepState
from workshop_tui.export.labels import labels
from workshop_tui.export.source import LoadedSession

# The ballots: a levels answer or a fist of five below the others is what sets the group's
# level or stops its consensus, so these rows carry no participant, no name and no time, and
# are sorted by what was answered rather than by who answered.
BALLOTS = ("levels", "consensus")


class NamesNotAnnounced(ValueError):
    """Names were asked for from a session whose lobby told the phones they are anonymous."""


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
    none), `text` a written one.

    `participant` is the pseudonym and `name` the chosen name (only in an outcome with names);
    both, and `answered_at`, are None on a ballot row and on a withheld answer. `moderation`
    is "hidden" (the facilitator hid it) or "held" (the word filter held it and it was never
    released); `withheld` answers are counted, their text left empty."""

    step_number: int
    step_id: str
    kind: str
    step_title: str
    round: int
    participant: str | None
    name: str | None
    answered_at: str | None
    item: str
    number: int | None
    text: str
    moderation: str = ""
    withheld: bool = False


@dataclass(frozen=True)
class StepAnswers:
    """One step's answers; `items` are the step's own items in the deck's order (scale items,
    choice options, levels areas), for the exports that list answers by item."""

    number: int
    id: str
    kind: str
    title: str
    question: str
    status: str
    items: tuple[str, ...]
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
    names: bool
    include_hidden: bool
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


def build_outcome(
    session: LoadedSession, names: bool = False, include_hidden: bool = False
) -> Outcome:
    """Summarise a loaded session. Only with `names` are participants' names kept, and only
    when the session's lobby said so (else NamesNotAnnounced); only with `include_hidden` is
    the text of answers the facilitator hid kept (marked). Answers the word filter held and
    nobody released are never kept, only counted."""
    state = session.state
    info = state.workshop.workshop
    if names and not info.names:
        raise NamesNotAnnounced(
            "this session told its participants that the exports name nobody; names can only "
            "be exported from a session run with --names (or `names = true` in its workshop)"
        )
    created = str(session.meta.get("created", ""))
    people = _pseudonyms(state)
    levels, consensus, steps = [], [], []
    for number, step in enumerate(state.workshop.steps, start=1):
        step_state = state.steps[step.id]
        if isinstance(step, LevelsStep):
            levels.append(_levels(step, step_state, session.round_ladders.get(step.id, {})))
        elif isinstance(step, ConsensusStep):
            consensus.append(_consensus(step, step_state))
        rows = _rows(number, step, step_state, state, session, people, names, include_hidden)
        steps.append(
            StepAnswers(
                number,
                step.id,
                step.kind,
                step.title,
                getattr(step, "question", ""),
                step_state.status,
                _items(step),
                tuple(rows),
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
        names=names,
        include_hidden=include_hidden,
        card=service_card(state),
        levels=tuple(levels),
        consensus=tuple(consensus),
        steps=tuple(steps),
    )


@dataclass(frozen=True)
class _Person:
    number: int
    pseudonym: str
    name: str


def _pseudonyms(state: SessionState) -> dict[str, _Person]:
    """Participant 1, 2, … in the order people joined: the same in every export of a session
    (participants are never removed, and the join order is in the file), and made of nothing a
    phone chose or holds, neither its name nor its token."""
    t = labels(state.workshop.workshop.language)
    order = sorted(state.participants.values(), key=lambda p: (p.joined_at, p.id))
    return {p.id: _Person(i, t("participant", n=i), p.name) for i, p in enumerate(order, start=1)}


def _items(step: Step) -> tuple[str, ...]:
    if isinstance(step, ScaleStep):
        return tuple(step.items)
    if isinstance(step, ChoiceStep):
        return tuple(step.options)
    if isinstance(step, LevelsStep):
        return tuple(area.name for area in step.areas)
    return ()


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


# (item, number, text, moderation) of one piece of an answer.
Piece = tuple[str, int | None, str, str]


def _rows(
    number: int,
    step: Step,
    step_state: StepState,
    state: SessionState,
    session: LoadedSession,
    people: dict[str, _Person],
    names: bool,
    include_hidden: bool,
) -> list[AnswerRow]:
    """A step's rows round by round: by pseudonym, then the withheld answers (after everyone,
    so their place tells nobody whose they were); a ballot's rows sorted by what was
    answered."""
    rows: list[AnswerRow] = []
    order = {item: index for index, item in enumerate(_items(step))}
    for round_, answers in sorted(step_state.answers.items()):
        ladders = session.round_ladders.get(step.id, {}).get(round_, step_state.ladders)
        shown: list[AnswerRow] = []
        withheld: list[AnswerRow] = []
        unknown = _Person(0, "?", "")
        for pid, payload in sorted(
            answers.items(), key=lambda kv: people.get(kv[0], unknown).number
        ):
            person = people.get(pid, unknown)
            at = step_state.answered_at.get(pid)
            when = None if at is None else datetime.fromtimestamp(at).isoformat("T", "seconds")
            for item, num, text, moderation in _pieces(
                step, step_state, state, ladders, pid, payload
            ):
                kept = moderation == "" or (moderation == "hidden" and include_hidden)
                anonymous = not kept or step.kind in BALLOTS
                row = AnswerRow(
                    number,
                    step.id,
                    step.kind,
                    step.title,
                    round_,
                    None if anonymous else person.pseudonym,
                    person.name if names and not anonymous else None,
                    None if anonymous else when,
                    item,
                    num,
                    text if kept else "",
                    moderation,
                    not kept,
                )
                (shown if kept else withheld).append(row)
        if step.kind in BALLOTS:
            shown.sort(key=lambda r: (order.get(r.item, len(order)), r.item, r.number or 0))
        rows += shown
        rows += sorted(withheld, key=lambda r: (r.item, r.moderation))
    return rows


def _moderation(mod: Moderation | None) -> str:
    """How a prompt answer stands: "held" while the word filter holds it (it may also be
    hidden), "hidden" when the facilitator hid it, else ""."""
    if mod is None:
        return ""
    if mod.held and not mod.released:
        return "held"
    return "hidden" if mod.hidden else ""


def _pieces(
    step: Step,
    step_state: StepState,
    state: SessionState,
    ladders: dict[str, list[str]],
    pid: str,
    payload: dict[str, Any],
) -> list[Piece]:
    """One answer's rows as (item, number, text, moderation); the parts depend on the step
    kind (payload shapes are in `workshop_tui.domain.answers`)."""
    if isinstance(step, PromptStep):
        result: list[Piece] = []
        for entry in payload["answers"]:
            column = step.columns[entry["column"]] if step.columns else ""
            mod = step_state.moderation.get(tally.item_id(pid, entry["text"]))
            result.append((column, None, entry["text"], _moderation(mod)))
        return result
    if isinstance(step, ChoiceStep):
        return [(step.options[i], i + 1, "", "") for i in payload["options"]]
    if isinstance(step, ScaleStep):
        return [
            (item, rating, "", "")
            for item, rating in zip(step.items, payload["ratings"], strict=False)
            if rating is not None
        ]
    if isinstance(step, VoteStep):
        options = step_state.options
        return [
            (options[int(key)] if int(key) < len(options) else key, dots, "", "")
            for key, dots in sorted(payload["dots"].items(), key=lambda kv: int(kv[0]))
        ]
    if isinstance(step, LevelsStep):
        names = {a.id: a.name for a in step.areas}
        result = []
        for area_id, rung in payload["rungs"].items():
            rungs = ladders.get(area_id, [])
            text = rungs[rung] if 0 <= rung < len(rungs) else ""
            result.append((names.get(area_id, area_id), rung + 1, text, ""))
        return result
    if isinstance(step, ConsensusStep):
        return [("fist", payload["fist"], "", "")]
    if isinstance(step, CampaignStep):
        titles = {c.id: c.title for c in state.card_decks[step.card_deck].cards}
        return [(titles.get(card, card), votes, "", "") for card, votes in payload["votes"].items()]
    if isinstance(step, FollowupStep):
        result = [("reached", None, payload["reached"], "")]
        if payload.get("changed"):
            result.append(("changed", None, payload["changed"], ""))
        return result
    return []
