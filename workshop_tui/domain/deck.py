"""The deck model: workshops (agendas of steps) and card decks (campaign cards).

These are plain pydantic models with no I/O; `workshop_tui.decks` reads TOML files into them
and turns validation errors into messages that name the file and line.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Literal, TypeVar, get_args

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator, model_validator

Language = Literal["sv", "en", "fi"]
LANGUAGES: tuple[Language, ...] = ("sv", "en", "fi")

Id = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]{0,47}$")]
ShortText = Annotated[str, Field(min_length=1, max_length=200)]
LongText = Annotated[str, Field(max_length=4000)]

# The kinds of group a workshop can be run for; a campaign card names the roles it suits by these
# ids, and a card that names none suits every role.
RoleId = Literal[
    "general",
    "cleaning",
    "reception",
    "restaurant",
    "contact-centre",
    "public-service",
]
ROLE_IDS: tuple[RoleId, ...] = get_args(RoleId)

_Listed = TypeVar("_Listed", bound=str)


def _distinct(values: list[_Listed], what: str) -> list[_Listed]:
    """The values unchanged, or a ValueError naming those listed more than once."""
    repeated = sorted({v for v in values if values.count(v) > 1})
    if repeated:
        raise ValueError(f"each {what} may be listed once; repeated: {', '.join(repeated)}")
    return values


class Strict(BaseModel):
    """Base for every deck table: unknown keys are errors, and values are never coerced."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class StepBase(Strict):
    id: Id
    title: ShortText
    notes: LongText = ""
    time_limit: Annotated[int, Field(ge=10, le=4 * 3600)] | None = None
    # The minutes the agenda plans for the whole step, talk included (time_limit is only the
    # answering); `check` holds their sum, breaks included, to the workshop's `minutes`.
    minutes: Annotated[int, Field(ge=1, le=8 * 60)] | None = None
    # A pause planned right after this step, in minutes: part of the day, so part of the sum.
    break_after: Annotated[int, Field(ge=1, le=120)] | None = None
    # A step the group can do without when the day runs late: the console offers it to be
    # shortened or skipped once the session is behind its plan (so mark none a later step
    # takes its answers from).
    optional: bool = False
    lock_at_zero: bool = True
    reveal: Literal["live", "on_key"] = "on_key"
    # "on_key": the step is shown while the facilitator prepares it, and takes answers only
    # once opened (every new round too); "on_arrival": it takes answers as soon as it is shown.
    opens: Literal["on_arrival", "on_key"] = "on_arrival"
    # Once revealed, the phones show the step's result too (domain/results.py); false keeps it
    # on the projector only, e.g. for a step whose discussion should happen in the room.
    phone_results: bool = True


class LobbyStep(StepBase):
    kind: Literal["lobby"]
    text: LongText = ""
    reveal: Literal["live", "on_key"] = "live"
    # Nothing to answer, so nothing to open.
    opens: Literal["on_arrival"] = "on_arrival"


class PromptStep(StepBase):
    kind: Literal["prompt"]
    question: ShortText
    columns: Annotated[list[ShortText], Field(max_length=4)] = []
    max_answers: Annotated[int, Field(ge=1, le=20)] = 3
    max_length: Annotated[int, Field(ge=10, le=1000)] = 200
    reveal: Literal["live", "on_key"] = "live"


class ChoiceVariant(Strict):
    """A choice step as a group of one role (other than `general`) meets it: its own scenario,
    options and notes, used instead of the step's when a session is run for that role."""

    role: RoleId
    question: LongText
    options: Annotated[list[ShortText], Field(min_length=2, max_length=12)]
    title: ShortText | None = None
    notes: LongText = ""


