"""Each phone in its own language: which one a request reads the session in, and the step view
with the words of that language's parallel workshop (`--also-in`).

The choice lives on the phone, in a cookie (`workshop_lang`) the page's language links set
through `?lang=`; without one, the browser's Accept-Language picks among the session's
languages, else the session's own. Only words change: ids, positions, numbers, the status and
every answer stay as the session has them, so the answers of every language tally together.
Text the group wrote (prompt answers voted on, rungs proposed or rewritten by the
facilitator) is shown as written.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from aiohttp import web

from workshop_tui.domain.deck import (
    CampaignStep,
    ChoiceStep,
    ConsensusStep,
    FollowupStep,
    LevelsStep,
    LobbyStep,
    PromptStep,
    ScaleStep,
    Step,
    SummaryStep,
    VoteStep,
    Workshop,
)
from workshop_tui.domain.parallel import Translation
from workshop_tui.domain.state import SessionState
from workshop_tui.hub import Hub

JSON = dict[str, Any]
COOKIE = "workshop_lang"


def accepted(header: str) -> list[str]:
    """The primary language tags of an Accept-Language header, most wanted first (q=0 left
    out; equal weights keep the header's order)."""
    weighted: list[tuple[float, int, str]] = []
    for position, part in enumerate(header.split(",")):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        for param in params.split(";"):
            name, _, value = param.strip().partition("=")
            if name == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        code = tag.strip().split("-")[0].lower()
        if code and quality > 0:
            weighted.append((-quality, position, code))
    return [code for _, _, code in sorted(weighted)]


def choose(languages: Sequence[str], chosen: str | None, accept_language: str) -> str:
    """The language a phone reads the session in: its own choice if the session has it, else
    the first of Accept-Language the session has, else the session's (the first of
    `languages`)."""
    if chosen is not None and chosen in languages:
        return chosen
    for code in accepted(accept_language):
        if code in languages:
            return code
    return languages[0]


def request_language(request: web.Request, hub: Hub) -> str:
    """The language `request`'s phone reads the session in."""
    return choose(
        hub.languages, request.cookies.get(COOKIE), request.headers.get("Accept-Language", "")
    )


def request_translation(request: web.Request, hub: Hub) -> Translation | None:
    """The parallel workshop `request`'s phone reads; None for the session's own language."""
    return hub.translations.get(request_language(request, hub))


def translate_view(view: JSON, state: SessionState, translation: Translation | None) -> JSON:
    """A phone's whole view (`web.views.phone_view`) in `translation`'s words."""
    if translation is None:
        return view
    step = view["step"]
    translated = None if step is None else translate_step(step, state, translation)
    return translate_personal({**view, "step": translated}, translation)


class TranslatedSteps:
    """The shared step view in each parallel language, translated once per change of the
    view (not once per phone), keeping the same text object while it is unchanged."""

    def __init__(self) -> None:
        self._made: dict[str, tuple[str, str, JSON | None]] = {}

    def get(
        self,
        text: str,
        step: JSON | None,
        state: SessionState,
        translation: Translation | None,
    ) -> tuple[str, JSON | None]:
        """`text`/`step` (the session's own view) in `translation`'s words (as is for None)."""
        if translation is None or step is None:
            return text, step
        made = self._made.get(translation.language)
        if made is not None and made[0] is text:
            return made[1], made[2]
        translated: JSON | None = translate_step(step, state, translation)
        out = json.dumps(translated, ensure_ascii=False, separators=(",", ":"))
        if made is not None and made[1] == out:
            out, translated = made[1], made[2]
        self._made[translation.language] = (text, out, translated)
        return out, translated


def translate_personal(view: JSON, translation: Translation | None) -> JSON:
    """A phone's whole view (`web.views.personal_view`) with the workshop's title and language
    of `translation`; its step must already be translated."""
    if translation is None:
        return view
    info = translation.workshop.workshop
    return {**view, "language": info.language, "workshop": info.title}


def translate_step(step: JSON, state: SessionState, translation: Translation) -> JSON:
    """The step view `step` in `translation`'s words."""
    ours = _find(state.workshop, step["id"])
    theirs = _find(translation.workshop, step["id"])
    if ours is None or theirs is None or ours.kind != theirs.kind:
        return step
    words = _Words(state, translation)
    out = {**step, "title": theirs.title}
    if isinstance(theirs, LobbyStep | SummaryStep):
        out["text"] = theirs.text
        if "card" in step:
            out["card"] = words.card(step["card"])
        return out
    out["question"] = getattr(theirs, "question", step.get("question"))
    if isinstance(ours, PromptStep) and isinstance(theirs, PromptStep):
        out["columns"] = list(theirs.columns)
    elif isinstance(ours, ChoiceStep) and isinstance(theirs, ChoiceStep):
        out["options"] = list(theirs.options)
    elif isinstance(ours, ScaleStep) and isinstance(theirs, ScaleStep):
        out["items"] = list(theirs.items)
        out["min_label"], out["max_label"] = theirs.min_label, theirs.max_label
    elif isinstance(ours, VoteStep) and isinstance(theirs, VoteStep):
        # The deck's options by their words; a vote on a prompt's answers shows them as written.
        by_text = dict(zip(ours.options, theirs.options, strict=False))
        out["options"] = [by_text.get(option, option) for option in step["options"]]
    elif isinstance(ours, LevelsStep):
        out["areas"] = [
            {
                **area,
                "name": words.area_name(area["id"], area["name"]),
                "rungs": [words.rung(area["id"], rung) for rung in area["rungs"]],
            }
            for area in step["areas"]
        ]
        if step.get("levels") is not None:
            out["levels"] = words.levels(step["levels"])
    elif isinstance(ours, ConsensusStep):
        out["levels"] = words.levels(step["levels"])
    elif isinstance(ours, CampaignStep):
        deck = translation.card_deck_for(ours.id)
        cards = {} if deck is None else {card.id: card for card in deck.cards}
        out["cards"] = [_card(entry, cards.get(entry["id"])) for entry in step["cards"]]
        out["plan"] = words.plan(step.get("plan"))
    elif isinstance(theirs, FollowupStep):
        out["changed_question"] = theirs.changed_question
        out["campaign"] = words.plan(step.get("campaign"))
    return out


def _find(workshop: Workshop, step_id: str) -> Step | None:
    try:
        return workshop.step(step_id)
    except KeyError:
        return None


def _card(entry: JSON, card: Any) -> JSON:
    if card is None:
        return entry
    return {
        **entry,
        "title": card.title,
        "do": card.do,
        "purpose": card.purpose,
        "goal": card.goal,
        "tags": list(card.tags),
    }


class _Words:
    """The translation's words for what the step views hold by id: areas, rungs, cards."""

    def __init__(self, state: SessionState, translation: Translation) -> None:
        self.translation = translation
        self.names: dict[str, str] = {}
        self.rungs: dict[tuple[str, str], str] = {}
        theirs = {s.id: s for s in translation.workshop.steps if isinstance(s, LevelsStep)}
        for step in state.workshop.steps:
            other = theirs.get(step.id)
            if not isinstance(step, LevelsStep) or other is None:
                continue
            other_areas = {a.id: a for a in other.areas}
            for area in step.areas:
                match = other_areas.get(area.id)
                if match is None:
                    continue
                self.names[area.id] = match.name
                for rung, words in zip(area.rungs, match.rungs, strict=False):
                    self.rungs[(area.id, rung)] = words
        self.card_titles = {
            card.id: card.title for deck in translation.card_decks.values() for card in deck.cards
        }

    def area_name(self, area_id: str, name: str) -> str:
        return self.names.get(area_id, name)

    def rung(self, area_id: str, rung: str | None) -> str | None:
        """A deck rung in the translation's words; a rung the group wrote, as written."""
        return None if rung is None else self.rungs.get((area_id, rung), rung)

    def levels(self, areas: list[JSON]) -> list[JSON]:
        return [
            {
                **area,
                "name": self.area_name(area["id"], area["name"]),
                "rung": self.rung(area["id"], area["rung"]),
                "aspiration_rung": self.rung(area["id"], area["aspiration_rung"]),
            }
            for area in areas
        ]

    def plan(self, plan: JSON | None) -> JSON | None:
        """A campaign plan with its card's title translated; what the group wrote as written."""
        if plan is None:
            return None
        return {**plan, "title": self.card_titles.get(plan["card_id"], plan["title"])}

    def card(self, card: JSON) -> JSON:
        """The service card (`web.views.card_view`) in the translation's words."""
        return {
            **card,
            "title": self.translation.workshop.workshop.title,
            "areas": self.levels(card["areas"]),
            "campaign": self.plan(card.get("campaign")),
        }
