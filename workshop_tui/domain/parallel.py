"""Parallel workshops: the same workshop written in another language, for phones that read it.

A session runs one workshop (its language is the projector's); a parallel workshop gives only
the words a phone shows in another language. Answers are stored by position and id (option 2,
rung 3 of `greeting`, card `hello-week`), so the two files must agree on everything those point
at: `first_difference` finds the first place where they do not. The session's own file decides
everything else (timers, reveal, opening), so those may differ.

`Wording` is the one translator of what a session holds in its deck's words (area names, rungs,
vote options, scale items, a campaign plan's card texts), and `read_in` the whole session as a
phone of another language reads it: what the phone's card image and calendar are made from.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from workshop_tui.domain.deck import (
    Area,
    CampaignStep,
    Card,
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
from workshop_tui.domain.state import (
    CampaignPlan,
    PreviousResults,
    SessionState,
    StepState,
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
    `card_id`, `card_setting`, `card_list`); `step` is 1-based; `field` is the deck file's own
    field name; `first` is what the session's file has, `second` what the parallel file has."""

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
    ChoiceStep: ("multiple", "min_choices", "max_choices"),
    ScaleStep: ("min", "max", "items_from"),
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
    if a.optional != b.optional:
        # The console offers the same steps to skip whichever language the session runs in.
        return Difference(
            "setting", _shown(a.optional), _shown(b.optional), number, a.id, "optional"
        )
    for name in _LISTS.get(type(a), ()):
        ours, theirs = len(getattr(a, name)), len(getattr(b, name))
        if ours != theirs:
            return Difference("count", ours, theirs, number, a.id, name)
    for name in _SETTINGS.get(type(a), ()):
        ours, theirs = getattr(a, name), getattr(b, name)
        if ours != theirs:
            return Difference("setting", _shown(ours), _shown(theirs), number, a.id, name)
    if isinstance(a, ChoiceStep) and isinstance(b, ChoiceStep):
        return _variants_difference(number, a, b)
    if isinstance(a, LevelsStep) and isinstance(b, LevelsStep):
        found = _areas_difference(number, a.id, "", a.areas, b.areas)
        # Every role's ladders too: a session may be run for any of them.
        roles = ([ladder.role for ladder in a.ladders], [ladder.role for ladder in b.ladders])
        if found is None and roles[0] != roles[1]:
            shown = (", ".join(roles[0]) or "-", ", ".join(roles[1]) or "-")
            return Difference("setting", *shown, number, a.id, "ladders")
        for mine, other in zip(a.ladders, b.ladders, strict=True):
            if found is None:
                found = _areas_difference(number, a.id, f"{mine.role}: ", mine.areas, other.areas)
        return found
    return None


def _variants_difference(number: int, a: ChoiceStep, b: ChoiceStep) -> Difference | None:
    """The first difference between two choice steps' scenarios per role: the same roles, in
    the same order, each with as many options (a session may be run for any of them)."""
    roles = ([variant.role for variant in a.variants], [variant.role for variant in b.variants])
    if roles[0] != roles[1]:
        shown = (", ".join(roles[0]) or "-", ", ".join(roles[1]) or "-")
        return Difference("setting", *shown, number, a.id, "variants")
    for mine, other in zip(a.variants, b.variants, strict=True):
        if len(mine.options) != len(other.options):
            return Difference(
                "count",
                len(mine.options),
                len(other.options),
                number,
                a.id,
                "options",
                f"{mine.role}: ",
            )
    return None


