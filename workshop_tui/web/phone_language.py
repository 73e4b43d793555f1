"""Each phone in its own language: which one a request reads the session in, and the step view
with the words of that language's parallel workshop (`--also-in`).

The choice lives on the phone, in a cookie (`workshop_lang`) the page's language links set
through `?lang=`; without one, the browser's Accept-Language picks among the session's
languages, else the session's own. Only words change: ids, positions, numbers, the status and
every answer stay as the session has them, so the answers of every language tally together.
Text the group wrote (prompt answers voted on, rungs proposed or rewritten by the
facilitator, a campaign's purpose or goal the facilitator changed) is shown as written. The
words come from one translator, `domain.parallel.Wording`; what a phone saves (the card image,
the calendar file) is made from `phone_outcome`, the session read in the phone's language.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict
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
from workshop_tui.domain.parallel import Translation, Wording, meta_in, read_in
from workshop_tui.domain.state import CampaignPlan, SessionState
from workshop_tui.export import live_outcome
from workshop_tui.export.outcome import Outcome
from workshop_tui.session.hub import Hub

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


def phone_outcome(hub: Hub, translation: Translation | None) -> Outcome:
    """The session's outcome as a phone reading `translation` saves it (None: the session's
    language): its card image and calendar file are drawn from this, with the export's words
    in that language. Anonymous, like every phone's card."""
    if translation is None:
        return live_outcome(hub.path, hub.meta, hub.state)
    return live_outcome(hub.path, meta_in(hub.meta, translation), read_in(hub.state, translation))


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
        out["options"] = [words.wording.word(ours.id, option) for option in step["options"]]
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
        out["levels"] = words.levels(step["levels"])
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
    """`Wording` for the step views' JSON: areas, levels, plans and the service card."""

    def __init__(self, state: SessionState, translation: Translation) -> None:
        self.translation = translation
        self.wording = Wording(state.workshop, state.card_decks, translation, state.previous)

    def area_name(self, area_id: str, name: str) -> str:
        return self.wording.area_name(area_id, name)

    def rung(self, area_id: str, rung: str | None) -> str | None:
        return self.wording.rung(area_id, rung)

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
        """A campaign plan (`web.views`) in the translation's words (`Wording.plan`)."""
        if plan is None:
            return None
        return asdict(self.wording.plan(CampaignPlan(**plan)))

    def card(self, card: JSON) -> JSON:
        """The service card (`web.views.card_view`) in the translation's words."""
        return {
            **card,
            "title": self.translation.workshop.workshop.title,
            "areas": self.levels(card["areas"]),
            "campaign": self.plan(card.get("campaign")),
        }
