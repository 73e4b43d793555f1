"""A group's history across its sessions: what the group report (`workshop-tui report`) and a
followup session look back on.

Sessions are gathered from one or more folders (several laptops' `sessions/`), only read, never
locked. A file that is not a readable session is listed and skipped; the same session found in
two folders (copied from one laptop to another) counts once. Everything here is anonymous: the
levels are the group's service card, the scale steps are means, the follow-up answers are
counts and the texts of what changed, in an order that says nothing about who wrote them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from workshop_tui.domain import tally
from workshop_tui.domain.deck import FollowupStep, ScaleStep, Workshop
from workshop_tui.domain.parallel import read_in, stored_translations
from workshop_tui.domain.service_card import AreaLevel, service_card
from workshop_tui.domain.state import PreviousLevel, PreviousResults
from workshop_tui.export.outcome import group_name
from workshop_tui.export.source import LoadedSession, load_session
from workshop_tui.group.campaigns import Entry, record, register
from workshop_tui.session.rebuild import Headers, StoreError

# What replaying a file that is not one of our sessions can raise: the store's own refusal,
# and the missing keys, wrong values and wrong types of a JSON file from somewhere else.
UNREADABLE = (StoreError, KeyError, ValueError, TypeError, AttributeError, IndexError)


@dataclass(frozen=True)
class Scale:
    """One scale step of a session: its items and each item's mean rating (None: unrated)."""

    step_id: str
    title: str
    items: tuple[str, ...]
    low: int
    high: int
    means: tuple[float | None, ...]
    responses: int


@dataclass(frozen=True)
class FollowupAnswers:
    """A session's followup step: how many said the goal was reached, partly or not, and what
    changed, sorted so that the order tells nobody who wrote what."""

    reached: dict[str, int]
    changed: tuple[str, ...]


