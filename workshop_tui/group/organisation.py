"""The organisation's view: every group found in one or more sessions folders, and the figures
that compare them (`workshop-tui report --all`, `workshop-tui group`).

The folders are several facilitators' `sessions/`, synced into one place. Each `*.json` file in
them is a session file or a JSON export (`workshop-tui export --format json`, so that a coach
can send an export instead); anything else is listed and skipped. A session seen twice (copied
to two folders, or as its file and as its export) counts once: the room and the minute it began
name it wherever it went. Sessions are only read, never locked.

Groups, never people: what is kept of a session is its group's card, scale means, campaign
plans, follow-up counts and the count of each option in the managers' step.
"""

from __future__ import annotations

import json
import statistics
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from workshop_tui.domain.campaign import CAMPAIGNS_PER_YEAR
from workshop_tui.domain.deck import ChoiceStep
from workshop_tui.domain.service_card import AreaLevel, LevelOrigin
from workshop_tui.domain.state import CampaignPlan
from workshop_tui.export.calendar import uid_stem
from workshop_tui.export.json_export import FORMAT, VERSION
from workshop_tui.export.outcome import group_name
from workshop_tui.export.source import LoadedSession, load_session
from workshop_tui.group.campaigns import (
    YEAR,
    Campaign,
    Entry,
    Followup,
    GroupRegister,
    SessionRecord,
    record,
    register,
)
from workshop_tui.group.history import (
    UNREADABLE,
    FollowupAnswers,
    Scale,
    SessionPoint,
    point,
    session_files,
)
from workshop_tui.session.rebuild import Headers

# A group not met for longer than this has gone a quarter without a session: service is
# perishable, and the method meets at least once a quarter (one campaign each).
QUARTER = timedelta(days=91)
# A session without a role (every session until roles are added) was run for the general ladder.
GENERAL = "general"
# The bundled workshops' step ids the organisation compares: the culture scale (star-class),
# the managers' commitments (a choice step) and the follow-up's check of the card, whose last
# item asks whether the managers did what they promised.
CULTURE_STEP = "culture"
MANAGERS_STEP = "managers"
CARD_CHECK_STEP = "card-check"
# An export keeps each rating, not the ends of its scale; the bundled scales all run 1–5 and
# the organisation's figures read only the means.
_EXPORT_SCALE = (1, 5)
# How much of a file is read to tell an export from a session file: an export begins with its
# format (`json_export.outcome_json`).
_HEAD = 200


@dataclass(frozen=True)
class Sitting:
    """One session of a group as the organisation sees it: from a session file or an export.
    `ladder` is (workshop id, role): rung numbers are compared only within one ladder.
    `managers` is each option of the managers' step with how many chose it, most first."""

    group: str
    ladder: tuple[str, str]
    point: SessionPoint
    record: SessionRecord
    managers: tuple[tuple[str, int], ...]


def role_of(header: Mapping[str, Any]) -> str:
    """The role a session was run for: the header's (a session's meta or an export's) `role`,
    else its workshop's, else the general ladder. The one place a session's role is read."""
    workshop = header.get("workshop")
    info = workshop.get("workshop") if isinstance(workshop, dict) else None
    for source in (header, info if isinstance(info, dict) else {}):
        role = source.get("role")
        if isinstance(role, str) and role.strip():
            return role.strip()
    return GENERAL


def _from_session(session: LoadedSession) -> Sitting:
    state = session.state
    managers: Counter[str] = Counter()
    for step in state.workshop.steps:
        answers = state.steps[step.id].answers
        if isinstance(step, ChoiceStep) and step.id == MANAGERS_STEP and answers:
            for answer in answers[max(answers)].values():
                managers.update(step.options[i] for i in answer["options"])
    return Sitting(
        group_name(session.meta),
        (state.workshop.workshop.id, role_of(session.meta)),
        point(session),
        record(session),
        tuple(managers.most_common()),
    )


def _session_name(data: Mapping[str, Any]) -> str:
    """The file name the session of an export had (`store.session_filename`), so that a
    follow-up that names it finds its campaign."""
    held = datetime.fromisoformat(str(data["created"]))
    return f"{held:%Y-%m-%d_%H%M}_{data['workshop_id']}_{data['room']}.json"


