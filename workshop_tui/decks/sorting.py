"""Sorting without a cloud: the group's proposals sorted into the ladder's areas, near-duplicates
merged with a count, and a prompt's answers grouped into themes; offline, in sv, fi and en.

Every word is cut to its stem by the Snowball stemmers (the `snowballstemmer` package: pure
Python, BSD-3-Clause, its rules ship in the package, nothing is downloaded), after the language's
filler words (the `stop-words` package's lists) are dropped. Texts are compared as sets of stems.
Finnish bends a stem inside the word ("tervehdin" → tervehd, "tervehtiä" → terveht) and both
Finnish and Swedish glue words into compounds ("poissaoloviesti", "frånvarobesked"), so two stems
also match, more weakly, when they share a long beginning or one holds the other.

Everything here is advice for the facilitator, who moves, merges and splits with a key.

This module sits beside `domain/`, not in it: the stop-word lists are files the `stop-words`
package reads from disk on first use, and `domain/` does no I/O. It depends on `domain.deck` for
the `Area` it reads its vocabulary from, and on nothing else of the app.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache

import snowballstemmer
from stop_words import get_stop_words

from workshop_tui.domain.deck import Area

STEMMERS = {"sv": "swedish", "fi": "finnish", "en": "english"}

# Below this an area's score is no better than a chance word in common: no suggestion.
AREA_THRESHOLD = 0.7
# Two proposals whose stems overlap this much (Jaccard, with the partial matches below) say the
# same thing: measured on the hand-labelled proposals, where no pair from two areas reaches it.
DUPLICATE_THRESHOLD = 0.6
# Answers this close belong to one theme on the wall.
THEME_THRESHOLD = 0.3
# A shared beginning this long ties two stems of one word (gradation, a typo at the end).
PREFIX = 5
PREFIX_WEIGHT = 0.8
# A compound holding a whole stem this long ("poissaoloviest" holds "poissaolo").
INSIDE = 5
INSIDE_WEIGHT = 0.7

# Words a trainer hears for each default area that its name and rungs do not hold, as stems or
# the beginnings of words (each goes through the stemmer too). Role ladders' areas have rungs
# specific enough to stand on their own.
KEYWORDS: dict[str, dict[str, tuple[str, ...]]] = {
    "sv": {
        "greeting": (
            "hej",
            "god morgon",
            "le",
            "ler",
            "leende",
            "vänlig",
            "trevlig",
            "välkomna",
            "bemöter",
            "tilltalar",
            "namn",
            "nicka",
            "tonen",
            "ton",
            "presenterar",
            "ser",
            "besökare",
            "gäst",
        ),
        "availability": (
            "telefon",
            "signal",
            "mejl",
            "e-post",
            "chatt",
            "ringer tillbaka",
            "missat",
            "frånvaro",
            "nå",
            "tillgänglig",
            "öppettid",
            "röstbrevlåda",
            "timmar",
            "läser",
            "stannar",
            "lyssnar",
            "kön",
            "blick",
            "vänta",
            "besvaras",
            "samtal",
        ),
        "promises": (
            "lovar",
            "löfte",
            "besked",
            "återkoppla",
            "återkoppling",
            "följer upp",
            "klar",
            "försenad",
            "dröjer",
            "härnäst",
            "sedan",
            "ärende",
            "äger",
            "tid",
            "synpunkt",
            "klagomål",
            "upprepar",
            "beställning",
            "förklarar",
            "håller",
        ),
        "colleagues": (
            "kollega",
            "kollegor",
            "varandra",
            "arbetskamrat",
            "hjälps åt",
            "lämnar över",
            "överlämning",
            "skift",
            "passet",
            "hoppar in",
            "sjuk",
            "nyanställd",
            "beröm",
            "dela",
            "information",
            "avlastning",
            "inte mitt jobb",
            "anteckning",
        ),
    },
    "fi": {
        "greeting": (
            "tervehdin",
            "tervehtiä",
            "tervehdys",
            "moikata",
            "huomenta",
            "päivää",
            "hymy",
            "hymyillen",
            "ystävällinen",
            "kohtelu",
            "kohtelen",
            "tervetulleeksi",
            "silmiin",
            "katsekontakti",
            "nimeltä",
            "nimellä",
            "esittelen",
            "nyökkään",
            "äänensävy",
            "asiakas",
            "vieras",
            "kävijä",
            "huomaan",
        ),
        "availability": (
            "puhelin",
            "hälytys",
            "sähköposti",
            "chat",
            "soitan takaisin",
            "vastaamatta",
            "poissaolo",
            "tavoittaa",
            "tavoitettavissa",
            "aukioloaika",
            "vastaaja",
            "tunnin",
            "luen",
            "pysähdyn",
            "kuuntelemaan",
            "jono",
            "silmällä",
            "odottaa",
            "vastaus",
            "vastaan",
            "puhelu",
            "viesti",
            "työpäivä",
            "arkipäivä",
        ),
        "promises": (
            "lupaan",
            "lupaus",
            "lupaamaani",
            "ilmoitan",
            "palaan",
            "seuraan",
            "valmis",
            "myöhästyy",
            "viivästyy",
            "seuraavaksi",
            "tapahtuu",
            "asia",
            "hoitaa",
            "aika",
            "palaute",
            "valitus",
            "toistan",
            "tilaus",
            "kerron",
            "pidän",
            "kestää",
            "vastuuhenkilö",
        ),
        "colleagues": (
            "kollega",
            "työkaveri",
            "työtoveri",
            "toisiamme",
            "toisillemme",
            "autetaan",
            "vuoronvaihto",
            "vuoro",
            "tuuraan",
            "sairaana",
            "uudet",
            "kehutaan",
            "jaetaan",
            "jaan",
            "tieto",
            "apua",
            "avuksi",
            "autan",
            "kirjaan",
            "ei kuulu minulle",
        ),
    },
    "en": {
        "greeting": (
            "hello",
            "hi",
            "good morning",
            "smile",
            "friendly",
            "polite",
            "welcome",
            "treat",
            "eye contact",
            "name",
            "nod",
            "tone",
            "introduce",
            "receive",
            "guest",
            "visitor",
            "seen",
        ),
        "availability": (
            "phone",
            "ring",
            "email",
            "inbox",
            "chat",
            "call back",
            "missed",
            "out of office",
            "reach",
            "reachable",
            "available",
            "opening hours",
            "voicemail",
            "hours",
            "reply",
            "respond",
            "stop",
            "listen",
            "queue",
            "eye on",
            "wait",
            "picked up",
        ),
        "promises": (
            "promise",
            "keep",
            "let know",
            "follow up",
            "done",
            "ready",
            "late",
            "delayed",
            "what happens next",
            "case",
            "owns",
            "time",
            "feedback",
            "complaint",
            "repeat",
            "order",
            "explain",
            "get back",
            "stick",
        ),
        "colleagues": (
            "colleague",
            "coworker",
            "each other",
            "team",
            "hand over",
            "handover",
            "shift",
            "step in",
            "sick",
            "new starter",
            "praise",
            "share",
            "information",
            "busy",
            "not my job",
            "hand",
            "back up",
            "note",
        ),
    },
}


@dataclass(frozen=True)
class Suggestion:
    """The area a proposal seems to speak to (None: none of them), and how strongly."""

    area_id: str | None
    score: float


@dataclass(frozen=True)
class Group:
    """Proposals that say the same thing: `indices` into the texts given, `texts` in that
    order; the first is the one to show."""

    indices: tuple[int, ...]
    texts: tuple[str, ...]

    @property
    def count(self) -> int:
        """How many proposals the group stands for."""
        return len(self.texts)

    @property
    def text(self) -> str:
        """The proposal shown for the group."""
        return self.texts[0]


@dataclass(frozen=True)
class Theme:
    """Answers grouped under a word most of them share (`label`, as the group wrote it)."""

    label: str
    indices: tuple[int, ...]
    texts: tuple[str, ...]


def _language(language: str) -> str:
    code = language.split("-")[0].casefold()
    return code if code in STEMMERS else "en"


@cache
def _stemmer(language: str) -> Callable[[str], str]:
    # stemWord(str) -> str; the package ships no type information.
    stem: Callable[[str], str] = snowballstemmer.stemmer(STEMMERS[language]).stemWord
    return stem


# The stop-words lists hold words that carry a routine's meaning here ("vastaan" is "against" and
# "I answer"; the English list of 1,333 has "help", "first", "tell", "name"): these stay. English
# uses its short list of function words instead.
KEEP = {
    "sv": frozenset({"säger", "säga", "gör", "göra", "sedan", "dag", "samma", "först"}),
    "fi": frozenset({"vastaan", "ensin", "uusi", "aika", "heti"}),
}
ENGLISH_FILLERS = frozenset(
    [
        "a",
        "about",
        "after",
        "all",
        "also",
        "am",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "been",
        "before",
        "being",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "even",
        "for",
        "from",
        "had",
        "has",
        "have",
        "he",
        "her",
        "here",
        "him",
        "his",
        "how",
        "i",
        "if",
        "i'm",
        "in",
        "into",
        "is",
        "it",
        "it's",
        "its",
        "just",
        "me",
        "more",
        "most",
        "my",
        "no",
        "not",
        "of",
        "on",
        "only",
        "or",
        "our",
        "out",
        "over",
        "own",
        "she",
        "so",
        "some",
        "such",
        "than",
        "that",
        "the",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "to",
        "too",
        "up",
        "us",
        "very",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "whoever",
        "whom",
        "why",
        "will",
        "with",
        "would",
        "you",
        "your",
        "yours",
    ]
)


@cache
def _fillers(language: str) -> frozenset[str]:
    if language == "en":
        return ENGLISH_FILLERS
    # get_stop_words(language) -> list[str]; the package ships no type information.
    listed: list[str] = get_stop_words(language)
    return frozenset(word.casefold() for word in listed) - KEEP.get(language, frozenset())


_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")


def words(text: str, language: str) -> list[str]:
    """The text's words that carry meaning, lower-cased, filler words dropped."""
    fillers = _fillers(_language(language))
    return [w for w in _WORD.findall(text.casefold()) if w not in fillers and not w.isdigit()]


