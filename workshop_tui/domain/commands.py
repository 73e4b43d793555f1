"""Commands: every change to a session, from a phone or from the facilitator.

A command is a small frozen dataclass. Commands are what the store writes to disk, so each one
round-trips through a plain JSON dict (`to_dict` / `from_dict`), and each carries everything its
rule needs (ids, times) so that replaying them rebuilds exactly the same state.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, ClassVar, Literal

from workshop_tui.domain.state import CampaignPlan

JSON = dict[str, Any]


@dataclass(frozen=True)
class Command:
    """Base of all commands; `type` is the tag used on disk."""

    type: ClassVar[str]
    by_facilitator: ClassVar[bool] = True


@dataclass(frozen=True)
class Join(Command):
    """A phone joins; the token's hash lets the same phone reconnect later."""

    participant_id: str
    token_hash: str
    name: str
    at: float
    type: ClassVar[str] = "join"
    by_facilitator: ClassVar[bool] = False


@dataclass(frozen=True)
class Rename(Command):
    participant_id: str
    name: str
    type: ClassVar[str] = "rename"
    by_facilitator: ClassVar[bool] = False


@dataclass(frozen=True)
class Answer(Command):
    """A participant's whole answer to a step; it replaces their earlier answer to that step.

    `key` is the phone's idempotency key: a retried request with a key already applied is
    acknowledged again without changing anything.
    """

    participant_id: str
    step_id: str
    payload: JSON
    key: str
    at: float
    type: ClassVar[str] = "answer"
    by_facilitator: ClassVar[bool] = False


@dataclass(frozen=True)
class GoTo(Command):
    """Make the step at `index` the current one (opening it if it was never opened)."""

    index: int
    at: float
    type: ClassVar[str] = "goto"


@dataclass(frozen=True)
class OpenStep(Command):
    """Let the group answer a step the facilitator has been preparing (`opens = "on_key"`)."""

    step_id: str
    type: ClassVar[str] = "open_step"


@dataclass(frozen=True)
class SetLocked(Command):
    """Lock a step (its timer stops with the time left `at` then) or open it again. Without
    `at` (commands stored before it was kept) a running timer stops as it did then."""

    step_id: str
    locked: bool
    at: float | None = None
    type: ClassVar[str] = "set_locked"


@dataclass(frozen=True)
class SetRevealed(Command):
    step_id: str
    revealed: bool
    type: ClassVar[str] = "set_revealed"


@dataclass(frozen=True)
class TimerControl(Command):
    """Start, pause or extend the current step's timer, or note that it ran out."""

    step_id: str
    action: Literal["start", "pause", "add", "expire"]
    at: float
    seconds: int = 0
    type: ClassVar[str] = "timer"


@dataclass(frozen=True)
class Moderate(Command):
    """Hide or highlight one answer item on the projector (the answer itself is kept), release
    one the word filter held back (`held=False`), or show it under another of the step's
    columns (`column`, when the phone put it in the wrong one)."""

    step_id: str
    item_id: str
    hidden: bool | None = None
    highlighted: bool | None = None
    held: bool | None = None
    column: int | None = None
    type: ClassVar[str] = "moderate"


@dataclass(frozen=True)
class ModerateItems(Command):
    """`Moderate` for several answer items at once, all or none: every copy of a merged answer
    on the wall ("×5") changes in one command, one write and one redraw."""

    step_id: str
    item_ids: tuple[str, ...]
    hidden: bool | None = None
    highlighted: bool | None = None
    held: bool | None = None
    column: int | None = None
    type: ClassVar[str] = "moderate_items"


@dataclass(frozen=True)
class SetLadder(Command):
    """Replace one area's rungs (merge, reorder, drop, or add the group's proposals)."""

    step_id: str
    area_id: str
    rungs: tuple[str, ...]
    type: ClassVar[str] = "set_ladder"


@dataclass(frozen=True)
class NewRound(Command):
    """Start another round of a levels or consensus step, or of a vote on an earlier prompt's
    answers (which takes the prompt's answers as its options again); earlier rounds are kept.

    A `clean` round starts hidden (unless the step reveals live), with the step's own time on
    a stopped timer, and waits to be opened if the step opens on key. Sessions stored before
    rounds started clean hold no `clean` and replay as they were (`from_dict`).
    """

    step_id: str
    clean: bool = True
    type: ClassVar[str] = "new_round"


