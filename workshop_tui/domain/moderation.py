"""The word filter: answers that contain a slur or strong profanity are held for the facilitator.

A held answer is stored and kept like any other; it is only kept off the projector (and out of
vote options and ladder proposals) until the facilitator releases it. The filter is a courtesy
to the room, not a guarantee: it matches whole words, case-insensitively, after folding
diacritics (`jävla` = `javla`), simple leetspeak (`sh1t`, `$hit`) and stretched letters
(`fuuuck`). Spelling a word with spaces or asterisks between its letters gets past it; the
facilitator's hide key is there for that.

A session's language picks its own list, and English is always checked too (people swear in
English in every language). Entries ending in `*` match any word that starts with them, for the
inflected forms of Swedish and especially Finnish.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

_LISTS = {
    "en": """
        fuck* motherfuck* shit shits shitty shithead* bullshit cunt* bitch* asshole* arsehole*
        bastard* dickhead* whore* twat* wanker* wank cocksucker*
        nigger* nigga* faggot* retard retards retarded kike kikes spic spics
        tranny trannies
    """,
    "sv": """
        jävl* helvet* skit skiten skitstövel* fitt* kuk kuken kukar knull* hora horan horor
        horunge* neger negern negrer* blatte* svartskall* bögjävl* mongo mongot efterblivna
        rövhål* arsle*
    """,
    "fi": """
        vittu* vitun vitut perkele* saatana* helvetti* helvetin paska* kusipää* huora* neekeri*
        mulkku* kyrpä* runkkari* jumalauta ryssä* hintti* lutka* nussi* kusi
    """,
}
_LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a",
                       "$": "s", "!": "i", "|": "i", "€": "e"})  # fmt: skip
_TOKEN = re.compile(r"[^\s.,;:?\"'()\[\]{}<>/\\\-_*+=~#%&^`]+")
_EDGES = re.compile(r"^[^\w]+|[^\w]+$")
_LEADING = re.compile(r"^[^\w]+")
_TRAILING = re.compile(r"[^\w]+$")
_RUN = re.compile(r"(.)\1{2,}")


def fold(text: str) -> str:
    """Lowercase without diacritics: how both the lists and the answers are compared."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@cache
def _words(language: str) -> tuple[frozenset[str], tuple[str, ...]]:
    whole: set[str] = set()
    prefixes: list[str] = []
    for lang in {language, "en"}:
        for entry in _LISTS.get(lang, "").split():
            if entry.endswith("*"):
                prefixes.append(fold(entry[:-1]))
            else:
                whole.add(fold(entry))
    return frozenset(whole), tuple(prefixes)


def _candidates(token: str) -> set[str]:
    """The ways a token may spell a word: as written, and read as leetspeak, stretched or not."""
    folded = fold(token)
    # A leading `$` or a closing `!` may be a letter or punctuation: try both readings.
    ends = {folded, _LEADING.sub("", folded), _TRAILING.sub("", folded), _EDGES.sub("", folded)}
    spellings = {_EDGES.sub("", end.translate(_LEET)) for end in ends} | {_EDGES.sub("", folded)}
    out = set()
    for word in spellings:
        out |= {word, _RUN.sub(r"\1", word), _RUN.sub(r"\1\1", word)}
    out.discard("")
    return out


def flagged(text: str, language: str) -> bool:
    """Whether the text holds a word from the session language's list or the English one."""
    whole, prefixes = _words(language)
    for token in _TOKEN.findall(text):
        for word in _candidates(token):
            if word in whole or word.startswith(prefixes):
                return True
    return False
