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


def wall(step_state: StepState) -> list[WallItem]:
    """All answer items of a prompt step, newest first."""
    built = Wall()
    built.update(step_state)
    return built.newest_first(step_state)


@dataclass(frozen=True)
class _Entry:
    id: str
    participant_id: str
    text: str
    column: int
    at: float


class Wall:
    """A prompt step's wall, kept up to date answer by answer instead of rebuilt.

    With a thousand phones answering, rebuilding the wall (a hash per text, then a sort) for
    every redraw cost more than serving the phones. `update` looks only at the answers that
    changed since the last call (an answer is replaced whole, never edited in place); the
    moderation marks are read only for the items actually shown.
    """

    def __init__(self) -> None:
        self._answers: dict[str, dict[str, Any]] | None = None
        self._seen: dict[str, dict[str, Any]] = {}
        # Newest first; the texts of one answer in the order they were written.
        self._entries: list[_Entry] = []

    def update(self, step_state: StepState) -> None:
        """Catch up with the step's current answers."""
        answers = step_state.current_answers
        if answers is not self._answers:
            # Another round, or a state rebuilt from the file: start again.
            self._answers, self._seen, self._entries = answers, {}, []
        changed = [pid for pid, answer in answers.items() if self._seen.get(pid) is not answer]
        if not changed and len(self._seen) == len(answers):
            return
        gone = set(changed) | (self._seen.keys() - answers.keys())
        if gone:
            self._entries = [e for e in self._entries if e.participant_id not in gone]
            for pid in gone - answers.keys():
                del self._seen[pid]
        for pid in changed:
            answer = answers[pid]
            self._seen[pid] = answer
            at = step_state.answered_at.get(pid, 0.0)
            block = [
                _Entry(item_id(pid, entry["text"]), pid, entry["text"], entry["column"], at)
                for entry in answer["answers"]
            ]
            # Before any answer of the same moment: the one that came last is the newest. The
            # texts of one answer keep the order they were written in.
            where = bisect.bisect_left(self._entries, -at, key=lambda e: -e.at)
            self._entries[where:where] = block

    def __len__(self) -> int:
        return len(self._entries)

    def newest_first(self, step_state: StepState, column: int | None = None) -> list[WallItem]:
        """The items newest first (only one column's, if given), with their moderation."""
        return [_item(step_state, e) for e in self._entries if column is None or e.column == column]

    def window(self, step_state: StepState, start: int, count: int) -> list[WallItem]:
        """`count` items newest first from position `start`: what one screen shows."""
        return [_item(step_state, e) for e in self._entries[start : start + count]]

    def position(self, item_id_: str | None) -> int | None:
        """Where an item is, newest first; None if it is not on the wall."""
        for index, entry in enumerate(self._entries):
            if entry.id == item_id_:
                return index
        return None

    def held(self, step_state: StepState) -> int:
        """How many of the wall's items the word filter holds back."""
        if not any(mod.held for mod in step_state.moderation.values()):
            return 0
        return sum(1 for e in self._entries if _held(step_state, e.id))


def _held(step_state: StepState, iid: str) -> bool:
    mod = step_state.moderation.get(iid)
    return bool(mod and mod.held)


def _item(step_state: StepState, entry: _Entry) -> WallItem:
    mod = step_state.moderation.get(entry.id)
    return WallItem(
        entry.id,
        entry.participant_id,
        entry.text,
        entry.column,
        entry.at,
        bool(mod and (mod.hidden or mod.held)),
        bool(mod and mod.highlighted),
        bool(mod and mod.held),
    )


_WORD = re.compile(r"[^\W\d_]{3,}", re.UNICODE)
STOPWORDS = frozenset(
    [
        "och",
        "att",
        "det",
        "som",
        "för",
        "med",
        "den",
        "har",
        "inte",
        "ett",
        "till",
        "man",
        "kan",
        "alla",
        "vara",
        "eller",
        "när",
        "jag",
        "vi",
        "the",
        "and",
        "for",
        "that",
        "with",
        "are",
        "you",
        "our",
        "all",
        "can",
        "not",
        "but",
        "have",
        "they",
        "was",
        "this",
        "from",
        "ja",
        "on",
        "ei",
        "se",
        "että",
        "kun",
        "niin",
        "jos",
        "tai",
        "kuin",
        "myös",
        "mutta",
        "olla",
        "ovat",
        "joka",
    ]
)


def word_frequencies(texts: Iterable[str], limit: int = 20) -> list[tuple[str, int]]:
    """The most common words (three letters or more, common filler words left out)."""
    counter: Counter[str] = Counter()
    for text in texts:
        counter.update(w for w in (m.lower() for m in _WORD.findall(text)) if w not in STOPWORDS)
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