def stems(text: str, language: str) -> frozenset[str]:
    """The stems of the text's meaningful words ("hälsar", "hälsa" → "häls")."""
    stemmer = _stemmer(_language(language))
    return frozenset(stemmer(word) for word in words(text, language))


def _match(a: str, b: str) -> float:
    """How well two stems are one word: 1 alike, less for a shared beginning or a compound."""
    if a == b:
        return 1.0
    if len(a) >= PREFIX and len(b) >= PREFIX and a[:PREFIX] == b[:PREFIX]:
        return PREFIX_WEIGHT
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    if len(short) >= INSIDE and short in long:
        return INSIDE_WEIGHT
    return 0.0


def _best(stem: str, vocabulary: Iterable[str]) -> tuple[float, str | None]:
    best, which = 0.0, None
    for other in vocabulary:
        score = _match(stem, other)
        if score > best:
            best, which = score, other
            if score == 1.0:
                break
    return best, which


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """Jaccard overlap of two stem sets, a partial match counting as part of a shared stem."""
    if not a or not b:
        return 0.0
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    shared = sum(_best(stem, large)[0] for stem in small)
    return shared / (len(a) + len(b) - shared)


def area_vocabulary(area: Area, language: str) -> frozenset[str]:
    """The stems an area is known by: its name, its rungs and the keywords for its id."""
    language = _language(language)
    texts = [area.name, *area.rungs, *KEYWORDS[language].get(area.id, ())]
    return frozenset().union(*(stems(text, language) for text in texts))


