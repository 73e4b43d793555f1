"""The one catalogue: every key in every language, plural forms, numbers, every refusal code."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from tests.e2e.test_no_english import SAME_AS_ENGLISH, english_left
from workshop_tui.catalogue import LANGUAGES, catalogue, number, refusal, t
from workshop_tui.web.errors import STATUS
from workshop_tui.web.pages import PHONE_SHARED, phone_catalogue

PACKAGE = Path(__file__).resolve().parents[2] / "workshop_tui"
APP_JS = PACKAGE / "web" / "static" / "app.js"
# A refusal's code is its first argument, wherever the call breaks its line; the console's
# socket answers with `_error(code, …)`, which the console shows as a refusal too.
CODE = re.compile(r"\b(?:Refused|ApiError|error_response|_error)\(\s*\"([a-z_]+)\"")


def _fields(text: str) -> frozenset[str]:
    return frozenset(f for _, f, _, _ in string.Formatter().parse(text) if f)


def _codes() -> set[str]:
    codes = set(STATUS)
    for path in PACKAGE.rglob("*.py"):
        codes.update(CODE.findall(path.read_text(encoding="utf-8")))
    return codes


def test_every_key_in_every_language_with_the_same_placeholders() -> None:
    books = {lang: catalogue(lang).texts for lang in LANGUAGES}
    keys = set(books["en"])
    for lang, texts in books.items():
        assert set(texts) == keys, (lang, set(texts) ^ keys)
    for key in keys:
        shapes = set()
        for lang in LANGUAGES:
            entry = books[lang][key]
            forms = entry if isinstance(entry, tuple) else (entry,)
            assert all(form.strip() for form in forms), (lang, key)
            shapes.add((isinstance(entry, tuple), frozenset(_fields(f) for f in forms)))
        assert len(shapes) == 1, (key, shapes)
        if isinstance(books["en"][key], tuple):
            assert "count" in next(iter(next(iter(shapes))[1])), key


@pytest.mark.parametrize("language", ["sv", "fi"])
def test_no_swedish_or_finnish_text_is_left_in_english(language: str) -> None:
    # The Swedish phone's consensus heading once read "Fist of five · Omgång 2".
    assert english_left(language) == []
    # Each exception is still the English text and still the language's own: none outlived
    # a change of either.
    english = catalogue("en").texts
    for lang, key, form in SAME_AS_ENGLISH:
        for book in (catalogue(lang).texts[key], english[key]):
            assert form in (book if isinstance(book, tuple) else (book,)), (lang, key)


@pytest.mark.parametrize(
    ("language", "key", "one", "two"),
    [
        ("sv", "dots", "1 prick", "2 prickar"),
        ("sv", "fingers", "1 finger", "2 fingrar"),
        ("sv", "votes", "1 röst", "2 röster"),
        ("sv", "weeks", "1 vecka", "4 veckor"),
        ("fi", "fingers", "1 sormi", "2 sormea"),
        ("fi", "dots", "1 piste", "2 pistettä"),
        ("fi", "weeks", "1 viikko", "4 viikkoa"),
        ("en", "dots", "1 dot", "2 dots"),
        ("en", "answers_count", "1 answer", "2 answers"),
    ],
)
def test_plural_forms_follow_the_languages_rules(
    language: str, key: str, one: str, two: str
) -> None:
    many = int(two.split()[0])
    assert t(language, key, count=1) == one
    assert t(language, key, count=many) == two
    # CLDR: zero takes the plural form in all three languages.
    assert t(language, key, count=0) == two.replace(str(many), "0", 1)


def test_numbers_are_written_the_languages_way() -> None:
    assert number("sv", 4.0) == "4,0"
    assert number("fi", 4.0) == "4,0"
    assert number("en", 4.0) == "4.0"
    # A float handed to a text gets the same treatment, so no view can print "4.0" in Swedish.
    assert t("sv", "mean", value=4.0) == "medel 4,0"
    assert t("fi", "spread", value=1.25) == "hajonta ±1,2"


def test_every_refusal_code_is_translated_in_every_language() -> None:
    codes = _codes()
    assert {"no_time", "too_long", "joining_closed", "too_many_requests"} <= codes
    for lang in LANGUAGES:
        missing = {c for c in codes if f"error_{c}" not in catalogue(lang).texts}
        assert not missing, (lang, missing)


def test_a_refusal_is_shown_by_its_code_with_its_numbers() -> None:
    english = "the timer has no time left; add a minute first"
    assert refusal("sv", "no_time", {}, english) == (
        "Timern har ingen tid kvar; lägg till en minut först."
    )
    too_long = refusal("fi", "too_long", {"length": 300, "limit": 280}, "x")
    assert "300" in too_long and "280" in too_long and "Liian pitkä" in too_long
    # A code the catalogue lacks (a newer server, say) falls back to the API's English.
    assert refusal("sv", "from_the_future", {}, "future") == "future"


def test_the_phone_has_every_text_its_script_asks_for() -> None:
    source = APP_JS.read_text(encoding="utf-8")
    asked = set(re.findall(r"\bt\(\"([a-z_]+)\"", source))
    asked |= set(re.findall(r"\"(phone_[a-z_]+)\"", source))
    asked |= {f"reached_{o}" for o in ("yes", "partly", "no")}
    asked |= {f"card_consensus_{s}" for s in ("agreed", "not_agreed", "not_taken")}
    asked |= {"dots", "votes"}
    asked -= {"reached_", "card_consensus_"}
    asked |= {f"error_{code}" for code in _codes()}
    for lang in LANGUAGES:
        served = phone_catalogue(lang)
        assert asked <= set(served), (lang, asked - set(served))
        assert set(PHONE_SHARED) <= set(served)


def test_the_phone_gets_plural_forms_by_cldr_category() -> None:
    served = phone_catalogue("fi")
    assert served["dots"] == {"one": "{count} piste", "other": "{count} pistettä"}
    assert isinstance(served["phone_send"], str)
