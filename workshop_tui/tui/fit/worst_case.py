"""The most a group can put on the projector: the content `check --fit` lays out.

A room of `ROOM` people with names at the length limit, each giving every answer a step allows
at the length it allows; every option, rung and card gets votes, and some people stay below a
consensus threshold and say why, at the length limit. The rungs and cards are the deck's own
(the longest card is the one planned). Pure: the same workshop always gives the same content,
so the pre-flight check and the room snapshots see the same screens.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from workshop_tui.demo.content import FIRST_NAMES, SERVICE
from workshop_tui.domain.answers import FOLLOWUP_TEXT_MAX, NAME_MAX, REASON_MAX
from workshop_tui.domain.deck import (
    CampaignStep,
    Card,
    CardDeck,
    ChoiceStep,
    ConsensusStep,
    FollowupStep,
    LevelsStep,
    PromptStep,
    ScaleStep,
    Step,
    VoteStep,
    Workshop,
)
from workshop_tui.domain.state import (
    CampaignPlan,
    EarlierCampaign,
    PreviousLevel,
    PreviousResults,
    SessionState,
)

# A big room for a workshop: enough people for three-figure answer walls and two-figure bars.
ROOM = 50
# The campaign's owner as the plan form allows it (domain/rules.py keeps 80 characters).
OWNER_MAX = 80
# A running countdown at its widest (h:mm:ss).
TIMER_SECONDS = 2 * 3600 - 1
# The day the worst-case campaign is planned on; any fixed day would do.
TODAY = date(2026, 1, 1)

Payload = dict[str, Any]


def text_of(language: str, length: int, seed: int = 0) -> str:
    """Sentences of the language's service answers, at most `length` characters and ending on
    a whole word; each seed below 16**3 starts with its own three sentences, so that a wall of
    them never merges two."""
    pool = SERVICE.get(language, SERVICE["en"])
    sentences: list[str] = []
    digits = seed
    while len(". ".join(sentences)) < length:
        digits, index = divmod(digits, len(pool))
        # Past the seed's own digits, the sentences follow on from where it started.
        sentences.append(pool[(index + len(sentences)) % len(pool)])
    text = ""
    for word in ". ".join(sentences).split():
        longer = f"{text} {word}" if text else word
        if len(longer) > length:
            break
        text = longer
    return text or pool[seed % len(pool)][:length]


def names(language: str, count: int = ROOM) -> list[str]:
    """`count` distinct participant names at the length limit ("Anna-Erik Maria Lars … 7")."""
    first = FIRST_NAMES.get(language, FIRST_NAMES["en"]).split()
    found = []
    for number in range(count):
        tag = f" {number + 1}"
        for shift in range(len(first)):
            parts = [first[(number + shift + k) % len(first)] for k in range(8)]
            name = f"{parts[0]}-{parts[1]} {' '.join(parts[2:])}"[: NAME_MAX - len(tag)]
            # A name cut at a space would be a character short of the limit.
            if not name.endswith((" ", "-")):
                break
        found.append(name + tag)
    return found


def answers(state: SessionState, step: Step, people: int = ROOM) -> list[Payload]:
    """What each of `people` answers to `step` in `state` (empty for steps that take none)."""
    language = state.workshop.workshop.language
    return [
        payload
        for person in range(people)
        if (payload := _answer(state, step, person, language)) is not None
    ]


def _answer(state: SessionState, step: Step, person: int, language: str) -> Payload | None:
    if isinstance(step, PromptStep):
        columns = max(1, len(step.columns))
        return {
            "answers": [
                {
                    "text": text_of(language, step.max_length, person * step.max_answers + k),
                    "column": (person + k) % columns,
                }
                for k in range(step.max_answers)
            ]
        }
    if isinstance(step, ChoiceStep):
        count = len(step.options)
        if step.multiple:
            # As many as the deck lets one phone tick (`max_choices`), never fewer than it asks.
            low, high = step.choice_limits()
            chosen = [i for i in range(count) if (i + person) % 3 != 0][:high]
            return {"options": chosen if len(chosen) >= low else list(range(low))}
        # Everyone chooses, and every option is chosen by somebody.
        return {"options": [person % count]}
    if isinstance(step, ScaleStep):
        span = step.max - step.min + 1
        return {"ratings": [step.min + (person + i) % span for i in range(len(step.items))]}
    if isinstance(step, VoteStep):
        options = state.steps[step.id].options
        if not options:
            return None
        # All of one's dots on one option, the options taken in turn: every option has dots.
        return {"dots": {str(person % len(options)): step.dots}}
    if isinstance(step, LevelsStep):
        ladders = state.steps[step.id].ladders
        # People spread from the top rung down: every rung has its count, and the group's
        # level is the bottom rung, the one a short screen loses first.
        return {"rungs": {area: len(r) - 1 - person % len(r) for area, r in ladders.items()}}
    if isinstance(step, ConsensusStep):
        fist = person % 6
        if fist >= step.threshold:
            return {"fist": fist}
        return {"fist": fist, "reason": text_of(language, REASON_MAX, person)}
    if isinstance(step, CampaignStep):
        cards = state.card_decks[step.card_deck].cards
        budget = step.votes or state.card_decks[step.card_deck].deck.votes
        return {"votes": {cards[person % len(cards)].id: budget}}
    if isinstance(step, FollowupStep):
        reached = ("yes", "partly", "no")[person % 3]
        return {"reached": reached, "changed": text_of(language, FOLLOWUP_TEXT_MAX, person)}
    return None


def longest_card(deck: CardDeck) -> Card:
    """The card with the most words to show."""
    return max(deck.cards, key=lambda c: len(c.title + c.do + c.purpose + c.goal + "".join(c.tags)))


def plan(state: SessionState, step: CampaignStep) -> CampaignPlan:
    """The group's plan for the longest card, its owner's name at the length limit."""
    card = longest_card(state.card_decks[step.card_deck])
    start = TODAY + timedelta(days=7)
    end = start + timedelta(weeks=card.weeks)
    return _plan(card, state.workshop.workshop.language, start, end, end + timedelta(days=7))


def _plan(card: Card, language: str, start: date, end: date, follow_up: date) -> CampaignPlan:
    """A plan of `card` over these dates, owned by names as long as an owner may be."""
    owner = ", ".join(names(language, 3))[:OWNER_MAX].rstrip(", ")
    return CampaignPlan(
        card.id,
        card.title,
        card.purpose,
        card.goal,
        start.isoformat(),
        end.isoformat(),
        owner,
        follow_up.isoformat(),
    )


def previous(workshop: Workshop) -> PreviousResults:
    """An earlier session's results for every scale item and area, to show beside today's."""
    scales: dict[str, dict[str, float]] = {}
    levels: dict[str, PreviousLevel] = {}
    for step in workshop.steps:
        if isinstance(step, ScaleStep):
            scales[step.id] = {item: (step.min + step.max) / 2 for item in step.items}
        if isinstance(step, LevelsStep):
            for area in step.areas:
                longest = max(range(len(area.rungs)), key=lambda i: len(area.rungs[i]))
                levels[area.id] = PreviousLevel(area.name, longest, area.rungs[longest])
    return PreviousResults(scales, levels)


def earlier_campaign(workshop: Workshop, card_decks: dict[str, CardDeck]) -> EarlierCampaign | None:
    """The campaign a followup step looks back on: the longest card of the workshop's decks,
    planned by an owner with a long name; None when the workshop has no followup step."""
    if not any(isinstance(step, FollowupStep) for step in workshop.steps) or not card_decks:
        return None
    card = max(
        (longest_card(deck) for deck in card_decks.values()),
        key=lambda c: len(c.title + c.do + c.purpose + c.goal),
    )
    start = TODAY - timedelta(weeks=card.weeks + 1)
    end = start + timedelta(weeks=card.weeks)
    made = _plan(card, workshop.workshop.language, start, end, TODAY)
    return EarlierCampaign("earlier-session.json", "campaign", made)