class ChoiceStep(StepBase):
    kind: Literal["choice"]
    question: LongText
    options: Annotated[list[ShortText], Field(min_length=2, max_length=12)]
    multiple: bool = False
    # How many options one answer may tick ("choose the two or three most important"): only
    # for `multiple`; without them any number from one up to every option.
    min_choices: Annotated[int, Field(ge=1, le=12)] | None = None
    max_choices: Annotated[int, Field(ge=1, le=12)] | None = None
    # The scenario per role; the step's own question and options are the general one.
    variants: Annotated[list[ChoiceVariant], Field(max_length=len(ROLE_IDS))] = []

    @model_validator(mode="after")
    def _limits(self) -> ChoiceStep:
        if not self.multiple and (self.min_choices or self.max_choices):
            raise ValueError("'min_choices' and 'max_choices' need 'multiple = true'")
        low, high = self.choice_limits()
        if high > len(self.options):
            raise ValueError(
                f"'max_choices' is {high} but the step has {len(self.options)} 'options'"
            )
        if low > high:
            raise ValueError(f"'min_choices' ({low}) is more than 'max_choices' ({high})")
        return self

    def choice_limits(self) -> tuple[int, int]:
        """The fewest and most options one answer ticks: (1, 1) for a single choice."""
        if not self.multiple:
            return 1, 1
        return self.min_choices or 1, self.max_choices or len(self.options)

    @model_validator(mode="after")
    def _comparable(self) -> ChoiceStep:
        roles = [variant.role for variant in self.variants]
        if "general" in roles:
            raise ValueError("the general scenario is the step's own 'question' and 'options'")
        _distinct(roles, "role")
        # The same number of options in every variant, so the tallies of groups of different
        # roles (and the organisation's report across them) stay comparable option by option.
        for variant in self.variants:
            if len(variant.options) != len(self.options):
                raise ValueError(
                    f"the {variant.role} variant has {len(variant.options)} 'options'; every "
                    f"variant needs as many as the step ({len(self.options)})"
                )
        return self

    def for_role(self, role: RoleId) -> ChoiceStep:
        """The step as a group of this role answers it: its variant's words, else the step's
        own; without variants either way, as a session keeps it."""
        update: dict[str, object] = {"variants": []}
        for variant in self.variants:
            if variant.role == role:
                update |= {"question": variant.question, "options": variant.options}
                if variant.title is not None:
                    update["title"] = variant.title
                if variant.notes:
                    update["notes"] = variant.notes
        return self.model_copy(update=update)


class ScaleStep(StepBase):
    kind: Literal["scale"]
    question: ShortText
    items: Annotated[list[ShortText], Field(min_length=1, max_length=12)]
    min: Annotated[int, Field(ge=0, le=10)] = 1
    max: Annotated[int, Field(ge=1, le=10)] = 5
    min_label: str = ""
    max_label: str = ""
    # "levels": the group's own areas come first, by name, from the level of its latest earlier
    # session (its history); `items` follow. Filled in when the session is created.
    items_from: Literal["levels"] | None = None

    @model_validator(mode="after")
    def _range(self) -> ScaleStep:
        if self.max <= self.min:
            raise ValueError(f"max ({self.max}) must be greater than min ({self.min})")
        return self


class VoteStep(StepBase):
    kind: Literal["vote"]
    question: ShortText
    dots: Annotated[int, Field(ge=1, le=20)] = 3
    options: Annotated[list[ShortText], Field(max_length=40)] = []
    options_from: Id | None = None

    @model_validator(mode="after")
    def _source(self) -> VoteStep:
        if bool(self.options) == bool(self.options_from):
            raise ValueError("give either 'options' or 'options_from' (the id of a prompt step)")
        return self


class Area(Strict):
    id: Id
    name: ShortText
    rungs: Annotated[list[ShortText], Field(min_length=1, max_length=12)]
    # What each rung adds to the one below it (for the first rung, its behaviour): a phrase that
    # the rung's text and the text of every rung above it contain, and the rung below does not.
    # The service card prints only the locked rung, so nothing below it may be lost; this is
    # how a deck shows (and `check` proves) that each rung includes the one below.
    adds: Annotated[list[ShortText], Field(max_length=12)] = []

    @model_validator(mode="after")
    def _climbs(self) -> Area:
        if not self.adds:
            return self
        if len(self.adds) != len(self.rungs):
            raise ValueError(
                f"'adds' names what each rung adds, so it needs one phrase per rung: "
                f"{len(self.rungs)} rungs, {len(self.adds)} phrases"
            )
        problem = ladder_gap(self.rungs, self.adds)
        if problem is not None:
            raise ValueError(problem)
        return self


