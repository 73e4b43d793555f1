"""The state of one session: who is in, where the group is on the agenda, and every answer."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from workshop_tui.domain.deck import CardDeck, LevelsStep, Step, Workshop

# "preparing": shown to the room but not taking answers yet (a step the deck `opens` on key).
StepStatus = Literal["pending", "preparing", "open", "locked"]


@dataclass
class Participant:
    id: str
    name: str
    token_hash: str
    joined_at: float


@dataclass
class Timer:
    """A countdown that is either paused (`started_at` is None) or running since `started_at`."""

    remaining: float | None = None
    started_at: float | None = None

    def remaining_at(self, now: float) -> float | None:
        """Seconds left at `now` (never below zero); None when the step has no timer."""
        if self.remaining is None:
            return None
        if self.started_at is None:
            return max(0.0, self.remaining)
        return max(0.0, self.remaining - (now - self.started_at))

    @property
    def running(self) -> bool:
        return self.started_at is not None


@dataclass
class Moderation:
    hidden: bool = False
    highlighted: bool = False
    # Held by the word filter until the facilitator releases it; once released, it stays so.
    held: bool = False
    released: bool = False
    # The column the facilitator moved the answer to; None: the one the phone chose.
    column: int | None = None


@dataclass(frozen=True)
class CampaignPlan:
    """A campaign plan: the chosen card with the group's purpose, goal, period, owner and
    follow-up date (ISO dates). The one shape the plan form fills in, the `ChooseCampaign`
    command carries, the state keeps and every view and export shows. `title` is the card's,
    set by the rule from the deck, whatever the form sent."""

    card_id: str
    title: str
    purpose: str
    goal: str
    start: str
    end: str
    owner: str
    followup: str


@dataclass(frozen=True)
class EarlierCampaign:
    """The campaign a followup session looks back on: chosen in an earlier session, read from
    that session's file when this one was created and kept in this session's header."""

    session: str
    step_id: str
    plan: CampaignPlan


@dataclass(frozen=True)
class PreviousLevel:
    """The level a group locked for one area in an earlier session (its service card): on
    which day (ISO date) and whether that card was a draft (its fist of five did not agree),
    so that a draft stays a draft wherever a later session carries it. A header written
    before those were kept has no day and counts as agreed.

    `name` and `text` are in the language of the session that carries the level when the
    earlier session offered it, else in the earlier session's own. `names` and `texts` give
    them per language code, in every language the earlier session offered (its own and its
    `--also-in`): a phone of another language reads the level in its words although the
    carrying workshop may have no levels step to take them from. A rung the group wrote is
    the same in every language. Both are empty in a header written before they were kept."""

    name: str
    level: int | None
    text: str | None
    on: str | None = None
    draft: bool = False
    names: dict[str, str] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class PreviousResults:
    """The group's results from its earlier sessions, looked up when this session was created
    and kept in its header (`history`): per scale step id and item (by its words) the mean of
    the latest earlier session that rated it, in that step's last round; and per area id the
    level of the latest earlier session whose level was locked, a draft or agreed there.
    Anonymous: means and levels."""

    scales: dict[str, dict[str, float]]
    levels: dict[str, PreviousLevel]

    def mean(self, step_id: str, item: str) -> float | None:
        return self.scales.get(step_id, {}).get(item)


@dataclass
class StepState:
    status: StepStatus = "pending"
    revealed: bool = False
    round: int = 1
    # answers[round][participant_id] = validated payload; rounds start at 1.
    answers: dict[int, dict[str, dict[str, Any]]] = field(default_factory=lambda: {1: {}})
    answered_at: dict[str, float] = field(default_factory=dict)
    keys: dict[str, set[str]] = field(default_factory=dict)
    moderation: dict[str, Moderation] = field(default_factory=dict)
    timer: Timer = field(default_factory=Timer)
    # Every time the group came to this step (the hub's clock), oldest first: the console
    # measures the day against its plan from them. Empty until the step is first shown.
    entered_at: list[float] = field(default_factory=list)
    # Frozen when a vote step opens, so option numbers never shift under the phones; a vote on
    # an earlier prompt's answers can take them again as a new round.
    options: list[str] = field(default_factory=list)
    # Votes only: the options each finished round was answered on.
    options_history: dict[int, list[str]] = field(default_factory=dict)
    # Levels only: the arranged rungs per area, and the locked outcome.
    ladders: dict[str, list[str]] = field(default_factory=dict)
    levels: dict[str, int | None] | None = None
    levels_round: int | None = None
    # Levels only: the rungs each finished round was answered on, since a ladder can be
    # rearranged between rounds and rung numbers only make sense against their own ladder.
    ladder_history: dict[int, dict[str, list[str]]] = field(default_factory=dict)
    plan: CampaignPlan | None = None
    # Campaigns only: the ids of the cards the phones vote among, when the facilitator has
    # narrowed the deck (`NarrowDeck`); None: every card of the deck.
    cards: list[str] | None = None

    @property
    def current_answers(self) -> dict[str, dict[str, Any]]:
        """The answers of the current round."""
        return self.answers.setdefault(self.round, {})

    def earlier_rungs(self, participant_id: str) -> tuple[int, dict[str, int]] | None:
        """Levels only: a participant's latest answer in an earlier round, as (that round, the
        rung per area) read against the current ladders, for the phone to start this round
        from; None without one. A rung is found by its words, since the facilitator may have
        rearranged a ladder between rounds; an area whose rung is gone is left out, and so is
        "none of these" (-1) on a ladder that changed: a rung added may be one they take."""
        for earlier in range(self.round - 1, 0, -1):
            answer = self.answers.get(earlier, {}).get(participant_id)
            if answer is None:
                continue
            then = self.ladder_history.get(earlier, {})
            picks: dict[str, int] = {}
            for area, rung in answer["rungs"].items():
                old, now = then.get(area), self.ladders.get(area)
                if old is None or now is None:
                    continue
                if rung == -1:
                    if old == now:
                        picks[area] = -1
                elif rung < len(old) and old[rung] in now:
                    # The same place if its words are still there, else where they went.
                    same = rung < len(now) and now[rung] == old[rung]
                    picks[area] = rung if same else now.index(old[rung])
            return (earlier, picks) if picks else None
        return None


@dataclass
class Settings:
    max_participants: int = 300
    # Sessions stored before the word filter existed have none, and must replay as they were.
    word_filter: bool = False


@dataclass
class SessionState:
    """Everything a session knows. Only `workshop_tui.domain.rules` changes it."""

    workshop: Workshop
    card_decks: dict[str, CardDeck]
    room: str
    settings: Settings = field(default_factory=Settings)
    participants: dict[str, Participant] = field(default_factory=dict)
    current: int = -1
    joining_open: bool = True
    steps: dict[str, StepState] = field(default_factory=dict)
    earlier_campaign: EarlierCampaign | None = None
    previous: PreviousResults | None = None

    def __post_init__(self) -> None:
        for step in self.workshop.steps:
            self.steps.setdefault(step.id, StepState())
            if isinstance(step, LevelsStep):
                ladders = self.steps[step.id].ladders
                for area in step.areas:
                    ladders.setdefault(area.id, list(area.rungs))

    @property
    def current_step(self) -> Step | None:
        if 0 <= self.current < len(self.workshop.steps):
            return self.workshop.steps[self.current]
        return None


def snapshot(state: SessionState) -> dict[str, Any]:
    """The whole state as plain JSON-ready data: two states are equal when their snapshots are."""
    steps = {}
    for step_id, s in state.steps.items():
        data = asdict(s)
        data["answers"] = {str(r): a for r, a in s.answers.items()}
        data["keys"] = {pid: sorted(keys) for pid, keys in s.keys.items()}
        data["ladder_history"] = {str(r): ladders for r, ladders in s.ladder_history.items()}
        data["options_history"] = {str(r): options for r, options in s.options_history.items()}
        steps[step_id] = data
    return {
        "room": state.room,
        "workshop": state.workshop.workshop.id,
        "settings": asdict(state.settings),
        "participants": {pid: asdict(p) for pid, p in state.participants.items()},
        "current": state.current,
        "joining_open": state.joining_open,
        "steps": steps,
        "earlier_campaign": None
        if state.earlier_campaign is None
        else asdict(state.earlier_campaign),
        "previous": None if state.previous is None else asdict(state.previous),
    }