@dataclass(frozen=True)
class SessionPoint:
    """One session of the group, as its history shows it. `locked` says the session locked
    levels of its own (one that only carried the group's earlier levels did not), `draft`
    that its fist of five did not agree on them; `levels_in` has those levels in the words
    of each other language the session offered its phones (`--also-in`), by language."""

    session: str
    held: datetime
    workshop: str
    language: str
    participants: int
    locked: bool
    levels: tuple[AreaLevel, ...]
    scales: tuple[Scale, ...]
    followup: FollowupAnswers | None
    draft: bool = False
    levels_in: dict[str, tuple[AreaLevel, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class GroupHistory:
    """Every session of a group in the order they were held, and its campaign register."""

    group: str
    sessions: tuple[SessionPoint, ...]
    campaigns: tuple[Entry, ...]
    skipped: tuple[str, ...]
    today: date
    # The language the facilitator asked the report to be written in (`--lang`), if any.
    written_in: str | None = None

    @property
    def language(self) -> str:
        """The language the report is written in: the one asked for, else the one the group's
        latest session was run in (the group's own words stay as they wrote them)."""
        return self.written_in or self.sessions[-1].language

    def followup_of(self, entry: Entry) -> FollowupAnswers | None:
        """The answers of the session that followed up a campaign, if one has."""
        if entry.followed_up is None:
            return None
        found = [s for s in self.sessions if s.session == entry.followed_up.session]
        return found[0].followup if found else None


def point(session: LoadedSession) -> SessionPoint:
    """What a session adds to its group's history."""
    state = session.state
    card = service_card(state)
    scales = []
    reached: Counter[str] = Counter()
    changed: list[str] = []
    for step in state.workshop.steps:
        step_state = state.steps[step.id]
        if isinstance(step, ScaleStep):
            # The last round is the group's answer; an earlier one was discussed and re-rated.
            last = step_state.answers.get(max(step_state.answers), {})
            items = tally.scale_items(last.values(), len(step.items), step.min, step.max)
            if last:
                scales.append(
                    Scale(
                        step.id,
                        step.title,
                        tuple(step.items),
                        step.min,
                        step.max,
                        tuple(item.mean for item in items),
                        len(last),
                    )
                )
        elif isinstance(step, FollowupStep):
            for answers_ in step_state.answers.values():
                for answer in answers_.values():
                    reached[answer["reached"]] += 1
                    if answer.get("changed"):
                        changed.append(answer["changed"])
    info = state.workshop.workshop
    own = not card.carried
    # The card as the session's phones of each other language read it: the same translator.
    translations = stored_translations(session.meta) if own and card.locked else {}
    levels_in = {
        language: service_card(read_in(state, translation)).areas
        for language, translation in translations.items()
    }
    return SessionPoint(
        session.path.name,
        datetime.fromisoformat(str(session.meta["created"])),
        info.title,
        info.language,
        len(state.participants),
        card.locked and own,
        card.areas if own else (),
        tuple(scales),
        FollowupAnswers(dict(reached), tuple(sorted(changed))) if reached else None,
        card.draft and own,
        levels_in,
    )


def session_files(folders: Sequence[Path]) -> list[Path]:
    """Every session file in the folders, in folder order then by name."""
    return [path for folder in folders for path in sorted(folder.glob("*.json"))]


def gather(folders: Sequence[Path], group: str, today: date) -> GroupHistory | None:
    """The history of `group` (case-insensitive) from every session in `folders` on `today`;
    None when no session of the group was found. Unreadable files are listed in `skipped`."""
    wanted = group.strip().casefold()
    skipped: list[str] = []
    seen: set[tuple[str, str]] = set()
    points: list[SessionPoint] = []
    records = []
    headers = Headers()
    for path in session_files(folders):
        try:
            session = load_session(path, headers)
            # The room and the minute it began name a session wherever its file was copied.
            key = (session.state.room, str(session.meta["created"]))
            if group_name(session.meta).casefold() != wanted or key in seen:
                continue
            found, rec = point(session), record(session)
        except UNREADABLE as exc:
            skipped.append(f"{path}: {exc}")
            continue
        seen.add(key)
        points.append(found)
        records.append(rec)
    if not points:
        return None
    [campaigns] = register(records, today)
    points.sort(key=lambda p: p.held)
    return GroupHistory(campaigns.group, tuple(points), campaigns.entries, tuple(skipped), today)


def previous_results(
    folders: Sequence[Path], group: str | None, workshop: Workshop, today: date | None = None
) -> PreviousResults | None:
    """What a new session of `workshop` for `group` shows beside today's results: per scale
    item it asks (step id and the item's words) the mean of the group's latest session that
    rated it, and per area the level of the group's latest session whose level was locked,
    with that session's day, whether its card was a draft (a draft stays one when carried),
    and its words in every language that session offered (`PreviousLevel`), in `workshop`'s
    language where it is one of them. None without a group, or when no earlier session has
    any of them."""
    if not group or not group.strip():
        return None
    found = gather(folders, group, today or date.today())
    if found is None:
        return None
    asked = {
        (step.id, item)
        for step in workshop.steps
        if isinstance(step, ScaleStep)
        for item in step.items
    }
    scales: dict[str, dict[str, float]] = {}
    for session in reversed(found.sessions):
        for scale in session.scales:
            for item, mean in zip(scale.items, scale.means, strict=True):
                if mean is not None and (scale.step_id, item) in asked:
                    scales.setdefault(scale.step_id, {}).setdefault(item, round(mean, 2))
    locked = [s for s in found.sessions if s.locked]
    levels = {}
    if locked:
        last = locked[-1]
        levels = {a.id: _carried(a, last, workshop.workshop.language) for a in last.levels}
    return PreviousResults(scales, levels) if scales or levels else None


def _carried(area: AreaLevel, session: SessionPoint, language: str) -> PreviousLevel:
    """An area's level locked in `session`, as a session in `language` carries it."""
    names, texts = {}, {}
    worded = [(session.language, area)] + [
        (other_language, other)
        for other_language, others in session.levels_in.items()
        for other in others
        if other.id == area.id
    ]
    for words_language, words in worded:
        names[words_language] = words.name
        if words.level_text is not None:
            texts[words_language] = words.level_text
    return PreviousLevel(
        names.get(language, area.name),
        area.level,
        texts.get(language, area.level_text),
        session.held.date().isoformat(),
        session.draft,
        names,
        texts,
    )


@dataclass(frozen=True)
class Quarter:
    """A calendar quarter of the campaign rhythm and the campaigns that run in it."""

    year: int
    number: int
    first: date
    last: date
    campaigns: tuple[Entry, ...]

    @property
    def gap(self) -> bool:
        return not self.campaigns


def quarters(entries: Iterable[Entry], since: date, until: date) -> list[Quarter]:
    """Every calendar quarter from the one holding `since` to the one holding `until`, each with
    the campaigns that run in it: four a year means one in every quarter, so a quarter with
    none is a gap in the rhythm."""
    chosen = list(entries)
    result = []
    year, number = since.year, (since.month - 1) // 3 + 1
    while (year, number) <= (until.year, (until.month - 1) // 3 + 1):
        first = date(year, 3 * number - 2, 1)
        after = date(year + 1, 1, 1) if number == 4 else date(year, 3 * number + 1, 1)
        last = after - timedelta(days=1)
        running = tuple(e for e in chosen if e.campaign.start <= last and e.campaign.end >= first)
        result.append(Quarter(year, number, first, last, running))
        year, number = (year + 1, 1) if number == 4 else (year, number + 1)
    return result