def ladder_gap(rungs: list[str], adds: list[str]) -> str | None:
    """Why `rungs` are not a true ladder by `adds` (see `Area.adds`), or None when every rung
    contains what it adds and everything the rungs below it added (case does not matter), and
    adds something the rung below lacks."""
    for number, rung in enumerate(rungs, start=1):
        text = rung.casefold()
        for below, phrase in enumerate(adds[:number], start=1):
            if phrase.casefold() not in text:
                whose = "what it adds" if below == number else f"what rung {below} adds"
                return f"rung {number} does not contain {whose}, '{phrase}': {rung!r}"
        if number > 1 and adds[number - 1].casefold() in rungs[number - 2].casefold():
            return f"rung {number} adds '{adds[number - 1]}', which rung {number - 1} already has"
    return None


class RoleLadder(Strict):
    """A levels step's ladders for one kind of group (a role other than `general`): used instead
    of the step's own `areas` when a session is run for that role."""

    role: RoleId
    areas: Annotated[list[Area], Field(min_length=1, max_length=12)]


def _one_or_more(value: object) -> object:
    """`proposals_from = "routines"` means the same as `proposals_from = ["routines"]`."""
    return [value] if isinstance(value, str) else value


ProposalSources = Annotated[
    list[Id], Field(min_length=1, max_length=8), BeforeValidator(_one_or_more)
]


class LevelsStep(StepBase):
    kind: Literal["levels"]
    question: ShortText
    areas: Annotated[list[Area], Field(min_length=1, max_length=12)]
    # The ladder is arranged before anyone votes on it.
    opens: Literal["on_arrival", "on_key"] = "on_key"
    # The earlier prompt steps whose answers can become rungs; one id may be written on its own.
    proposals_from: ProposalSources | None = None
    # Ladders for the other roles; `areas` is the general one (and any role's without its own).
    ladders: Annotated[list[RoleLadder], Field(max_length=len(ROLE_IDS))] = []

    @field_validator("ladders")
    @classmethod
    def _one_per_role(cls, ladders: list[RoleLadder]) -> list[RoleLadder]:
        roles = [ladder.role for ladder in ladders]
        if "general" in roles:
            raise ValueError("the general ladder is the step's own 'areas'")
        _distinct(roles, "role")
        return ladders

    def areas_for(self, role: RoleId) -> list[Area]:
        """The ladders a group of this role climbs: its own, else the general `areas`."""
        for ladder in self.ladders:
            if ladder.role == role:
                return ladder.areas
        return self.areas

    def proposal_steps(self) -> tuple[str, ...]:
        """The ids of the prompt steps the group's proposals come from, in the deck's order."""
        return tuple(self.proposals_from or ())


class ConsensusStep(StepBase):
    kind: Literal["consensus"]
    question: ShortText
    levels_step: Id
    threshold: Annotated[int, Field(ge=1, le=5)] = 3


class CampaignStep(StepBase):
    kind: Literal["campaign"]
    question: ShortText
    card_deck: Id
    votes: Annotated[int, Field(ge=1, le=10)] | None = None


class SummaryStep(StepBase):
    kind: Literal["summary"]
    text: LongText = ""
    reveal: Literal["live", "on_key"] = "live"
    opens: Literal["on_arrival"] = "on_arrival"


class FollowupStep(StepBase):
    kind: Literal["followup"]
    question: ShortText
    changed_question: ShortText


Step = Annotated[
    LobbyStep
    | PromptStep
    | ChoiceStep
    | ScaleStep
    | VoteStep
    | LevelsStep
    | ConsensusStep
    | CampaignStep
    | SummaryStep
    | FollowupStep,
    Field(discriminator="kind"),
]

STEP_KINDS = (
    "lobby",
    "prompt",
    "choice",
    "scale",
    "vote",
    "levels",
    "consensus",
    "campaign",
    "summary",
    "followup",
)


