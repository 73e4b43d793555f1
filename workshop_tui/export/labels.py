"""The words the exports print around the group's own texts, in the session's language.

They come from the one catalogue (`workshop_tui.catalogue`): a word the projector or the phone
also shows is the same entry, the rest are the catalogue's `export_*` entries.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from workshop_tui import catalogue
from workshop_tui.domain.service_card import (
    AreaLevel,
    ConsensusCheck,
    ServiceCard,
    draft_words,
    origin_words,
)

# The exports' own names for the catalogue entries they share with the projector and the phone.
_SHARED = {
    "campaign": "campaign",
    "goal": "goal",
    "purpose": "purpose",
    "owner": "owner",
    "period": "period",
    "followup": "followup",
    "not_agreed": "level_open",
    "hidden": "hidden",
    "mean": "mean",
    "round": "round",
    "responses": "responses",
    "votes": "votes",
    "reached": "reached",
    "reached_yes": "reached_yes",
    "reached_partly": "reached_partly",
    "reached_no": "reached_no",
    "fingers": "fingers",
    "consensus_agreed": "card_consensus_agreed",
    "consensus_not_agreed": "card_consensus_not_agreed",
    "consensus_not_taken": "card_consensus_not_taken",
}


class Labels:
    """One language's export words: `t["goal"]` is a plain word, `t("responses", count=3)` a
    text with numbers in it (the language's plural form and decimal comma)."""

    def __init__(self, language: str) -> None:
        self.language = language

    def __getitem__(self, key: str) -> str:
        return self(key)

    def __call__(self, key: str, **values: Any) -> str:
        return catalogue.t(self.language, _SHARED.get(key, f"export_{key}"), **values)


def labels(language: str) -> Labels:
    """The export words of a language; English for a language without its own."""
    return Labels(language)


def consensus_text(check: ConsensusCheck, t: Labels) -> str:
    """The card's consensus line: agreed, not agreed (how many below) or not taken yet."""
    return t(f"consensus_{check.status}", threshold=check.threshold, below=check.below)


def level_text(card: ServiceCard, area: AreaLevel, t: Labels) -> str:
    """An area's agreed rung as the group wrote it (each format escapes it its own way), or
    why there is none: not agreed yet, or no common level."""
    if not card.locked:
        return t["not_agreed"]
    if area.level_text is None:
        return t["no_common_level"]
    return area.level_text


def draft_text(card: ServiceCard, t: Labels) -> str | None:
    """The card's draft headline (`service_card.draft_words`), None when it is not a draft."""
    return draft_words(card, partial(catalogue.t, t.language))


def origin_text(area: AreaLevel, t: Labels) -> str | None:
    """Where an area's level came from ("agreed 2026-11-02", "draft from …", "changed in this
    session"); None for a level simply locked in this session."""
    if area.origin is None:
        return None
    return origin_words(area.origin, partial(catalogue.t, t.language))
