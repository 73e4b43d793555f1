"""The campaign register: every campaign a group has chosen, across its sessions.

A group runs at least four campaigns a year and follows each one up, so the register shows each
campaign's state on a given day, the follow-ups that are due, campaigns whose periods overlap,
the group's level (agreed or a draft) and warns when the coming year holds too few campaigns.
A campaign is followed up by a session that looked back on it after it started; one that ran
before has nothing to look back on. Sessions are only read, never locked or changed.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Literal

from workshop_tui.catalogue import FALLBACK, t
from workshop_tui.domain.campaign import CAMPAIGNS_PER_YEAR, has_started, next_start, overlap
from workshop_tui.domain.deck import CampaignStep, FollowupStep, Workshop
from workshop_tui.domain.service_card import LevelOrigin, origin_words, service_card
from workshop_tui.domain.state import CampaignPlan, EarlierCampaign
from workshop_tui.export.calendar import CalendarCampaign, campaign_calendar, uid_stem
from workshop_tui.export.inert import one_line
from workshop_tui.export.outcome import group_name
from workshop_tui.export.source import LoadedSession, load_session
from workshop_tui.session.rebuild import StoreError

CampaignState = Literal["planned", "running", "ended", "follow-up due", "followed up"]
YEAR = timedelta(days=365)


@dataclass(frozen=True)
class Followup:
    """A later session's followup step: when, and how the phones said the goal went."""

    session: str
    on: date
    reached: dict[str, int]


@dataclass(frozen=True)
class Campaign:
    """A chosen campaign's plan, and the session and step it was chosen in."""

    group: str
    session: str
    chosen: date
    step_id: str
    plan: CampaignPlan
    # What its calendar events' UIDs are made of (`export.calendar.uid_stem`), the same as the
    # session's own calendar export gives them; empty only for a campaign made up by hand.
    uid_stem: str = ""

    @property
    def title(self) -> str:
        return self.plan.title

    @property
    def goal(self) -> str:
        return self.plan.goal

    @property
    def owner(self) -> str:
        return self.plan.owner

    # The rule only keeps a plan whose dates parse, so reading them here cannot fail.
    @property
    def start(self) -> date:
        return date.fromisoformat(self.plan.start)

    @property
    def end(self) -> date:
        return date.fromisoformat(self.plan.end)

    @property
    def followup_on(self) -> date:
        return date.fromisoformat(self.plan.followup)


@dataclass(frozen=True)
class SessionRecord:
    """What the register needs from one session."""

    session: str
    group: str
    created: datetime
    campaigns: tuple[Campaign, ...]
    followup: Followup | None
    # (session file name, campaign step id) the session's header says it follows up.
    follows: tuple[str, str] | None = None
    # The level the session locked, agreed or a draft, on its day; None when it locked none.
    level: LevelOrigin | None = None


@dataclass(frozen=True)
class Entry:
    """A campaign with its state on the register's day."""

    campaign: Campaign
    state: CampaignState
    followed_up: Followup | None


@dataclass(frozen=True)
class GroupRegister:
    """A group's campaigns, how many run in the coming year, when the next should start, and
    the level of its latest session that locked one (None: no session has)."""

    group: str
    entries: tuple[Entry, ...]
    in_coming_year: int
    next_due: date | None
    level: LevelOrigin | None = None

    def overlapping(self, entry: Entry) -> tuple[Entry, ...]:
        """The group's other campaigns whose periods share a day with `entry`'s."""
        return tuple(
            other
            for other in self.entries
            if other is not entry and overlap(other.campaign.plan, entry.campaign.plan)
        )

    @property
    def due(self) -> tuple[Entry, ...]:
        """Campaigns whose follow-up date has come and that no session has followed up."""
        return tuple(e for e in self.entries if e.state == "follow-up due")

    @property
    def too_few(self) -> bool:
        return self.in_coming_year < CAMPAIGNS_PER_YEAR


def record(session: LoadedSession) -> SessionRecord:
    """The campaigns chosen in a session and, if its followup step was answered, that follow-up."""
    state = session.state
    group = group_name(session.meta)
    created = datetime.fromisoformat(str(session.meta["created"]))
    campaigns = []
    reached: Counter[str] = Counter()
    for step in state.workshop.steps:
        step_state = state.steps[step.id]
        if isinstance(step, CampaignStep) and step_state.plan is not None:
            stem = uid_stem(state.room, str(session.meta["created"]), step.id)
            campaigns.append(
                Campaign(group, session.path.name, created.date(), step.id, step_state.plan, stem)
            )
        elif isinstance(step, FollowupStep):
            for answers in step_state.answers.values():
                reached.update(a["reached"] for a in answers.values())
    followup = Followup(session.path.name, created.date(), dict(reached)) if reached else None
    earlier = state.earlier_campaign
    follows = None if earlier is None else (earlier.session, earlier.step_id)
    card = service_card(state)
    level = (
        LevelOrigin("draft" if card.draft else "agreed", created.date().isoformat())
        if card.locked and not card.carried
        else None
    )
    return SessionRecord(
        session.path.name, group, created, tuple(campaigns), followup, follows, level
    )