def suggest_areas(texts: Sequence[str], areas: Sequence[Area], language: str) -> list[Suggestion]:
    """For each text, the area whose words it shares most (weighted so that a word every area
    uses counts for little), or None when no area reaches `AREA_THRESHOLD`. Advisory."""
    vocabularies = {area.id: area_vocabulary(area, language) for area in areas}
    spread = Counter(stem for vocabulary in vocabularies.values() for stem in vocabulary)
    weight = {stem: math.log(1 + len(areas) / n) for stem, n in spread.items()}
    suggestions = []
    for text in texts:
        own = stems(text, language)
        scores: dict[str, float] = {}
        for area_id, vocabulary in vocabularies.items():
            total = 0.0
            for stem in own:
                match, which = _best(stem, vocabulary)
                if which is not None:
                    total += match * weight[which]
            scores[area_id] = total
        best = max(scores, key=lambda area_id: scores[area_id], default=None)
        if best is None or scores[best] < AREA_THRESHOLD:
            suggestions.append(Suggestion(None, scores.get(best, 0.0) if best else 0.0))
        else:
            suggestions.append(Suggestion(best, round(scores[best], 3)))
    return suggestions


def _cluster(texts: Sequence[str], language: str, threshold: float) -> list[list[int]]:
    """Greedy grouping in the texts' order: a text joins the first group one of whose members it
    is at least `threshold` similar to, else starts its own."""
    own = [stems(text, language) for text in texts]
    groups: list[list[int]] = []
    for index, mine in enumerate(own):
        for group in groups:
            if any(
                texts[other].casefold() == texts[index].casefold()
                or similarity(mine, own[other]) >= threshold
                for other in group
            ):
                group.append(index)
                break
        else:
            groups.append([index])
    return groups


def merge_near_duplicates(
    texts: Sequence[str], language: str, threshold: float = DUPLICATE_THRESHOLD
) -> list[Group]:
    """The texts with near-duplicates merged: one group per thing said, in the order each was
    first said, each with its count. Advisory: the facilitator splits a wrong merge."""
    return [
        Group(tuple(group), tuple(texts[i] for i in group))
        for group in _cluster(texts, language, threshold)
    ]


def themes(texts: Sequence[str], language: str, threshold: float = THEME_THRESHOLD) -> list[Theme]:
    """A one-column prompt's answers grouped into themes, largest first, each labelled with the
    word its answers share most often (as one of them wrote it)."""
    found = []
    for group in _cluster(texts, language, threshold):
        stemmer = _stemmer(_language(language))
        written: dict[str, Counter[str]] = {}
        for index in group:
            for word in words(texts[index], language):
                written.setdefault(stemmer(word), Counter())[word] += 1
        common = Counter({stem: sum(forms.values()) for stem, forms in written.items()})
        label = written[common.most_common(1)[0][0]].most_common(1)[0][0] if common else ""
        found.append(Theme(label, tuple(group), tuple(texts[i] for i in group)))
    return sorted(found, key=lambda theme: -len(theme.indices))
