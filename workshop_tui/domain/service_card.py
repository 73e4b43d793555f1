"""The group's service card, computed once: what the projector's summary, the phones' card and
every export show, so that they can never disagree.

The rules, as a facilitator reads the card:

- **Levels** come from the last levels step on the agenda that is locked: a later levels step
  re-agrees the level, so it wins. Until one is locked the card lists the areas of the agenda's
  last levels step as not agreed yet. Per area: the locked rung (None when no rung is accepted
  by everyone) and the aspiration, both from the round the level was locked in.
- **Consensus** is the fist-of-five of the last consensus step that confirms those levels, in
  its current round (locking a level starts a new round, so earlier fists never confirm a later
  level): agreed when everyone who answered is at the threshold or above, not agreed when
  someone is below, not taken while nobody has answered or the levels are not locked. A card
  whose check is not agreed is a **draft**: every surface that shows it says so.
- **Campaign** is the plan of the last campaign step on the agenda that has one chosen.
- **Carried levels.** A session that locks no level of its own (a follow-up) carries the
  group's levels from its latest earlier session that locked one (`SessionState.previous`):
  the card shows them, each marked with where it came from, `agreed` on that session's day or
  a `draft` from it, and is a draft itself when they are. It has no consensus check then: a
  check confirms the levels locked in its own session. A level locked in a session that
  carried one is marked `confirmed` (the same words) or `changed`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Literal

from workshop_tui.domain import tally
from workshop_tui.domain.deck import CampaignStep, ConsensusStep, LevelsStep, SummaryStep
from workshop_tui.domain.state import CampaignPlan, SessionState

ConsensusStatus = Literal["agreed", "not_agreed", "not_taken"]
OriginKind = Literal["agreed", "draft", "confirmed", "changed"]


@dataclass(frozen=True)
class LevelOrigin:
    """Where a level on the card came from, when the group had one before: `agreed` or a
    `draft` in the earlier session held `on` (ISO date; None in a header from before the day
    was kept), carried into this one; or locked in this session against the earlier level,
    `confirmed` (the same words) or `changed` (`on` is None: this session's day)."""

    kind: OriginKind
    on: str | None = None


@dataclass(frozen=True)
class AreaLevel:
    """One service area on the card: the agreed rung and the aspiration (index and words),
    and where the level came from (None: locked in this session, nothing before it)."""

    id: str
    name: str
    level: int | None
    level_text: str | None
    aspiration: int | None
    aspiration_text: str | None
    origin: LevelOrigin | None = None


@dataclass(frozen=True)
class ConsensusCheck:
    """The fist-of-five that confirms the card's levels, in its current round."""

    step_id: str
    threshold: int
    round: int
    responses: int
    below: int
    status: ConsensusStatus


@dataclass(frozen=True)
class ServiceCard:
    """The agreed level per area, its consensus check, and the chosen campaign.

    `locked` is False while the card has no levels: none locked in this session and none
    carried from an earlier one (every area's level is then None). `carried` is True when the
    levels are the group's earlier ones (`locked_round` and `consensus` are then None).
    `consensus` is None when the workshop has no check for these levels, `campaign` None
    until a plan is chosen. `draft` is True while the consensus check says not agreed, or
    while the carried levels were a draft.
    """

    title: str
    levels_step_id: str | None
    locked: bool
    locked_round: int | None
    areas: tuple[AreaLevel, ...]
    consensus: ConsensusCheck | None
    campaign_step_id: str | None
    campaign: CampaignPlan | None
    draft: bool
    carried: bool = False


def service_card(state: SessionState) -> ServiceCard:
    """The group's service card as the session stands now (see the module's rules)."""
    steps = state.workshop.steps
    levels_steps = [s for s in steps if isinstance(s, LevelsStep)]
    locked = [s for s in levels_steps if state.steps[s.id].levels is not None]
    shown = (locked or levels_steps)[-1] if levels_steps else None
    campaigns = [
        s for s in steps if isinstance(s, CampaignStep) and state.steps[s.id].plan is not None
    ]
    campaign_step = campaigns[-1] if campaigns else None
    carried = () if locked else carried_levels(state)
    if carried:
        areas, consensus = carried, None
    else:
        areas = () if shown is None else _against_previous(state, area_levels(state, shown))
        consensus = None if shown is None else _consensus(state, shown)
    return ServiceCard(
        title=state.workshop.workshop.title,
        levels_step_id=None if shown is None else shown.id,
        locked=bool(locked or carried),
        locked_round=None if shown is None or carried else state.steps[shown.id].levels_round,
        areas=areas,
        consensus=consensus,
        campaign_step_id=None if campaign_step is None else campaign_step.id,
        campaign=None if campaign_step is None else state.steps[campaign_step.id].plan,
        draft=(consensus is not None and consensus.status == "not_agreed")
        or any(a.origin is not None and a.origin.kind == "draft" for a in carried),
        carried=bool(carried),
    )


def carried_levels(state: SessionState) -> tuple[AreaLevel, ...]:
    """The group's levels from its latest earlier session that locked one, as this session
    carries them: each marked agreed or a draft there, with that session's day."""
    previous = {} if state.previous is None else state.previous.levels
    return tuple(
        AreaLevel(
            area_id,
            level.name,
            level.level,
            level.text,
            None,
            None,
            LevelOrigin("draft" if level.draft else "agreed", level.on),
        )
        for area_id, level in previous.items()
    )


def _against_previous(state: SessionState, areas: tuple[AreaLevel, ...]) -> tuple[AreaLevel, ...]:
    """This session's levels, each marked confirmed or changed against the group's earlier
    level of the area (by its words, as a ladder's rungs can be rearranged), when it had one."""
    previous = {} if state.previous is None else state.previous.levels
    marked = []
    for area in areas:
        before = previous.get(area.id)
        if before is not None:
            kind: OriginKind = "confirmed" if before.text == area.level_text else "changed"
            area = replace(area, origin=LevelOrigin(kind))
        marked.append(area)
    return tuple(marked)


def _rung(rungs: list[str], index: int | None) -> str | None:
    return rungs[index] if index is not None and 0 <= index < len(rungs) else None


def area_levels(state: SessionState, step: LevelsStep) -> tuple[AreaLevel, ...]:
    """Every area of a levels step with its locked level and aspiration (None while the step
    is not locked): the card's levels, and the level a consensus step confirms."""
    step_state = state.steps[step.id]
    levels = step_state.levels
    # A locked level is always the current round's (a new round unlocks it), and its ladder
    # cannot change while locked, so the current ladders are the ones that round was voted on.
    results = tally.ladders(step_state, step_state.levels_round) if levels is not None else {}
    areas = []
    for area in step.areas:
        rungs = step_state.ladders.get(area.id, list(area.rungs))
        level = None if levels is None else levels.get(area.id)
        result = results.get(area.id)
        aspiration = None if result is None else result.aspiration
        areas.append(
            AreaLevel(
                area.id, area.name, level, _rung(rungs, level), aspiration, _rung(rungs, aspiration)
            )
        )
    return tuple(areas)


def _consensus(state: SessionState, levels: LevelsStep) -> ConsensusCheck | None:
    checks = [
        s
        for s in state.workshop.steps
        if isinstance(s, ConsensusStep) and s.levels_step == levels.id
    ]
    if not checks:
        return None
    step = checks[-1]
    step_state = state.steps[step.id]
    # Read, not `current_answers`: that one adds an empty round, and the card changes nothing.
    answers = step_state.answers.get(step_state.round, {})
    result = tally.consensus((a["fist"] for a in answers.values()), step.threshold)
    status: ConsensusStatus
    if state.steps[levels.id].levels is None or not result.responses:
        status = "not_taken"
    else:
        status = "agreed" if result.agreed else "not_agreed"
    return ConsensusCheck(
        step.id, step.threshold, step_state.round, result.responses, result.below, status
    )


def ladder_to_redo(state: SessionState) -> str | None:
    """The levels step to go back to because the step on screen says the level is not agreed:
    a consensus check with answers that fell short, or a summary whose card is a draft; None
    otherwise (also while a check has no answers yet)."""
    step = state.current_step
    if isinstance(step, ConsensusStep):
        step_state = state.steps[step.id]
        answers = step_state.answers.get(step_state.round, {})
        result = tally.consensus((a["fist"] for a in answers.values()), step.threshold)
        agreed = result.agreed or not result.responses
        return None if agreed else step.levels_step
    if isinstance(step, SummaryStep):
        card = service_card(state)
        return card.levels_step_id if card.draft else None
    return None


def origin_words(origin: LevelOrigin, t: Callable[..., str]) -> str:
    """What a level's origin says ("agreed 2026-11-02", "draft from …", "changed in this
    session"), in the words `t` (a catalogue lookup in the surface's language) gives its
    `level_origin_*` entries."""
    if origin.kind == "agreed" and origin.on is None:
        return t("level_origin_agreed_earlier")
    return t(f"level_origin_{origin.kind}", date=origin.on or "")


def draft_words(card: ServiceCard, t: Callable[..., str]) -> str | None:
    """The card's draft headline in the words `t` (a catalogue lookup) gives, or None when the
    card is not a draft: the fist of five's tally when this session's check said not agreed,
    else the day of the earlier session whose draft the card carries."""
    if not card.draft:
        return None
    check = card.consensus
    if check is not None and check.status == "not_agreed":
        return t("card_draft", below=check.below, threshold=check.threshold)
    days = sorted(
        a.origin.on for a in card.areas if a.origin and a.origin.kind == "draft" and a.origin.on
    )
    return t("card_draft_carried", date=days[-1] if days else "")
