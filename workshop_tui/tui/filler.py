"""The filler words left out of the projector's word counts."""

from __future__ import annotations

from functools import cache

from stop_words import get_stop_words

# A mixed room answers in any of the product's languages, whatever the session's language is.
LANGUAGES = ("sv", "en", "fi")


@cache
def filler_words() -> frozenset[str]:
    """The common filler words of Swedish, English and Finnish ("och", "the", "että", …), from
    the stop-words package's lists."""
    words: list[str] = [word for lang in LANGUAGES for word in get_stop_words(lang)]
    return frozenset(word.casefold() for word in words)
