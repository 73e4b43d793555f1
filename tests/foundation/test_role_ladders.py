"""Ladders per role: every rung of every bundled ladder includes the one below (by what each
rung adds), each role has its own ladders in every language, and a session for a group gets
its role's ladders, its own earlier areas in the follow-up's card check, and its cards first."""

from __future__ import annotations

from pathlib import Path

import pytest

from workshop_tui import cli, decks
from workshop_tui.domain.deck import (
    LANGUAGES,
    ROLE_IDS,
    Area,
    LevelsStep,
    ScaleStep,
    Workshop,
    ladder_gap,
)
from workshop_tui.domain.parallel import first_difference
from workshop_tui.session.hub import Hub


def workshop(name: str, language: str) -> Workshop:
    return decks.load_workshop(decks.bundled_dir() / f"{name}-{language}.toml")[0]


def level(language: str) -> LevelsStep:
    step = workshop("stjarnklass", language).step("level")
    assert isinstance(step, LevelsStep)
    return step


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_rung_of_every_bundled_ladder_includes_the_one_below(language: str) -> None:
    step = level(language)
    # Every role but the general one (the step's own areas) has ladders of its own.
    assert [ladder.role for ladder in step.ladders] == list(ROLE_IDS[1:])
    for role in ROLE_IDS:
        areas = step.areas_for(role)
        assert 3 <= len(areas) <= 4, role
        for area in areas:
            # Each rung names what it adds; without `adds` nothing would hold the ladder.
            assert len(area.adds) == len(area.rungs) >= 3, (role, area.id)
            assert ladder_gap(area.rungs, area.adds) is None, (role, area.id)
            for rung in area.rungs:
                assert len(rung) <= 120, rung


@pytest.mark.parametrize("language", LANGUAGES)
def test_nobody_away_from_a_desk_is_held_to_mail_minutes_or_case_logs(language: str) -> None:
    office = {
        "sv": ("mejl", "minuter", "logg", "ärende"),
        "en": ("e-mail", "email", "minutes", "log", "case"),
        "fi": ("sähköpost", "minuut", "loki", "tapauksen"),
    }[language]
    for role in ("cleaning", "reception", "restaurant"):
        for area in level(language).areas_for(role):
            for rung in area.rungs:
                assert not any(word in rung.lower() for word in office), (role, rung)


def test_a_ladder_that_drops_a_rung_below_is_refused() -> None:
    # Today's broken greeting: rung 4 (names) drops rung 3 (first, eye contact, smile).
    rungs = [
        "I greet customers and colleagues I meet",
        "I greet everyone I meet at work, even those I don't know",
        "I greet first, with eye contact and a smile, everyone I meet",
        "I say the name of someone I greet whose name I know",
    ]
    adds = ["greet", "everyone", "eye contact and a smile", "name"]
    problem = ladder_gap(rungs, adds)
    assert problem is not None and problem.startswith("rung 4 does not contain what rung 2 adds")
    # A rung that adds nothing new is refused too.
    assert "already has" in (ladder_gap(["I greet", "I greet"], ["greet", "greet"]) or "")
    with pytest.raises(ValueError, match="one phrase per rung"):
        Area(id="a", name="A", rungs=["x", "x y"], adds=["x"])


def test_the_old_greeting_ladder_fails_the_check() -> None:
    rungs = [
        "I greet everyone I meet at work",
        "I greet everyone first, with eye contact and a smile",
        "I say the name when I greet someone whose name I know",
    ]
    problem = ladder_gap(rungs, ["greet", "eye contact and a smile", "name"])
    assert problem is not None and problem.startswith("rung 3 does not contain what rung 2 adds")


def test_a_session_for_a_role_climbs_its_ladders_and_records_the_role() -> None:
    plain = workshop("stjarnklass", "en")
    cleaning = plain.for_group("cleaning")
    assert cleaning.workshop.role == "cleaning"
    step = cleaning.step("level")
    assert isinstance(step, LevelsStep)
    assert step.areas == level("en").areas_for("cleaning") and step.ladders == []
    assert step.areas != level("en").areas
    # The Finnish workshop resolved the same way has the same ladders, rung for rung.
    fi = workshop("stjarnklass", "fi").for_group("cleaning").step("level")
    assert isinstance(fi, LevelsStep)
    assert [(a.id, len(a.rungs)) for a in fi.areas] == [(a.id, len(a.rungs)) for a in step.areas]


def test_role_ladders_must_be_parallel() -> None:
    en, cards = decks.load_workshop(decks.bundled_dir() / "stjarnklass-en.toml")
    step = en.step("level")
    assert isinstance(step, LevelsStep)
    shorter = step.ladders[0].model_copy(update={"areas": step.ladders[0].areas[:-1]})
    changed = step.model_copy(update={"ladders": [shorter, *step.ladders[1:]]})
    other = en.model_copy(update={"steps": [changed if s.id == "level" else s for s in en.steps]})
    found = first_difference(en, cards, other, cards)
    assert found is not None and (found.code, found.where) == ("count", "cleaning: ")


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_followup_card_check_asks_about_the_groups_own_areas(language: str) -> None:
    followup = workshop("followup", language)
    check = followup.step("card-check")
    assert isinstance(check, ScaleStep) and check.items_from == "levels"
    own = ["Our lift lobby", "Deliveries"]
    resolved = followup.for_group("general", own).step("card-check")
    assert isinstance(resolved, ScaleStep)
    assert resolved.items == [*own, *check.items]
    # Without a history, only the deck's own lines.
    alone = followup.for_group("general").step("card-check")
    assert isinstance(alone, ScaleStep) and alone.items == check.items


def test_the_groups_role_cards_come_first() -> None:
    _, card_decks = decks.load_workshop(decks.bundled_dir() / "stjarnklass-en.toml")
    bare = card_decks["cards-en"]
    deck = bare.model_copy(
        update={"cards": [c.model_copy(update={"roles": []}) for c in bare.cards]}
    )
    first = deck.cards[-1].model_copy(update={"roles": ["cleaning"]})
    other = deck.cards[0].model_copy(update={"roles": ["restaurant"]})
    tagged = deck.model_copy(update={"cards": [other, *deck.cards[1:-1], first]})
    ordered = tagged.for_role("cleaning")
    assert ordered[0] == first and ordered[-1] == other
    assert [c.id for c in ordered[1:-1]] == [c.id for c in deck.cards[1:-1]]


async def test_run_role_is_kept_by_the_session_its_phones_and_its_resume(tmp_path: Path) -> None:
    args = cli._parser().parse_args(
        [
            "run",
            "stjarnklass-sv",
            "--role",
            "restaurant",
            "--also-in",
            "fi",
            "--sessions-dir",
            str(tmp_path),
        ]
    )
    hub = cli._open_hub(args)
    await hub.start()
    restaurant = level("sv").areas_for("restaurant")
    await hub.close()
    resumed = Hub.resume(hub.path)
    await resumed.start()
    try:
        assert resumed.state.workshop.workshop.role == "restaurant"
        step = resumed.state.workshop.step("level")
        assert isinstance(step, LevelsStep) and step.areas == restaurant
        # The Finnish phones read the restaurant's ladders in Finnish.
        fi = resumed.translations["fi"].workshop.step("level")
        assert isinstance(fi, LevelsStep) and fi.areas == level("fi").areas_for("restaurant")
    finally:
        await resumed.close()
