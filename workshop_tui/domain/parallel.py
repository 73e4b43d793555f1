"""Parallel workshops: the same workshop written in another language, for phones that read it.

A session runs one workshop (its language is the projector's); a parallel workshop gives only
the words a phone shows in another language. Answers are stored by position and id (option 2,
rung 3 of `greeting`, card `hello-week`), so the two files must agree on everything those point
at: `first_difference` finds the first place where they do not. The session's own file decides
everything else (timers, reveal, opening), so those may differ.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from workshop_tui.domain.deck import (
    CampaignStep,
    CardDeck,
    ChoiceStep,
    ConsensusStep,
    LevelsStep,
    PromptStep,
    ScaleStep,
    Step,
    VoteStep,
    Workshop,
    stored_workshop,
)


@dataclass(frozen=True)
class Translation:
    """A workshop in another language and the card decks its campaign steps use."""

    workshop: Workshop
    card_decks: dict[str, CardDeck]

    @property
    def language(self) -> str:
        return self.workshop.workshop.language

    def card_deck_for(self, step_id: str) -> CardDeck | None:
        """The card deck of this translation's campaign step `step_id`, if it has one."""
        step = self.workshop.step(step_id)
        if isinstance(step, CampaignStep):
            return self.card_decks.get(step.card_deck)
        return None


@dataclass(frozen=True)
class Difference:
    """Where two workshops that should be parallel first differ. `code` names the kind of
    difference (`steps`, `step_id`, `kind`, `count`, `setting`, `area_id`, `rungs`, `cards`,
    `card_id`, `card_setting`); `step` is 1-based; `field` is the deck file's own field name;
    `first` is what the session's file has, `second` what the parallel file has."""

    code: str
    first: object
    second: object
    step: int = 0
    step_id: str = ""
    field: str = ""
    # The area of a levels step, or the card (id or position) of a card deck, where it matters.
    where: str = ""


# Per step kind, the fields that must be equal, and the lists whose lengths must be.
_SETTINGS: dict[type[Any], tuple[str, ...]] = {
    PromptStep: ("max_answers", "max_length"),
    ChoiceStep: ("multiple",),
    ScaleStep: ("min", "max"),
    VoteStep: ("dots", "options_from"),
    LevelsStep: ("proposals_from",),
    ConsensusStep: ("levels_step", "threshold"),
    CampaignStep: ("votes",),
}
_LISTS: dict[type[Any], tuple[str, ...]] = {
    PromptStep: ("columns",),
    ChoiceStep: ("options",),
    ScaleStep: ("items",),
    VoteStep: ("options",),
    LevelsStep: ("areas",),
}


def first_difference(
    first: Workshop,
    first_cards: dict[str, CardDeck],
    second: Workshop,
    second_cards: dict[str, CardDeck],
) -> Difference | None:
    """The first structural difference between two workshops (and their card decks), in the
    order of the agenda; None when answers to one can be read as answers to the other."""
    for number, (a, b) in enumerate(zip(first.steps, second.steps, strict=False), start=1):
        found = _step_difference(number, a, b)
        if found is None and isinstance(a, CampaignStep) and isinstance(b, CampaignStep):
            found = _cards_difference(
                number, a, first_cards[a.card_deck], b, second_cards[b.card_deck]
            )
        if found is not None:
            return found
    if len(first.steps) != len(second.steps):
        return Difference("steps", len(first.steps), len(second.steps))
    return None


def _step_difference(number: int, a: Step, b: Step) -> Difference | None:
    if a.id != b.id:
        return Difference("step_id", a.id, b.id, number, a.id, "id")
    if a.kind != b.kind:
        return Difference("kind", a.kind, b.kind, number, a.id, "kind")
    for name in _LISTS.get(type(a), ()):
        ours, theirs = len(getattr(a, name)), len(getattr(b, name))
        if ours != theirs:
            return Difference("count", ours, theirs, number, a.id, name)
    for name in _SETTINGS.get(type(a), ()):
        ours, theirs = getattr(a, name), getattr(b, name)
        if ours != theirs:
            return Difference("setting", _shown(ours), _shown(theirs), number, a.id, name)
    if isinstance(a, LevelsStep) and isinstance(b, LevelsStep):
        for position, (area, other) in enumerate(zip(a.areas, b.areas, strict=True), start=1):
            if area.id != other.id:
                return Difference(
                    "area_id", area.id, other.id, number, a.id, "areas", str(position)
                )
            if len(area.rungs) != len(other.rungs):
                return Difference(
                    "rungs", len(area.rungs), len(other.rungs), number, a.id, "rungs", area.id
                )
    return None


def _cards_difference(
    number: int, a: CampaignStep, first: CardDeck, b: CampaignStep, second: CardDeck
) -> Difference | None:
    for position, (card, other) in enumerate(zip(first.cards, second.cards, strict=False), 1):
        if card.id != other.id:
            return Difference("card_id", card.id, other.id, number, a.id, "id", str(position))
        if card.weeks != other.weeks:
            return Difference(
                "card_setting", card.weeks, other.weeks, number, a.id, "weeks", card.id
            )
    if len(first.cards) != len(second.cards):
        return Difference("cards", len(first.cards), len(second.cards), number, a.id, "cards")
    return None


def _shown(value: object) -> object:
    """A setting as a message shows it: a list of step ids as they are written in a deck."""
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return "-" if value is None else value


def stored_translations(meta: dict[str, Any]) -> dict[str, Translation]:
    """The parallel workshops a session's header keeps (`translations`), by language."""
    stored = meta.get("translations") or {}
    return {
        language: Translation(
            stored_workshop(entry["workshop"]),
            {k: CardDeck.model_validate(v) for k, v in entry["card_decks"].items()},
        )
        for language, entry in stored.items()
    }


def to_stored(translation: Translation) -> dict[str, Any]:
    """A parallel workshop as a session's header keeps it (read back by `stored_translations`)."""
    return {
        "workshop": translation.workshop.model_dump(mode="json"),
        "card_decks": {k: v.model_dump(mode="json") for k, v in translation.card_decks.items()},
    }