def _last_round(step: Mapping[str, Any]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = step["rows"]
    last = max((row["round"] for row in rows), default=0)
    return [row for row in rows if row["round"] == last and not row["withheld"]]


def _from_export(data: Mapping[str, Any]) -> Sitting:
    """A sitting from an export: its card, scales, follow-up and campaign. An export does not
    keep which campaign its follow-up looked back on, so the register's rule for sessions
    from before that link applies (the group's latest started campaign not followed up)."""
    if data.get("version") != VERSION:
        raise ValueError(f"an export of version {data.get('version')} (this one reads {VERSION})")
    name = _session_name(data)
    held = datetime.fromisoformat(str(data["created"]))
    group = str(data["group"])
    card = data["card"]
    own = bool(card["locked"]) and not card["carried"]
    levels = tuple(
        AreaLevel(
            a["id"], a["name"], a["level"], a["level_text"], a["aspiration"], a["aspiration_text"]
        )
        for a in card["areas"]
    )
    scales = []
    reached: Counter[str] = Counter()
    changed: list[str] = []
    managers: Counter[str] = Counter()
    for step in data["steps"]:
        rows = _last_round(step)
        if step["kind"] == "scale" and rows:
            items = list(step["items"])
            ratings: dict[str, list[int]] = {}
            for row in rows:
                ratings.setdefault(row["item"], []).append(int(row["number"]))
            means = tuple(statistics.fmean(ratings[i]) if i in ratings else None for i in items)
            people = len({row["participant"] for row in rows})
            scales.append(
                Scale(step["id"], step["title"], tuple(items), *_EXPORT_SCALE, means, people)
            )
        elif step["kind"] == "followup":
            for row in step["rows"]:
                if row["item"] == "reached":
                    reached[row["text"]] += 1
                elif row["item"] == "changed" and row["text"]:
                    changed.append(row["text"])
        elif step["kind"] == "choice" and step["id"] == MANAGERS_STEP:
            managers.update(row["item"] for row in rows)
    session = SessionPoint(
        name,
        held,
        str(data["workshop_title"]),
        str(data["language"]),
        int(data["participants"]),
        own,
        levels if own else (),
        tuple(scales),
        FollowupAnswers(dict(reached), tuple(sorted(changed))) if reached else None,
        bool(card["draft"]) and own,
    )
    campaigns: tuple[Campaign, ...] = ()
    if card["campaign"] is not None:
        step_id = str(card["campaign_step_id"])
        stem = uid_stem(str(data["room"]), str(data["created"]), step_id)
        plan = CampaignPlan(**card["campaign"])
        campaigns = (Campaign(group, name, held.date(), step_id, plan, stem),)
    followup = Followup(name, held.date(), dict(reached)) if reached else None
    level = LevelOrigin("draft" if session.draft else "agreed", held.date().isoformat())
    rec = SessionRecord(name, group, held, campaigns, followup, None, level if own else None)
    ladder = (str(data["workshop_id"]), role_of(data))
    return Sitting(group, ladder, session, rec, tuple(managers.most_common()))


def read_sitting(path: Path, headers: Headers | None = None) -> tuple[tuple[str, str], Sitting]:
    """A session file or a JSON export as a sitting, with the (room, created) that name its
    session; raises one of `history.UNREADABLE` for anything else. `headers`: see `Headers`."""
    with path.open("rb") as file:
        head = file.read(_HEAD)
    if f'"format": "{FORMAT}"'.encode() in head:
        data = json.loads(path.read_text(encoding="utf-8"))
        return (str(data["room"]), str(data["created"])), _from_export(data)
    session = load_session(path, headers)
    return (session.state.room, str(session.meta["created"])), _from_session(session)


def read_folders(folders: Sequence[Path]) -> tuple[list[Sitting], list[str]]:
    """Every sitting in the folders (each `*.json`, folder order then by name), a session
    seen twice once; the files that are neither a session nor an export, with why."""
    seen: set[tuple[str, str]] = set()
    sittings: list[Sitting] = []
    skipped: list[str] = []
    headers = Headers()
    for path in session_files(folders):
        try:
            key, sitting = read_sitting(path, headers)
        except (*UNREADABLE, UnicodeDecodeError, OSError) as exc:
            skipped.append(f"{path}: {exc}")
            continue
        if key not in seen:
            seen.add(key)
            sittings.append(sitting)
    return sittings, skipped


@dataclass(frozen=True)
class Commitments:
    """The managers' commitments a group asked for (each option and how many chose it, most
    first) on `asked`, and how its latest follow-up after that rated them (`judged`, the mean
    of the card check's managers item, on `judged_on`; None until one has)."""

    asked: date
    chosen: tuple[tuple[str, int], ...]
    judged: float | None
    judged_on: date | None


@dataclass(frozen=True)
class GroupView:
    """One group on the organisation's `today`: its sittings in the order held, its campaign
    register, and what the report shows of it."""

    group: str
    sittings: tuple[Sitting, ...]
    register: GroupRegister
    today: date

    @property
    def last_held(self) -> date:
        return self.sittings[-1].point.held.date()

    @property
    def days_since(self) -> int:
        return (self.today - self.last_held).days

    @property
    def not_met(self) -> bool:
        """Not met for more than a quarter."""
        return self.today - self.last_held > QUARTER

    @property
    def level_sitting(self) -> Sitting | None:
        """The latest sitting that locked levels of its own: the group's card as it stands."""
        return next((s for s in reversed(self.sittings) if s.point.locked), None)

    @property
    def draft(self) -> bool:
        """The group's card as it stands is a draft: its fist of five did not agree."""
        found = self.level_sitting
        return found is not None and found.point.draft

    @property
    def ladder(self) -> tuple[str, str] | None:
        found = self.level_sitting
        return None if found is None else found.ladder

    @property
    def culture(self) -> tuple[date, Scale] | None:
        """The culture scale's last means, and the day they were rated."""
        for sitting in reversed(self.sittings):
            for scale in sitting.point.scales:
                if scale.step_id == CULTURE_STEP:
                    return sitting.point.held.date(), scale
        return None

    @property
    def year(self) -> tuple[Entry, ...]:
        """Campaigns started in the twelve months up to today."""
        return tuple(
            e for e in self.register.entries if self.today - YEAR < e.campaign.start <= self.today
        )

    @property
    def followed_up(self) -> int:
        return sum(1 for e in self.year if e.followed_up is not None)

    @property
    def overdue(self) -> tuple[Entry, ...]:
        """Every campaign whose follow-up date has passed unanswered, whenever it ran."""
        return self.register.due

    @property
    def behind(self) -> bool:
        return len(self.year) < CAMPAIGNS_PER_YEAR

    @property
    def commitments(self) -> Commitments | None:
        asked = next((s for s in reversed(self.sittings) if s.managers), None)
        if asked is None:
            return None
        held = asked.point.held
        judged: tuple[float | None, date | None] = (None, None)
        for sitting in self.sittings:
            if sitting.point.held <= held:
                continue
            for scale in sitting.point.scales:
                if scale.step_id == CARD_CHECK_STEP and scale.means[-1] is not None:
                    judged = (scale.means[-1], sitting.point.held.date())
        return Commitments(held.date(), asked.managers, *judged)

    @property
    def open_campaign(self) -> Entry | None:
        """The campaign a coach takes over: the latest chosen that is not followed up."""
        open_ = [e for e in self.register.entries if e.followed_up is None]
        return max(open_, key=lambda e: (e.campaign.chosen, e.campaign.start), default=None)

    @property
    def last_followup(self) -> SessionPoint | None:
        return next((s.point for s in reversed(self.sittings) if s.point.followup), None)

    @property
    def next_due(self) -> date:
        """When the group should next meet: the open campaign's follow-up date, else a quarter
        after its last session."""
        entry = self.open_campaign
        return entry.campaign.followup_on if entry else self.last_held + QUARTER


@dataclass(frozen=True)
class Organisation:
    """Every group found, by name, and the files skipped."""

    groups: tuple[GroupView, ...]
    skipped: tuple[str, ...]
    today: date

    def group(self, name: str) -> GroupView | None:
        """A group by name, case and spaces aside."""
        wanted = name.strip().casefold()
        return next((g for g in self.groups if g.group.casefold() == wanted), None)


def organise(sittings: Iterable[Sitting], skipped: Iterable[str], today: date) -> Organisation:
    """The groups of the sittings (by name, case aside) on `today`."""
    by_group: dict[str, list[Sitting]] = {}
    for sitting in sittings:
        by_group.setdefault(sitting.group.casefold(), []).append(sitting)
    registers = {
        r.group.casefold(): r
        for r in register((s.record for g in by_group.values() for s in g), today)
    }
    groups = []
    for key, found in by_group.items():
        found.sort(key=lambda s: s.point.held)
        groups.append(GroupView(found[-1].group, tuple(found), registers[key], today))
    groups.sort(key=lambda g: g.group.casefold())
    return Organisation(tuple(groups), tuple(skipped), today)


def gather_all(folders: Sequence[Path], today: date) -> Organisation:
    """The organisation as the folders hold it on `today`."""
    sittings, skipped = read_folders(folders)
    return organise(sittings, skipped, today)


@dataclass(frozen=True)
class AreaEvenness:
    """One area of one ladder: each group's rung (counted from 1; 0 when no rung was accepted
    by everyone) and how even they are: the spread from lowest to highest, and the share of
    groups at the most common rung."""

    workshop: str
    role: str
    area_id: str
    area: str
    rungs: tuple[tuple[str, int], ...]

    @property
    def spread(self) -> int:
        values = [r for _, r in self.rungs]
        return max(values) - min(values)

    @property
    def most_common(self) -> tuple[int, int]:
        """The most common rung and how many groups hold it (the higher rung on a tie)."""
        counts = Counter(r for _, r in self.rungs)
        return max(counts.items(), key=lambda kv: (kv[1], kv[0]))


def evenness(org: Organisation) -> list[AreaEvenness]:
    """Per ladder (workshop and role) and area, the rungs of the groups that hold it; rung
    numbers of different ladders are never put side by side."""
    found: dict[tuple[str, str, str], tuple[str, list[tuple[str, int]]]] = {}
    for group in org.groups:
        sitting = group.level_sitting
        if sitting is None:
            continue
        for area in sitting.point.levels:
            key = (*sitting.ladder, area.id)
            rung = 0 if area.level is None else area.level + 1
            found.setdefault(key, (area.name, []))[1].append((group.group, rung))
    return [
        AreaEvenness(workshop, role, area_id, name, tuple(rungs))
        for (workshop, role, area_id), (name, rungs) in sorted(found.items())
    ]


@dataclass(frozen=True)
class ItemSpread:
    """One parameter of the culture scale (by its place on the scale, the same in every
    language's workshop): each group's last mean, and the lowest, middle and highest."""

    index: int
    item: str
    means: tuple[tuple[str, float], ...]

    @property
    def low(self) -> float:
        return min(m for _, m in self.means)

    @property
    def median(self) -> float:
        return statistics.median(m for _, m in self.means)

    @property
    def high(self) -> float:
        return max(m for _, m in self.means)


def culture_spread(org: Organisation, language: str) -> list[ItemSpread]:
    """The spread of the culture scale per parameter across the groups' last means, each named
    as a group rating it in `language` named it (else as the first group did)."""
    names: dict[int, str] = {}
    means: dict[int, list[tuple[str, float]]] = {}
    for group in org.groups:
        culture = group.culture
        if culture is None:
            continue
        scale = culture[1]
        for index, (item, mean) in enumerate(zip(scale.items, scale.means, strict=True)):
            if mean is None:
                continue
            means.setdefault(index, []).append((group.group, mean))
            own = group.sittings[-1].point.language == language
            if index not in names or own:
                names[index] = item
    return [ItemSpread(i, names[i], tuple(means[i])) for i in sorted(means)]


def overall(group: GroupView) -> float | None:
    """A group's culture scale in one figure: the mean of its last means."""
    culture = group.culture
    if culture is None:
        return None
    rated = [m for m in culture[1].means if m is not None]
    return statistics.fmean(rated) if rated else None


def below_middle(org: Organisation, count: int = 5) -> tuple[float | None, list[tuple[str, float]]]:
    """The organisation's middle (the median of the groups' overall culture figures) and the
    `count` groups furthest below it, furthest first, each with how far below."""
    figures = [(g.group, f) for g in org.groups if (f := overall(g)) is not None]
    if not figures:
        return None, []
    middle = statistics.median(f for _, f in figures)
    below = sorted(((g, middle - f) for g, f in figures if f < middle), key=lambda x: -x[1])
    return middle, below[:count]


@dataclass(frozen=True)
class CardUse:
    """A campaign card across the organisation: how often chosen, how often followed up, the
    follow-up answers summed, and how many follow-ups said the goal was reached (more yes
    than partly and no together): the campaigns that moved customers."""

    card_id: str
    title: str
    chosen: int
    followed_up: int
    reached: dict[str, int]
    moved: int


def card_use(org: Organisation) -> list[CardUse]:
    """Every chosen card, most chosen first (then most moved, then by title)."""
    found: dict[str, list[Entry]] = {}
    for group in org.groups:
        for entry in group.register.entries:
            found.setdefault(entry.campaign.plan.card_id, []).append(entry)
    uses = []
    for card_id, entries in found.items():
        reached: Counter[str] = Counter()
        moved = 0
        for entry in entries:
            if entry.followed_up is not None:
                counts = entry.followed_up.reached
                reached.update(counts)
                yes = counts.get("yes", 0)
                moved += yes > sum(counts.values()) - yes
        followed = sum(1 for e in entries if e.followed_up is not None)
        title = entries[-1].campaign.title
        uses.append(CardUse(card_id, title, len(entries), followed, dict(reached), moved))
    return sorted(uses, key=lambda u: (-u.chosen, -u.moved, u.title.casefold()))