class WorkshopInfo(Strict):
    id: Id
    title: ShortText
    language: Language
    description: LongText = ""
    minutes: Annotated[int, Field(ge=5, le=8 * 60)] = 120
    # The word filter that holds back answers with slurs or profanity (domain/moderation.py).
    moderation: bool = True
    # Whether the exports name the participants. Off, they are pseudonyms ("Participant 7"):
    # the lobby tells the phones which, so a session's exports keep the promise its lobby made.
    names: bool = False
    # Who the group is (ROLE_IDS): decides the ladders it climbs and which campaign cards come
    # first. `workshop-tui run --role` sets it for a new session; the session keeps it.
    role: RoleId = "general"


class Workshop(Strict):
    """An agenda: the workshop's header and its ordered steps."""

    workshop: WorkshopInfo
    steps: Annotated[list[Step], Field(min_length=1, max_length=60)]

    def step(self, step_id: str) -> Step:
        """Return the step with this id (KeyError if there is none)."""
        for step in self.steps:
            if step.id == step_id:
                return step
        raise KeyError(step_id)

    def planned_minutes(self) -> int:
        """The minutes the agenda plans: every step's `minutes` and every break (a step
        without `minutes` counts nothing)."""
        return sum((step.minutes or 0) + (step.break_after or 0) for step in self.steps)

    def card_deck_ids(self) -> set[str]:
        """The card decks this workshop's campaign steps need."""
        return {s.card_deck for s in self.steps if isinstance(s, CampaignStep)}

    def for_group(self, role: RoleId, earlier_areas: Sequence[str] = ()) -> Workshop:
        """The workshop as a session for this group runs it: its role recorded, each levels
        step's ladders and each choice step's scenario those of the role, and each scale step
        with `items_from = "levels"` asking first about `earlier_areas` (the names of the areas
        the group locked last time). The session keeps this copy, so resume, exports and history
        see the same."""
        steps: list[Step] = []
        for step in self.steps:
            if isinstance(step, LevelsStep):
                step = step.model_copy(update={"areas": step.areas_for(role), "ladders": []})
            elif isinstance(step, ChoiceStep):
                step = step.for_role(role)
            elif isinstance(step, ScaleStep) and step.items_from == "levels":
                own = [name for name in earlier_areas if name not in step.items]
                step = step.model_copy(update={"items": [*own, *step.items][:12]})
            steps.append(step)
        info = self.workshop.model_copy(update={"role": role})
        return self.model_copy(update={"workshop": info, "steps": steps})


# The eight areas of a service culture (the culture step of the bundled workshop rates them in
# this order); a campaign card names the areas it strengthens by these ids.
CultureArea = Literal[
    "business",
    "culture",
    "recruitment",
    "induction",
    "leadership",
    "service",
    "follow-up",
    "communication",
]
CULTURE_AREAS: tuple[CultureArea, ...] = get_args(CultureArea)


class Card(Strict):
    id: Id
    title: ShortText
    do: LongText
    purpose: LongText
    goal: LongText
    weeks: Annotated[int, Field(ge=1, le=26)]
    tags: Annotated[list[Annotated[str, Field(min_length=1, max_length=40)]], Field(max_length=8)]
    areas: Annotated[list[CultureArea], Field(max_length=8)] = []
    # The roles the card suits (ROLE_IDS); empty means every role.
    roles: Annotated[list[RoleId], Field(max_length=6)] = []

    @field_validator("areas")
    @classmethod
    def _distinct_areas(cls, areas: list[CultureArea]) -> list[CultureArea]:
        return _distinct(areas, "area")

    @field_validator("roles")
    @classmethod
    def _distinct_roles(cls, roles: list[RoleId]) -> list[RoleId]:
        return _distinct(roles, "role")


class CardDeckInfo(Strict):
    id: Id
    title: ShortText
    language: Language
    votes: Annotated[int, Field(ge=1, le=10)] = 3
    description: LongText = ""


class CardDeck(Strict):
    """A deck of campaign cards."""

    deck: CardDeckInfo
    cards: Annotated[list[Card], Field(min_length=1, max_length=200)]

    def card(self, card_id: str) -> Card:
        """Return the card with this id (KeyError if there is none)."""
        for card in self.cards:
            if card.id == card_id:
                return card
        raise KeyError(card_id)

    def for_role(self, role: RoleId) -> list[Card]:
        """The cards in the order a group of this role browses them: the cards that name its
        role, then those that suit every role, then the rest; the deck's order within each."""
        return sorted(
            self.cards, key=lambda card: 0 if role in card.roles else 2 if card.roles else 1
        )