@dataclass(frozen=True)
class LockLevels(Command):
    """Fix the group's level per area from the current round of a levels step; a consensus
    check that has answers for the earlier level starts a new round (`clean` as in NewRound)."""

    step_id: str
    clean: bool = True
    # When the facilitator locked: a running timer stops with the time left then (a lock takes
    # no more answers). Commands stored without it replay as they ran: the timer went on.
    at: float | None = None
    type: ClassVar[str] = "lock_levels"


@dataclass(frozen=True)
class ChooseCampaign(Command):
    """Choose a campaign step's card and plan; stored as `{"step_id", "plan": {...}}`."""

    step_id: str
    plan: CampaignPlan
    type: ClassVar[str] = "choose_campaign"


@dataclass(frozen=True)
class NarrowDeck(Command):
    """Let the phones vote among only these cards of a campaign step's deck (e.g. those for
    the culture areas the group rated lowest, `domain.campaign.narrowed_cards`); no ids: the
    whole deck again. Only before anyone has voted."""

    step_id: str
    card_ids: tuple[str, ...]
    type: ClassVar[str] = "narrow_deck"


@dataclass(frozen=True)
class SetJoining(Command):
    """Open or close the session to new phones (phones already in can always reconnect)."""

    open: bool
    type: ClassVar[str] = "set_joining"


COMMAND_TYPES: dict[str, type[Command]] = {
    cls.type: cls
    for cls in (
        Join,
        Rename,
        Answer,
        GoTo,
        OpenStep,
        SetLocked,
        SetRevealed,
        TimerControl,
        Moderate,
        ModerateItems,
        SetLadder,
        NewRound,
        LockLevels,
        ChooseCampaign,
        NarrowDeck,
        SetJoining,
    )
}


def to_dict(command: Command) -> JSON:
    """The command as a JSON-ready dict, tagged with its type."""
    data: JSON = {"type": command.type}
    for field in dataclasses.fields(command):
        value = getattr(command, field.name)
        if isinstance(value, CampaignPlan):
            value = dataclasses.asdict(value)
        data[field.name] = list(value) if isinstance(value, tuple) else value
    return data


def from_dict(data: JSON) -> Command:
    """Rebuild a command written by `to_dict`; raises ValueError on anything else."""
    kind = data.get("type")
    cls = COMMAND_TYPES.get(kind) if isinstance(kind, str) else None
    if cls is None:
        raise ValueError(f"unknown command type {kind!r}")
    values = {k: v for k, v in data.items() if k != "type"}
    if cls is ChooseCampaign:
        values = _choose_campaign_values(values)
    if cls in (NewRound, LockLevels):
        # Stored before rounds started clean: replayed with the rule they were applied with.
        values.setdefault("clean", False)
    names = {f.name for f in dataclasses.fields(cls)}
    if not set(values) <= names:
        raise ValueError(f"unexpected fields for {kind}: {sorted(set(values) - names)}")
    if cls is SetLadder and isinstance(values.get("rungs"), list):
        values["rungs"] = tuple(values["rungs"])
    if cls is ModerateItems and isinstance(values.get("item_ids"), list):
        values["item_ids"] = tuple(values["item_ids"])
    if cls is NarrowDeck and isinstance(values.get("card_ids"), list):
        values["card_ids"] = tuple(values["card_ids"])
    try:
        return cls(**values)
    except TypeError as exc:
        raise ValueError(f"bad {kind} command: {exc}") from exc


_PLAN_FIELDS = tuple(f.name for f in dataclasses.fields(CampaignPlan))


def _choose_campaign_values(values: JSON) -> JSON:
    """A stored ChooseCampaign's fields with its plan as a CampaignPlan. Sessions saved before
    the plan was nested hold its fields flat beside `step_id` and no title (the rule sets the
    card's title either way), so they replay as they were."""
    if "plan" not in values:
        flat = {k: v for k, v in values.items() if k in _PLAN_FIELDS}
        values = {k: v for k, v in values.items() if k not in _PLAN_FIELDS}
        values["plan"] = {"title": "", **flat}
    plan = values["plan"]
    if not isinstance(plan, dict) or set(plan) != set(_PLAN_FIELDS):
        raise ValueError(f"bad choose_campaign command: a plan has the fields {_PLAN_FIELDS}")
    if not all(isinstance(v, str) for v in plan.values()):
        raise ValueError("bad choose_campaign command: every plan field is text")
    return {**values, "plan": CampaignPlan(**plan)}
