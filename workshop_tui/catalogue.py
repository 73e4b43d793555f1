"""The one catalogue of every word the product shows, per language (`locale/{sv,en,fi}.po`).

Each entry's msgid is a stable key (`answered`, `error_locked`) and its msgstr the text, with
Python `{name}` placeholders; an entry that depends on a number has plural forms, chosen by the
language's CLDR plural rule from the `count` value. The projector, the phone page (through
`phone_texts`), the exports, the small HTML pages and every refusal read from here, so a word
is written once per language. See docs/translations.md.

A language's file is parsed the first time it is asked for and only then: the projector must
show its QR code within a second of the command, and one session speaks one language.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

LANGUAGES = ("sv", "en", "fi")
FALLBACK = "en"
# CLDR's plural categories in the order gettext numbers a plural entry's msgstr[0], [1], ….
_CLDR_ORDER = ("zero", "one", "two", "few", "many", "other")

Text = str | tuple[str, ...]


@dataclass(frozen=True)
class Catalogue:
    """One language's texts, keyed by msgid; a plural entry holds one text per category."""

    language: str
    texts: Mapping[str, Text]
    categories: tuple[str, ...]


def supported(language: str) -> str:
    """`language` if the catalogue has it, else the fallback (English)."""
    return language if language in LANGUAGES else FALLBACK


@cache
def catalogue(language: str) -> Catalogue:
    """The parsed catalogue of `language` (the fallback's for a language it does not have)."""
    # Imported here, not at the top: Babel's catalogue machinery costs ~90 ms to import and
    # only the first label of a session needs it.
    from babel import Locale
    from babel.messages.pofile import read_po

    language = supported(language)
    source = resources.files("workshop_tui") / "locale" / f"{language}.po"
    with source.open("rb") as handle:
        po = read_po(handle, locale=language)
    texts: dict[str, Text] = {}
    for message in po:
        if not message.id:
            continue  # the header
        key = message.id if isinstance(message.id, str) else message.id[0]
        string = message.string
        texts[key] = string if isinstance(string, str) else tuple(string or ())
    tags = Locale.parse(language).plural_form.tags
    categories = tuple(c for c in _CLDR_ORDER if c in tags or c == "other")
    return Catalogue(language, texts, categories)


def plural_category(language: str, count: float) -> str:
    """The CLDR plural category (`one`, `other`, …) that `count` takes in `language`."""
    from babel import Locale

    return str(Locale.parse(supported(language)).plural_form(count))


def number(language: str, value: float, decimals: int = 1) -> str:
    """`value` with `decimals` decimals as `language` writes it: 4,0 in Swedish and Finnish."""
    from babel.numbers import format_decimal

    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return str(format_decimal(value, pattern, locale=supported(language)))


def _fill(language: str, text: str, values: Mapping[str, Any]) -> str:
    # A float is a measurement (a mean, a spread): it gets the language's decimal comma.
    shown = {k: number(language, v) if isinstance(v, float) else v for k, v in values.items()}
    return text.format(**shown) if shown else text


def t(language: str, key: str, **values: Any) -> str:
    """The text `key` in `language`, filled in with `values`; a plural entry picks its form
    by `count`. A missing key is a programming error (the catalogue tests find it first)."""
    book = catalogue(language)
    entry = book.texts[key]
    if isinstance(entry, tuple):
        category = plural_category(book.language, values["count"])
        index = book.categories.index(category) if category in book.categories else -1
        entry = entry[index]
    return _fill(book.language, entry, values)


def has(language: str, key: str) -> bool:
    """Whether `language`'s catalogue has the text `key`."""
    return key in catalogue(language).texts


def refusal(language: str, code: str, detail: Mapping[str, Any], message: str) -> str:
    """A refusal (the domain's or the web layer's) in `language`, from its stable `code` and
    the numbers in `detail`; the English `message` only for a code the catalogue lacks."""
    key = f"error_{code}"
    if not has(language, key):
        return message
    try:
        return t(language, key, **detail)
    except (KeyError, IndexError):
        # A raise site that left out a number the text needs: say what went wrong anyway.
        return message


def phone_texts(language: str) -> dict[str, str | dict[str, str]]:
    """The catalogue as the phone page reads it: a plural entry as {CLDR category: text}, which
    the page picks with the browser's `Intl.PluralRules`, the same CLDR rules."""
    book = catalogue(language)
    result: dict[str, str | dict[str, str]] = {}
    for key, entry in book.texts.items():
        if isinstance(entry, tuple):
            result[key] = dict(zip(book.categories, entry, strict=True))
        else:
            result[key] = entry
    return result
