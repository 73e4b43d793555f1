"""The offline sorting engine: stems per language, near-duplicates merged, proposals put in the
area a trainer would put them in (the hand labels in tests/data), themes, and no network."""

from __future__ import annotations

import csv
import socket
from pathlib import Path
from typing import Any

import pytest

from workshop_tui import decks
from workshop_tui.decks.sorting import merge_near_duplicates, stems, suggest_areas, themes
from workshop_tui.domain.deck import Area, LevelsStep

DATA = Path(__file__).resolve().parent.parent / "data"


def _labels(language: str) -> list[tuple[str, str | None]]:
    with (DATA / f"proposal-labels-{language}.csv").open(encoding="utf-8", newline="") as f:
        return [(r["text"], None if r["area"] == "none" else r["area"]) for r in csv.DictReader(f)]


def _areas(language: str) -> list[Area]:
    workshop, _ = decks.load_workshop(decks.bundled_dir() / f"stjarnklass-{language}.toml")
    return next(s for s in workshop.steps if isinstance(s, LevelsStep)).areas


@pytest.mark.parametrize(
    ("language", "one", "other"),
    [
        ("sv", "Jag hälsar på alla", "Hälsa på alla"),
        ("sv", "kollegorna", "en kollega"),
        ("fi", "Tervehdin kaikkia", "Tervehtiä kaikkia"),
        ("fi", "lupaukset", "lupaus"),
        ("en", "I greet everyone", "greeting everyone"),
        ("en", "colleagues", "a colleague"),
    ],
)
def test_inflections_of_one_word_are_one_proposal(language: str, one: str, other: str) -> None:
    groups = merge_near_duplicates([one, other], language)
    assert [g.count for g in groups] == [2]


def test_filler_words_are_dropped_and_meaning_kept() -> None:
    assert stems("Jag säger till kunden", "sv") == stems("säger kunden", "sv")
    # "vastaan" is a Finnish filler word ("against") and "I answer": it stays.
    assert stems("vastaan puhelimeen", "fi") != stems("puhelimeen", "fi")


@pytest.mark.parametrize("language", ["sv", "fi", "en"])
def test_different_proposals_are_not_merged(language: str) -> None:
    texts = [text for text, _ in _labels(language)][:40]
    groups = merge_near_duplicates([*texts, texts[0].upper()], language)
    assert groups[0].count == 2 and groups[0].indices == (0, len(texts))
    assert sum(g.count > 1 for g in groups) <= 3


@pytest.mark.parametrize("language", ["sv", "fi", "en"])
def test_the_engine_agrees_with_the_trainer_on_four_in_five(language: str) -> None:
    labelled = _labels(language)
    assert len(labelled) >= 100
    found = suggest_areas([text for text, _ in labelled], _areas(language), language)
    agree = sum(s.area_id == area for s, (_, area) in zip(found, labelled, strict=True))
    assert agree / len(labelled) >= 0.80


def test_a_proposal_about_nothing_of_the_areas_gets_no_area() -> None:
    [suggestion] = suggest_areas(["Bättre kaffe i personalrummet"], _areas("sv"), "sv")
    assert suggestion.area_id is None


def test_themes_gather_answers_that_share_words() -> None:
    answers = [
        "Ett leende i dörren",
        "Svar samma dag",
        "Hon log och hälsade",
        "Ett vänligt leende",
        "Fick svar samma dag",
    ]
    found = themes(answers, "sv")
    assert {t.indices for t in found} == {(0, 3), (1, 4), (2,)}
    assert found[0].label in {"leende", "svar"}


def test_nothing_is_fetched(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("the sorting engine tried to reach the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    for language in ("sv", "fi", "en", "de"):
        texts = [text for text, _ in _labels(language if language != "de" else "en")][:5]
        assert len(suggest_areas(texts, _areas("en"), language)) == 5
        assert merge_near_duplicates(texts, language)
        assert themes(texts, language)
