"""The group's maths: ladders, dot votes, fist-of-five and the other tallies the projector shows."""

from __future__ import annotations

import bisect
import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from statistics import mean, pstdev
from typing import Any

from workshop_tui.domain.state import StepState


@dataclass(frozen=True)
class LadderResult:
    """One service area's ladder after a round.

    `counts[i]` is how many people chose rung i as the highest they commit to; `accepts[i]` how
    many accept rung i (everyone who chose it or a higher one). `level` is the highest rung that
    every respondent accepts (None when someone accepts none); `aspiration` is the rung chosen
    by most people, the higher one on a tie.
    """

    counts: tuple[int, ...]
    accepts: tuple[int, ...]
    none: int
    responses: int
    level: int | None
    aspiration: int | None
    lowest: int | None
    highest: int | None


def ladder(choices: Iterable[int], rungs: int) -> LadderResult:
    """Tally one area: `choices` are rung indexes (-1 means "not even the first rung")."""
    picks = list(choices)
    counts = [0] * rungs
    none = 0
    for pick in picks:
        if pick < 0:
            none += 1
        else:
            counts[min(pick, rungs - 1)] += 1
    accepts = [sum(counts[i:]) for i in range(rungs)]
    if not picks:
        return LadderResult(tuple(counts), tuple(accepts), 0, 0, None, None, None, None)
    lowest, highest = min(picks), max(picks)
    level = None if lowest < 0 else min(lowest, rungs - 1)
    top = max(counts) if rungs else 0
    aspiration = max(i for i in range(rungs) if counts[i] == top) if top else None
    return LadderResult(
        tuple(counts),
        tuple(accepts),
        none,
        len(picks),
        level,
        aspiration,
        lowest,
        None if highest < 0 else min(highest, rungs - 1),
    )


def ladders(step_state: StepState, round_: int | None = None) -> dict[str, LadderResult]:
    """Every area's ladder for one round (the current one by default)."""
    answers = step_state.answers.get(round_ or step_state.round, {})
    result = {}
    for area_id, rungs in step_state.ladders.items():
        picks = [a["rungs"][area_id] for a in answers.values() if area_id in a["rungs"]]
        result[area_id] = ladder(picks, len(rungs))
    return result


@dataclass(frozen=True)
class ConsensusResult:
    """Fist-of-five: the distribution 0-5, and whether everyone is at the threshold or above.
    Who is below is only ever counted, never named."""

    counts: tuple[int, ...]
    responses: int
    below: int
    agreed: bool


def consensus(fists: Iterable[int], threshold: int = 3) -> ConsensusResult:
    """Tally fist-of-five answers; agreement needs at least one answer and nobody below."""
    counts = [0] * 6
    for fist in fists:
        counts[fist] += 1
    responses = sum(counts)
    below = sum(counts[:threshold])
    return ConsensusResult(tuple(counts), responses, below, responses > 0 and below == 0)


def consensus_reasons(answers: Iterable[Mapping[str, Any]]) -> list[str]:
    """What the people below the threshold said would bring them up to it, in alphabetical
    order: nothing of who wrote which, nor of the order they came in."""
    return sorted(
        (a["reason"] for a in answers if a.get("reason")), key=lambda r: (r.casefold(), r)
    )


def stacked(budgets: Iterable[Mapping[str, int]]) -> Counter[str]:
    """Sum stackable votes (dots or campaign votes) over participants."""
    total: Counter[str] = Counter()
    for spent in budgets:
        total.update(spent)
    return total


def ranked(total: Mapping[str, int], keys: Iterable[str]) -> list[tuple[str, int]]:
    """Every key with its votes, most votes first; ties keep the given order."""
    order = list(keys)
    return sorted(((k, total.get(k, 0)) for k in order), key=lambda kv: -kv[1])


def choice_counts(answers: Iterable[Mapping[str, Any]], options: int) -> list[int]:
    """How many chose each option of a choice step."""
    counts = [0] * options
    for answer in answers:
        for index in answer["options"]:
            counts[index] += 1
    return counts


@dataclass(frozen=True)
class ScaleItem:
    responses: int
    mean: float | None
    spread: float | None
    lowest: int | None
    highest: int | None
    counts: tuple[int, ...]


