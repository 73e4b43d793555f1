"""The bundled campaign cards hold to issue 22: every goal measures what customers notice or
says plainly why it cannot, each of leadership, recruitment and induction has its cards, and the
roles a card suits are the same in every language."""

from __future__ import annotations

import re

import pytest

from workshop_tui import decks
from workshop_tui.domain.deck import ROLE_IDS, CardDeck

LANGUAGES = ("sv", "en", "fi")

# A goal that cannot measure customers within the period starts with this marker, says why,
# and then names what is measured instead (the "instead" word must follow the reason).
NO_CUSTOMER_MEASURE = {
    "sv": ("Kundeffekten mäts inte: ", "I stället: "),
    "en": ("Customer effect not measured: ", "Instead: "),
    "fi": ("Asiakasvaikutusta ei mitata: ", "Sen sijaan: "),
}

# Every other goal names the people it is measured on: customers, visitors, guests or callers.
CUSTOMER = {
    "sv": r"kund|besökar|gäst|(?:dem|de) som ringer",
    "en": r"customer|visitor|guest|caller",
    "fi": r"asiaka|asiakk|vierailij|vieraat|soittaj",
}

# A campaign's effect is not how good we feel about it: goals measured by a self-rating.
SELF_RATING = {
    "sv": r"egen skattning|vår egen bedömning|självskattning",
    "en": r"our own rating|self-rating|how confident we feel",
    "fi": r"oma arvio|itsearvio",
}

# The few cards whose effect on customers cannot be measured within a campaign; the marker may
# not become the easy way out.
MOST_WITHOUT_CUSTOMER_MEASURE = 6


def card_deck(language: str) -> CardDeck:
    deck = decks.load(decks.bundled_dir() / f"cards-{language}.toml")
    assert isinstance(deck, CardDeck)
    return deck


def without_customer_measure(deck: CardDeck, language: str) -> set[str]:
    """The ids of the cards whose goal says why it does not measure customers."""
    marker = NO_CUSTOMER_MEASURE[language][0]
    return {card.id for card in deck.cards if card.goal.startswith(marker)}


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_goal_measures_customers_or_says_why_not(language: str) -> None:
    marker, instead = NO_CUSTOMER_MEASURE[language]
    for card in card_deck(language).cards:
        goal = " ".join(card.goal.split())
        assert not re.search(SELF_RATING[language], goal, re.IGNORECASE), (card.id, goal)
        if goal.startswith(marker):
            reason, _, measure = goal[len(marker) :].partition(instead)
            assert reason.strip() and measure.strip(), (card.id, "say why, then what instead")
            assert re.search(r"\d", measure), (card.id, "what is measured instead needs a number")
        else:
            assert instead not in goal, (card.id, "an 'instead' without the marker")
            assert re.search(CUSTOMER[language], goal, re.IGNORECASE), (card.id, goal)


def test_the_same_cards_say_why_not_in_every_language() -> None:
    found = {
        language: without_customer_measure(card_deck(language), language) for language in LANGUAGES
    }
    assert found["sv"] == found["en"] == found["fi"], found
    assert len(found["en"]) <= MOST_WITHOUT_CUSTOMER_MEASURE, found["en"]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("area", ["leadership", "recruitment", "induction"])
def test_leadership_recruitment_and_induction_have_three_cards_each(
    language: str, area: str
) -> None:
    having = [card.id for card in card_deck(language).cards if area in card.areas]
    assert len(having) >= 3, (area, having)


def test_cards_carry_the_same_roles_weeks_and_areas_in_every_language() -> None:
    def shape(language: str) -> list[tuple[str, int, frozenset[str], frozenset[str]]]:
        return [
            (card.id, card.weeks, frozenset(card.areas), frozenset(card.roles))
            for card in card_deck(language).cards
        ]

    assert shape("sv") == shape("en") == shape("fi")


def test_every_role_has_cards_to_choose_from() -> None:
    cards = card_deck("en").cards
    for role in ROLE_IDS:
        suiting = [card.id for card in cards if not card.roles or role in card.roles]
        assert len(suiting) >= 20, (role, len(suiting))
    # A card that names every role should name none: empty already means "suits everyone".
    assert all(set(card.roles) != set(ROLE_IDS) for card in cards)