def state_on(campaign: Campaign, today: date, followed_up: bool) -> CampaignState:
    """Where a campaign stands on `today`."""
    if followed_up:
        return "followed up"
    if today < campaign.start:
        return "planned"
    if today <= campaign.end:
        return "running"
    return "follow-up due" if today >= campaign.followup_on else "ended"


def register(records: Iterable[SessionRecord], today: date) -> list[GroupRegister]:
    """Every group's campaigns on `today`, groups by name, campaigns by start date.

    A session whose followup step has answers follows up the campaign its header names (see
    `earlier_campaign`); a session from before that link follows up the group's most recent
    campaign chosen in an earlier session that was not yet followed up. Either only when the
    campaign had started by the session's day: looking back on one still to come follows
    nothing up, and it stays open for the next follow-up.
    """
    by_group: dict[str, list[SessionRecord]] = {}
    for rec in records:
        by_group.setdefault(rec.group.casefold(), []).append(rec)
    result = []
    for recs in by_group.values():
        recs.sort(key=lambda r: r.created)
        followed: dict[Campaign, Followup] = {}
        chosen: list[Campaign] = []
        for rec in recs:
            if rec.followup is not None:
                started = [c for c in chosen if has_started(c.plan, rec.followup.on)]
                if rec.follows is not None:
                    targets = [c for c in started if (c.session, c.step_id) == rec.follows]
                else:
                    targets = [c for c in started if c not in followed]
                if targets:
                    followed[targets[-1]] = rec.followup
            chosen.extend(rec.campaigns)
        chosen.sort(key=lambda c: (c.start, c.chosen))
        entries = tuple(
            Entry(c, state_on(c, today, c in followed), followed.get(c)) for c in chosen
        )
        horizon = today + YEAR
        coming = sum(1 for c in chosen if c.end >= today and c.start < horizon)
        next_due = max(today, next_start(chosen[-1].start)) if chosen else today
        level = next((r.level for r in reversed(recs) if r.level is not None), None)
        result.append(GroupRegister(recs[-1].group, entries, coming, next_due, level))
    return sorted(result, key=lambda g: g.group.casefold())


def load_records(sessions_dir: Path) -> tuple[list[SessionRecord], list[str]]:
    """Read every session in a folder; files that are not readable sessions are listed apart."""
    records, skipped = [], []
    for path in sorted(sessions_dir.glob("*.json")):
        try:
            records.append(record(load_session(path)))
        except (StoreError, KeyError, ValueError) as exc:
            skipped.append(f"{path.name}: {exc}")
    return records, skipped


def earlier_campaign(
    sessions_dir: Path, group: str, today: date | None = None
) -> EarlierCampaign | None:
    """The campaign a new followup session of `group` (case-insensitive) on `today` looks back
    on, among the group's campaigns that no session has followed up yet, or None.

    That is the most recently chosen one that has started: a group often plans its next
    campaign before following up the last, and the one still to come has nothing to look back
    on yet. Only when none has started is it the next one to start, and the projector's
    followup view (and `workshop-tui run`) then say plainly that it has not started.
    """
    if not sessions_dir.is_dir():
        return None
    today = today or date.today()
    records, _ = load_records(sessions_dir)
    wanted = group.strip().casefold()
    candidates = [
        entry.campaign
        for found in register(records, today)
        if found.group.casefold() == wanted
        for entry in found.entries
        if entry.followed_up is None
    ]
    if not candidates:
        return None
    started = [c for c in candidates if has_started(c.plan, today)]
    if started:
        chosen = max(started, key=lambda c: (c.chosen, c.session, c.start))
    else:
        chosen = min(candidates, key=lambda c: (c.start, c.chosen, c.session))
    return EarlierCampaign(chosen.session, chosen.step_id, chosen.plan)


def to_follow_up(
    workshop: Workshop, sessions_dir: Path, group: str | None, today: date | None = None
) -> EarlierCampaign | None:
    """The earlier campaign a new session of `workshop` on `today` follows up: only a workshop
    with a followup step, run for a named group, has one."""
    if not group or not group.strip():
        return None
    if not any(isinstance(step, FollowupStep) for step in workshop.steps):
        return None
    return earlier_campaign(sessions_dir, group, today)


def not_started_notice(
    earlier: EarlierCampaign | None, today: date, language: str = FALLBACK
) -> str | None:
    """What the command line says when the campaign a session follows up has not started by
    `today` (see `earlier_campaign`), in `language`; None when there is nothing to say."""
    if earlier is None or has_started(earlier.plan, today):
        return None
    plan = earlier.plan
    return t(language, "cli_followup_not_started", title=one_line(plan.title), start=plan.start)


