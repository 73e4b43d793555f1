"""The bundled content checks itself: measurable cards for every culture area, observable
ladders, the whole method, and none of the wording a native reviewer flagged."""

from __future__ import annotations

import re

import pytest

from workshop_tui import decks
from workshop_tui.domain.deck import (
    CULTURE_AREAS,
    CardDeck,
    ChoiceStep,
    LevelsStep,
    ScaleStep,
    Workshop,
)

LANGUAGES = ("sv", "en", "fi")

# Each culture area's name at the start of the culture step's item, and the tag a card that
# strengthens the area carries (so the projector, which shows tags, shows the area too).
AREA_WORDS = {
    "sv": {
        "business": ("Affärsmannaskap", "affärsmannaskap"),
        "culture": ("Kultur", "kultur"),
        "recruitment": ("Rekrytering", "rekrytering"),
        "induction": ("Inskolning", "inskolning"),
        "leadership": ("Ledarskap", "ledarskap"),
        "service": ("Service och kundfokus", "kundfokus"),
        "follow-up": ("Servicestyrning och uppföljning", "uppföljning"),
        "communication": ("Intern kommunikation", "internkommunikation"),
    },
    "en": {
        "business": ("Business sense", "business sense"),
        "culture": ("Culture", "culture"),
        "recruitment": ("Recruitment", "recruitment"),
        "induction": ("Induction", "induction"),
        "leadership": ("Leadership", "leadership"),
        "service": ("Service and customer focus", "customer focus"),
        "follow-up": ("Service management and follow-up", "follow-up"),
        "communication": ("Internal communication", "internal comms"),
    },
    "fi": {
        "business": ("Liiketoimintaosaaminen", "liiketoimintaosaaminen"),
        "culture": ("Kulttuuri", "kulttuuri"),
        "recruitment": ("Rekrytointi", "rekrytointi"),
        "induction": ("Perehdytys", "perehdytys"),
        "leadership": ("Johtaminen", "johtaminen"),
        "service": ("Palvelu ja asiakaskeskeisyys", "asiakaskeskeisyys"),
        "follow-up": ("Palvelun ohjaus ja seuranta", "seuranta"),
        "communication": ("Sisäinen viestintä", "sisäinen viestintä"),
    },
}

# Wording a reviewer fluent in the three languages flagged; none of it may come back.
FLAGGED = {
    "sv": [
        "Stäng slingan",
        "Aspiration",
        "ringer ut",
        "snabb röst",
        "ett sätt att vara",
        "anställer för",
        "hälsar på alla jag möter med ögonkontakt",
        "Varje följning",
        "Sätt nivån",
        "dit de flesta vill",
        'Följ med en bit"',
        "En dag i din värld",
    ],
    "en": ["where most people want", "a way of being", "hire for attitude", 'Walk them there"'],
    "fi": [
        "Olemme seuranneet kampanjan",
        "Kahdeksan osa-aluetta kuuluvat",
        "ennen- ja jälkeen",
        "teki eron",
        "Kuinka täysin",
        "täysi vastaus",
        "mittauksissa",
        "rutiinin varaan",
        "mihin useimmat haluaisivat",
        "Viedään loppuun",
        "Päivä sinun työssäsi",
    ],
}

# Pronouns that address one person or the group as "you": a card speaks as "we" throughout.
# Quoted speech (questions to customers, "thanks, I'll get back to you") is left out.
YOU = {
    "sv": r"\b(du|dig|din|ditt|dina|ni|er|ert|era)\b",
    "en": r"\b(?<!thank-)(you|your|yours)\b",
    "fi": r"\b(sinä|sinun|sinua|sinulle|sinulla|te|teidän|teitä|teille)\b",
}


def card_deck(language: str) -> CardDeck:
    deck = decks.load(decks.bundled_dir() / f"cards-{language}.toml")
    assert isinstance(deck, CardDeck)
    return deck


def workshop(name: str, language: str) -> Workshop:
    deck = decks.load(decks.bundled_dir() / f"{name}-{language}.toml")
    assert isinstance(deck, Workshop)
    return deck


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_card_has_a_numeric_goal_a_length_and_an_area(language: str) -> None:
    for card in card_deck(language).cards:
        assert re.search(r"\d", card.goal), f"{card.id}: the goal needs a number"
        assert 2 <= card.weeks <= 8, card.id
        assert card.areas, f"{card.id}: name at least one culture area"
        assert card.do and card.purpose, card.id
        for area in card.areas:
            assert AREA_WORDS[language][area][1] in card.tags, (card.id, area)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_culture_area_has_at_least_two_cards(language: str) -> None:
    cards = card_deck(language).cards
    for area in CULTURE_AREAS:
        having = [c.id for c in cards if area in c.areas]
        assert len(having) >= 2, (area, having)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_culture_step_rates_the_eight_areas_in_order(language: str) -> None:
    culture = workshop("stjarnklass", language).step("culture")
    assert isinstance(culture, ScaleStep)
    assert len(culture.items) == len(CULTURE_AREAS)
    for item, area in zip(culture.items, CULTURE_AREAS, strict=True):
        assert item.startswith(AREA_WORDS[language][area][0] + " – "), item