def _areas_difference(
    number: int, step_id: str, role: str, first: list[Area], second: list[Area]
) -> Difference | None:
    """The first difference between two ladders' areas; `role` ("cleaning: ") prefixes where."""
    if len(first) != len(second):
        return Difference("count", len(first), len(second), number, step_id, "areas", role)
    for position, (area, other) in enumerate(zip(first, second, strict=True), start=1):
        if area.id != other.id:
            return Difference(
                "area_id", area.id, other.id, number, step_id, "areas", f"{role}{position}"
            )
        if len(area.rungs) != len(other.rungs):
            return Difference(
                "rungs",
                len(area.rungs),
                len(other.rungs),
                number,
                step_id,
                "rungs",
                f"{role}{area.id}",
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
        # A card's areas and roles decide where it is shown and counted, whatever the language.
        for name in ("areas", "roles"):
            ours, theirs = getattr(card, name), getattr(other, name)
            if set(ours) != set(theirs):
                shown = (", ".join(ours) or "-", ", ".join(theirs) or "-")
                return Difference("card_list", *shown, number, a.id, name, card.id)
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


class Wording:
    """A translation's words for what a session holds in its own deck's words or by id.

    Deck texts are matched by where they stand (rung 3 of `greeting`, option 2 of a vote, item
    1 of a scale), campaign cards by id. Whatever does not match a deck text is the group's own
    (a rung proposed or rewritten, a vote on a prompt's answers, a plan's purpose the
    facilitator wrote) and is given back as written. The group's levels carried from an
    earlier session (`previous`) are worded as that session recorded them in the
    translation's language (`PreviousLevel.names`, `texts`), where this workshop's own ladder
    does not word them: a follow-up has no ladder at all.
    """

    def __init__(
        self,
        workshop: Workshop,
        card_decks: dict[str, CardDeck],
        translation: Translation,
        previous: PreviousResults | None = None,
    ) -> None:
        self._names: dict[str, str] = {}
        self._rungs: dict[tuple[str, str], str] = {}
        # (step id, text) of vote options and scale items.
        self._words: dict[tuple[str, str], str] = {}
        theirs = {step.id: step for step in translation.workshop.steps}
        for step in workshop.steps:
            other = theirs.get(step.id)
            if isinstance(step, LevelsStep) and isinstance(other, LevelsStep):
                other_areas = {area.id: area for area in other.areas}
                for area in step.areas:
                    match = other_areas.get(area.id)
                    if match is None:
                        continue
                    self._names[area.id] = match.name
                    for rung, words in zip(area.rungs, match.rungs, strict=False):
                        self._rungs[(area.id, rung)] = words
            elif isinstance(step, VoteStep) and isinstance(other, VoteStep):
                for option, words in zip(step.options, other.options, strict=False):
                    self._words[(step.id, option)] = words
            elif isinstance(step, ScaleStep) and isinstance(other, ScaleStep):
                for item, words in zip(step.items, other.items, strict=False):
                    self._words[(step.id, item)] = words
        language = translation.language
        for area_id, level in ({} if previous is None else previous.levels).items():
            if language in level.names:
                self._names.setdefault(area_id, level.names[language])
            if level.text is not None and language in level.texts:
                self._rungs.setdefault((area_id, level.text), level.texts[language])
        ours_cards = {card.id: card for deck in card_decks.values() for card in deck.cards}
        self._cards: dict[str, tuple[Card, Card]] = {
            card.id: (ours_cards[card.id], card)
            for deck in translation.card_decks.values()
            for card in deck.cards
            if card.id in ours_cards
        }

    def area_name(self, area_id: str, name: str) -> str:
        """A levels area's name in the translation's words."""
        return self._names.get(area_id, name)

    def rung(self, area_id: str, rung: str | None) -> str | None:
        """A deck rung in the translation's words; a rung the group wrote, as written."""
        return None if rung is None else self._rungs.get((area_id, rung), rung)

    def ladder(self, ladders: dict[str, list[str]]) -> dict[str, list[str]]:
        """Arranged rungs per area (a levels step's ladders) in the translation's words."""
        return {
            area: [self._rungs.get((area, r), r) for r in rungs] for area, rungs in ladders.items()
        }

    def word(self, step_id: str, text: str) -> str:
        """A vote option or scale item of step `step_id` in the translation's words; an option
        taken from the group's answers, as written."""
        return self._words.get((step_id, text), text)

    def plan(self, plan: CampaignPlan) -> CampaignPlan:
        """A campaign plan in the translation's words: the card's title always (the rule sets
        it from the deck), its purpose and goal while they are still the card's own texts; what
        the group wrote there instead (and the owner) stays as written."""
        found = self._cards.get(plan.card_id)
        if found is None:
            return plan
        ours, theirs = found
        return replace(
            plan,
            title=theirs.title,
            purpose=theirs.purpose if plan.purpose == ours.purpose else plan.purpose,
            goal=theirs.goal if plan.goal == ours.goal else plan.goal,
        )


# What the session's own file decides for every step, whatever a parallel file says (the
# module's docstring): taken from the session's step when a translated one is read.
_STEP_SETTINGS = ("time_limit", "lock_at_zero", "reveal", "opens", "phone_results")


def read_in(state: SessionState, translation: Translation) -> SessionState:
    """The session as a phone reading `translation` sees it: its workshop and card decks are
    the translation's (the session's settings kept), and every deck text the state holds
    (ladders, vote options, the campaign plan's card texts, the earlier campaign and levels) is
    in the translation's words. Answers, ids, numbers, statuses and the group's own texts are
    the session's. A new state for reading only; it shares the answers' payloads with `state`,
    so nothing may apply a rule to it."""
    words = Wording(state.workshop, state.card_decks, translation, state.previous)
    ours = {step.id: step for step in state.workshop.steps}
    steps: list[Step] = []
    for theirs in translation.workshop.steps:
        own = ours[theirs.id]
        settings = {name: getattr(own, name) for name in _STEP_SETTINGS}
        steps.append(theirs.model_copy(update=settings))
    info = state.workshop.workshop.model_copy(
        update={
            "title": translation.workshop.workshop.title,
            "language": translation.language,
            "description": translation.workshop.workshop.description,
        }
    )
    workshop = translation.workshop.model_copy(update={"workshop": info, "steps": steps})
    step_states = {
        step_id: _step_state_in(step_id, step_state, words)
        for step_id, step_state in state.steps.items()
    }
    earlier = state.earlier_campaign
    # `replace` keeps every other part of the state as the session has it.
    return replace(
        state,
        workshop=workshop,
        card_decks=dict(translation.card_decks),
        steps=step_states,
        earlier_campaign=None
        if earlier is None
        else replace(earlier, plan=words.plan(earlier.plan)),
        previous=None if state.previous is None else _previous_in(state.previous, words),
    )


def _step_state_in(step_id: str, step_state: StepState, words: Wording) -> StepState:
    return replace(
        step_state,
        # A copy of the rounds: reading the current round adds it (`current_answers`), and
        # that must not reach the session's own state.
        answers=dict(step_state.answers),
        options=[words.word(step_id, option) for option in step_state.options],
        options_history={
            round_: [words.word(step_id, option) for option in options]
            for round_, options in step_state.options_history.items()
        },
        ladders=words.ladder(step_state.ladders),
        ladder_history={
            round_: words.ladder(ladders) for round_, ladders in step_state.ladder_history.items()
        },
        plan=None if step_state.plan is None else words.plan(step_state.plan),
    )


def _previous_in(previous: PreviousResults, words: Wording) -> PreviousResults:
    return replace(
        previous,
        scales={
            step_id: {words.word(step_id, item): mean for item, mean in means.items()}
            for step_id, means in previous.scales.items()
        },
        levels={
            area_id: replace(
                level,
                name=words.area_name(area_id, level.name),
                text=words.rung(area_id, level.text),
            )
            for area_id, level in previous.levels.items()
        },
    )


def meta_in(meta: dict[str, Any], translation: Translation) -> dict[str, Any]:
    """A session's header as `read_in` reads its state: the workshop's title and language are
    the translation's (a group without a name of its own is called by the workshop's title)."""
    stored = meta["workshop"]
    info = translation.workshop.workshop
    return {
        **meta,
        "workshop": {
            **stored,
            "workshop": {**stored["workshop"], "title": info.title, "language": info.language},
        },
    }