def scale_items(
    answers: Iterable[Mapping[str, Any]], items: int, low: int, high: int
) -> list[ScaleItem]:
    """Per item of a scale step: how many rated it, the mean, the standard deviation and range."""
    columns: list[list[int]] = [[] for _ in range(items)]
    for answer in answers:
        for index, rating in enumerate(answer["ratings"]):
            if rating is not None:
                columns[index].append(rating)
    result = []
    for values in columns:
        counts = tuple(values.count(v) for v in range(low, high + 1))
        if values:
            result.append(
                ScaleItem(
                    len(values), mean(values), pstdev(values), min(values), max(values), counts
                )
            )
        else:
            result.append(ScaleItem(0, None, None, None, None, counts))
    return result


def item_id(participant_id: str, text: str) -> str:
    """A prompt answer's id: stable while the text is unchanged, so moderation follows the text."""
    digest = hashlib.sha256(text.encode()).hexdigest()[:10]
    return f"{participant_id}-{digest}"


@dataclass(frozen=True)
class WallItem:
    id: str
    participant_id: str
    text: str
    column: int
    at: float
    # True while held by the word filter too: nothing that skips hidden items shows it.
    hidden: bool
    highlighted: bool
    held: bool = False
    # On the wall, the same text in the same column is one item: how many wrote it, and the
    # ids of every copy (moderating the item moderates them all).
    count: int = 1
    members: tuple[str, ...] = ()


def wall(step_state: StepState, oldest_first: bool = False) -> list[WallItem]:
    """All answer items of a prompt step, newest first (or in the order they arrived)."""
    built = Wall()
    built.update(step_state)
    return built.oldest_first(step_state) if oldest_first else built.newest_first(step_state)


@dataclass(frozen=True)
class _Entry:
    id: str
    participant_id: str
    text: str
    column: int
    at: float
    # The order answers and their texts arrived in, for answers of the same moment.
    seq: int
    index: int