@pytest.mark.parametrize("language", LANGUAGES)
def test_cards_speak_in_one_register(language: str) -> None:
    for card in card_deck(language).cards:
        for text in (card.title, card.do, card.purpose, card.goal):
            unquoted = re.sub(r'"[^"]*"|\?[^?]*\?|:[^:.]*\?', " ", text)
            found = re.findall(YOU[language], unquoted, flags=re.IGNORECASE)
            assert not found, (card.id, found, text)


@pytest.mark.parametrize("language", LANGUAGES)
def test_ladders_are_observable_short_and_climb(language: str) -> None:
    level = workshop("stjarnklass", language).step("level")
    assert isinstance(level, LevelsStep)
    # Each rung repeats what the rungs below it ask (test_role_ladders.py), so they are fewer
    # and longer than a ladder of separate steps.
    for area in level.areas:
        assert 3 <= len(area.rungs) <= 5, area.id
        assert len(set(area.rungs)) == len(area.rungs), area.id
        for rung in area.rungs:
            assert len(rung) <= 120, rung
            assert not rung.startswith(("…", "...")), rung
    # Response times are in working days, working hours, minutes or clock times, never bare hours.
    availability = next(a for a in level.areas if a.id == "availability")
    bare_hours = {"sv": r"\d+ timmar|fyra timmar", "en": r"four hours", "fi": r"neljän tunnin"}
    assert not any(re.search(bare_hours[language], r) for r in availability.rungs)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_workshop_walks_the_whole_method(language: str) -> None:
    steps = workshop("stjarnklass", language)
    ids = [s.id for s in steps.steps]
    level = steps.step("level")
    assert isinstance(level, LevelsStep)
    # The group's routines and its promises to each other reach the ladder; the customers'
    # expectations stay on the wall (with 15 people all three would be ~100 texts to arrange).
    assert level.proposal_steps() == ("each-other", "routines")
    # Management's engagement is the key: the group says what the managers commit to.
    managers = steps.step("managers")
    assert isinstance(managers, ChoiceStep) and managers.multiple
    assert ids.index("each-other") < ids.index("managers") < ids.index("level")
    # The third pillar: service that goes beyond what is expected.
    expectations = steps.step("expectations").notes.lower()
    pillar = {"sv": "överträffa", "en": "beyond", "fi": "pidemmälle"}[language]
    assert pillar in expectations
    # The first pillar, a shared "we" from client to supplier, and why the organisation exists.
    assert ids.index("scenario") < ids.index("why-we") < ids.index("expectations")
    # The power of one greeting: the greeting contest, told when the group remembers service.
    contest = {"sv": "hälsningstävling", "en": "greeting contest", "fi": "tervehtimiskilpailu"}
    assert contest[language] in steps.step("memory").notes
    # The minimum is agreed with the client too, and the group says what "best" means.
    client = {"sv": "kundens kontaktperson", "en": "client's contact person", "fi": "yhteyshenkilö"}
    assert client[language] in steps.step("expectations").notes
    best = {"sv": '"bäst"', "en": '"the best"', "fi": '"paras"'}[language]
    assert best in steps.step("summary").notes
    # Finding out what customers expect is the group's own job.
    job = {"sv": "vår uppgift", "en": "our job", "fi": "meidän tehtävämme"}[language]
    assert job in expectations


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_notes_describe_the_aspiration_as_the_tally_counts_it(language: str) -> None:
    notes = workshop("stjarnklass", language).step("level").notes
    said = {
        "sv": "det steg som flest har valt",
        "en": "the rung the most people chose",
        "fi": "askelma, jonka useimmat valitsivat",
    }[language]
    assert said in notes


@pytest.mark.parametrize("language", LANGUAGES)
def test_none_of_the_flagged_wording_is_back(language: str) -> None:
    text = "\n".join(
        (decks.bundled_dir() / f"{name}-{language}.toml").read_text(encoding="utf-8")
        for name in ("stjarnklass", "followup", "cards")
    )
    for phrase in FLAGGED[language]:
        assert phrase not in text, phrase