# The catalogue's word for each state; the register itself keeps the stable code.
_STATE_KEYS: dict[CampaignState, str] = {
    "planned": "campaigns_state_planned",
    "running": "campaigns_state_running",
    "ended": "campaigns_state_ended",
    "follow-up due": "campaigns_state_due",
    "followed up": "campaigns_state_followed_up",
}


def render(groups: Sequence[GroupRegister], today: date, language: str = FALLBACK) -> str:
    """The register as plain text for the terminal, in `language`; group and campaign texts on
    one line each."""
    states = {state: t(language, key) for state, key in _STATE_KEYS.items()}
    width = max(len(word) for word in states.values())
    lines: list[str] = []
    for group in groups:
        lines.append(one_line(group.group))
        if group.level is not None:
            said = origin_words(group.level, partial(t, language))
            lines.append("  " + t(language, "campaigns_level", origin=said))
        lines.append("")
        for entry in group.entries:
            c = entry.campaign
            line = t(
                language,
                "campaigns_entry",
                start=c.start,
                end=c.end,
                title=one_line(c.title),
                owner=one_line(c.owner),
                followup=c.followup_on,
            )
            lines.append(f"  {states[entry.state]:<{width}}  {line}")
            lines.append(f"  {'':<{width}}  {t(language, 'campaigns_goal', goal=one_line(c.goal))}")
            for other in group.overlapping(entry):
                o = other.campaign
                said = t(
                    language,
                    "campaigns_overlaps",
                    title=one_line(o.title),
                    start=o.start,
                    end=o.end,
                )
                lines.append(f"  {'':<{width}}  {said}")
            if entry.followed_up is not None:
                reached = entry.followed_up.reached
                verdict = ", ".join(
                    f"{t(language, f'reached_{k}').lower()} {reached[k]}"
                    for k in ("yes", "partly", "no")
                    if k in reached
                )
                said = t(
                    language, "campaigns_followed_up", date=entry.followed_up.on, verdict=verdict
                )
                lines.append(f"  {'':<{width}}  {said}")
        if not group.entries:
            lines.append("  " + t(language, "campaigns_none_chosen"))
        for entry in group.due:
            c = entry.campaign
            due = t(
                language,
                "campaigns_due",
                date=c.followup_on,
                title=one_line(c.title),
                owner=one_line(c.owner),
            )
            lines.append(f"  {due}")
        if group.too_few:
            warning = t(
                language,
                "campaigns_too_few",
                count=group.in_coming_year,
                today=today,
                until=today + YEAR,
                per_year=CAMPAIGNS_PER_YEAR,
                next=group.next_due,
            )
            lines.append(f"  {warning}")
        lines.append("")
    return "\n".join(lines)


def report(
    sessions_dir: Path, today: date, group: str | None = None, language: str = FALLBACK
) -> str:
    """The register of a sessions folder as text in `language`, for one group
    (case-insensitive) or all."""
    records, skipped = load_records(sessions_dir)
    groups = register(records, today)
    if group is not None:
        groups = [g for g in groups if g.group.casefold() == group.strip().casefold()]
    if not groups:
        known = ", ".join(sorted({r.group for r in records})) or t(language, "campaigns_no_groups")
        if group is not None:
            text = t(
                language,
                "campaigns_none_for_group",
                group=repr(group),
                folder=sessions_dir,
                known=known,
            )
        else:
            text = t(language, "campaigns_none", folder=sessions_dir, known=known)
        text += "\n"
    else:
        text = render(groups, today, language)
    if skipped:
        text += f"\n{t(language, 'campaigns_skipped')}\n" + "".join(f"  {s}\n" for s in skipped)
    return text


def year_calendar(
    sessions_dir: Path, group: str, today: date, language: str = FALLBACK
) -> bytes | None:
    """The calendar of `group`'s (case-insensitive) year: every campaign of the group with a
    day still to come in the year from `today` (its period or its follow-up), as iCalendar
    in `language`; None when there is none. The UIDs are those of each session's own
    calendar export, so importing both, or this one again next month, adds nothing twice."""
    records, _ = load_records(sessions_dir)
    wanted = group.strip().casefold()
    chosen = [
        CalendarCampaign(entry.campaign.uid_stem, found.group, entry.campaign.plan)
        for found in register(records, today)
        if found.group.casefold() == wanted
        for entry in found.entries
        if entry.campaign.followup_on >= today and entry.campaign.start < today + YEAR
    ]
    return campaign_calendar(chosen, language) if chosen else None


def calendar_path(sessions_dir: Path, group: str) -> Path:
    """Where `campaigns --ics` writes a group's calendar unless told: `exports/` beside the
    sessions folder, as the session exports, named after the group."""
    return sessions_dir.parent / "exports" / f"campaigns-{file_slug(group)}.ics"


def file_slug(group: str) -> str:
    """A group's name as part of a file name: letters and digits (å, ä, ö too), dashes."""
    return re.sub(r"\W+", "-", group.strip().casefold()).strip("-") or "group"