class Wall:
    """A prompt step's wall, kept up to date answer by answer instead of rebuilt.

    With a thousand phones answering, rebuilding the wall (a hash per text, then a sort) for
    every redraw cost more than serving the phones. `update` looks only at the answers that
    changed since the last call (an answer is replaced whole, never edited in place); the
    moderation marks are read only for the items actually shown.

    The same text (ignoring case and spacing) in the same column is shown once, with a count,
    at the place of its newest copy: a room that agrees should not fill the wall with repeats.
    """

    def __init__(self) -> None:
        self._answers: dict[str, dict[str, Any]] | None = None
        self._seen: dict[str, dict[str, Any]] = {}
        # Newest first; the texts of one answer in the order they were written.
        self._entries: list[_Entry] = []
        self._seq = 0
        # The merged wall, newest first: worked out again only after the answers changed.
        self._merged: list[tuple[_Entry, ...]] | None = None
        # Answers the facilitator moved to another column, by item id.
        self._moved: dict[str, int] = {}

    def update(self, step_state: StepState) -> None:
        """Catch up with the step's current answers (and the columns answers were moved to)."""
        moved = {iid: m.column for iid, m in step_state.moderation.items() if m.column is not None}
        if moved != self._moved:
            self._moved, self._merged = moved, None
        answers = step_state.current_answers
        if answers is not self._answers:
            # Another round, or a state rebuilt from the file: start again.
            self._answers, self._seen, self._entries = answers, {}, []
            self._merged = None
        changed = [pid for pid, answer in answers.items() if self._seen.get(pid) is not answer]
        if not changed and len(self._seen) == len(answers):
            return
        self._merged = None
        gone = set(changed) | (self._seen.keys() - answers.keys())
        if gone:
            self._entries = [e for e in self._entries if e.participant_id not in gone]
            for pid in gone - answers.keys():
                del self._seen[pid]
        for pid in changed:
            answer = answers[pid]
            self._seen[pid] = answer
            at = step_state.answered_at.get(pid, 0.0)
            self._seq += 1
            block = [
                _Entry(
                    item_id(pid, entry["text"]),
                    pid,
                    entry["text"],
                    entry["column"],
                    at,
                    self._seq,
                    index,
                )
                for index, entry in enumerate(answer["answers"])
            ]
            # Before any answer of the same moment: the one that came last is the newest. The
            # texts of one answer keep the order they were written in.
            where = bisect.bisect_left(self._entries, -at, key=lambda e: -e.at)
            self._entries[where:where] = block

    def __len__(self) -> int:
        """How many answer texts there are (copies counted)."""
        return len(self._entries)

    def _groups(self) -> list[tuple[_Entry, ...]]:
        if self._merged is None:
            groups: dict[tuple[int, str], list[_Entry]] = {}
            for entry in self._entries:
                key = (self._column(entry), " ".join(entry.text.casefold().split()))
                groups.setdefault(key, []).append(entry)
            # Dicts keep insertion order: each group sits where its newest copy is.
            self._merged = [tuple(group) for group in groups.values()]
        return self._merged

    def _column(self, entry: _Entry) -> int:
        return self._moved.get(entry.id, entry.column)

    def shown(self) -> int:
        """How many items the wall shows (copies merged)."""
        return len(self._groups())

    def newest_first(self, step_state: StepState, column: int | None = None) -> list[WallItem]:
        """The items newest first (only one column's, if given), with their moderation."""
        return [
            _item(step_state, group, self._column(group[0]))
            for group in self._groups()
            if column is None or self._column(group[0]) == column
        ]

    def oldest_first(self, step_state: StepState) -> list[WallItem]:
        """Every answer text in the order they arrived (each answer's texts as written), copies
        not merged: what a vote's options and a ladder's proposals are made from."""
        ordered = sorted(self._entries, key=lambda e: (e.at, e.seq, e.index))
        return [_item(step_state, (e,), self._column(e)) for e in ordered]

    def window(self, step_state: StepState, start: int, count: int) -> list[WallItem]:
        """`count` items newest first from position `start`: what one screen shows."""
        return [
            _item(step_state, group, self._column(group[0]))
            for group in self._groups()[start : start + count]
        ]

    def position(self, item_id_: str | None) -> int | None:
        """Where an item (any copy of it) is, newest first; None if it is not on the wall."""
        for index, group in enumerate(self._groups()):
            if any(entry.id == item_id_ for entry in group):
                return index
        return None

    def on_wall(self, step_state: StepState) -> int:
        """How many answers the room sees on the wall: copies counted, the ones the facilitator
        hid or the word filter holds left out. The projector's heading and the phones' "answers
        on the wall" are this one number."""
        if not step_state.moderation:
            return len(self._entries)
        return sum(len(group) for group in self._groups() if not _item(step_state, group, 0).hidden)

    def hidden(self, step_state: StepState) -> int:
        """How many of the wall's items the facilitator hid (not those the filter holds)."""
        if not step_state.moderation:
            return 0
        return sum(
            1
            for group in self._groups()
            if (item := _item(step_state, group, 0)).hidden and not item.held
        )

    def held(self, step_state: StepState) -> int:
        """How many of the wall's items the word filter holds back."""
        if not any(mod.held for mod in step_state.moderation.values()):
            return 0
        return sum(1 for group in self._groups() if _held(step_state, group[0].id))


def _held(step_state: StepState, iid: str) -> bool:
    mod = step_state.moderation.get(iid)
    return bool(mod and mod.held)


def _item(step_state: StepState, group: tuple[_Entry, ...], column: int) -> WallItem:
    newest = group[0]
    marks = [step_state.moderation.get(entry.id) for entry in group]
    # A copy the facilitator hid or highlighted marks the item; the word filter holds the
    # same text the same way in every copy.
    hidden = any(mod is not None and (mod.hidden or mod.held) for mod in marks)
    return WallItem(
        newest.id,
        newest.participant_id,
        newest.text,
        column,
        newest.at,
        hidden,
        any(mod is not None and mod.highlighted for mod in marks),
        any(mod is not None and mod.held for mod in marks),
        len(group),
        tuple(entry.id for entry in group),
    )


_WORD = re.compile(r"[^\W\d_]{3,}", re.UNICODE)


def word_frequencies(
    texts: Iterable[str], skip: frozenset[str], limit: int = 20
) -> list[tuple[str, int]]:
    """The most common words (three letters or more, the filler words in `skip` left out)."""
    counter: Counter[str] = Counter()
    for text in texts:
        counter.update(w for w in (m.casefold() for m in _WORD.findall(text)) if w not in skip)
    return counter.most_common(limit)


def unique_texts(texts: Iterable[str]) -> list[str]:
    """Texts with duplicates removed (ignoring case and surrounding space), first one kept."""
    seen: set[str] = set()
    result = []
    for text in texts:
        key = " ".join(text.casefold().split())
        if key not in seen:
            seen.add(key)
            result.append(text)
    return result