def stored_workshop(data: object) -> Workshop:
    """A workshop as a session file's header holds it. Sessions stored before a step could wait
    to be opened opened every step on arrival, and must replay as they were; a header written
    since names each step's `opens`."""
    if isinstance(data, dict) and isinstance(data.get("steps"), list):
        steps = [
            {**step, "opens": "on_arrival"}
            if isinstance(step, dict) and "opens" not in step
            else step
            for step in data["steps"]
        ]
        data = {**data, "steps": steps}
    return Workshop.model_validate(data)


class ReferenceError_(ValueError):
    """A cross-reference inside a workshop that points nowhere; carries the field's path."""

    def __init__(self, path: tuple[str | int, ...], message: str) -> None:
        super().__init__(message)
        self.path = path
        self.message = message


def check_references(workshop: Workshop, card_deck_ids: set[str]) -> list[ReferenceError_]:
    """Find duplicate step ids and references to missing steps or card decks.

    References must point backwards: a vote can only take options from a prompt that comes
    before it, because the group has to have answered it first.
    """
    problems: list[ReferenceError_] = []
    seen: dict[str, Step] = {}
    for index, step in enumerate(workshop.steps):
        here: tuple[str | int, ...] = ("steps", index)
        if step.id in seen:
            problems.append(
                ReferenceError_((*here, "id"), f"duplicate step id '{step.id}'; ids must be unique")
            )

        if isinstance(step, VoteStep):
            _need_earlier(problems, seen, (*here, "options_from"), step.options_from, ("prompt",))
        elif isinstance(step, LevelsStep):
            sources = step.proposal_steps()
            for ref_index, ref in enumerate(sources):
                path = (*here, "proposals_from", ref_index)
                if ref in sources[:ref_index]:
                    problems.append(ReferenceError_(path, f"step '{ref}' is listed twice"))
                else:
                    _need_earlier(problems, seen, path, ref, ("prompt",))
            area_ids = [a.id for a in step.areas]
            for area_index, area_id in enumerate(area_ids):
                if area_id in area_ids[:area_index]:
                    problems.append(
                        ReferenceError_(
                            (*here, "areas", area_index, "id"), f"duplicate area id '{area_id}'"
                        )
                    )
        elif isinstance(step, ConsensusStep):
            _need_earlier(problems, seen, (*here, "levels_step"), step.levels_step, ("levels",))
        elif isinstance(step, CampaignStep) and step.card_deck not in card_deck_ids:
            known = ", ".join(sorted(card_deck_ids)) or "none found"
            problems.append(
                ReferenceError_(
                    (*here, "card_deck"),
                    f"card deck '{step.card_deck}' was not found; known card decks: {known}",
                )
            )
        seen.setdefault(step.id, step)
    return problems


def _need_earlier(
    problems: list[ReferenceError_],
    seen: dict[str, Step],
    path: tuple[str | int, ...],
    ref: str | None,
    kinds: tuple[str, ...],
) -> None:
    if ref is None:
        return
    wanted = " or ".join(kinds)
    target = seen.get(ref)
    if target is None:
        problems.append(
            ReferenceError_(
                path,
                f"refers to step '{ref}', which is not an earlier step; expected the id of an "
                f"earlier {wanted} step",
            )
        )
    elif target.kind not in kinds:
        problems.append(
            ReferenceError_(
                path, f"refers to step '{ref}' of kind {target.kind}; expected a {wanted} step"
            )
        )


def check_card_ids(deck: CardDeck) -> list[ReferenceError_]:
    """Find duplicate card ids in a card deck."""
    problems: list[ReferenceError_] = []
    seen: set[str] = set()
    for index, card in enumerate(deck.cards):
        if card.id in seen:
            problems.append(
                ReferenceError_(("cards", index, "id"), f"duplicate card id '{card.id}'")
            )
        seen.add(card.id)
    return problems
