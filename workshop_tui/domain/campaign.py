"""Campaigns: their timing (a group runs at least four a year, one window each quarter) and
the cards a group votes among (the whole deck, or the deck narrowed before the vote)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from workshop_tui.domain import tally
from workshop_tui.domain.deck import CULTURE_AREAS, CampaignStep, Card, CultureArea, ScaleStep
from workshop_tui.domain.state import CampaignPlan, SessionState

CAMPAIGNS_PER_YEAR = 4
FOLLOWUP_AFTER = timedelta(weeks=1)
# About as many cards as a phone shows on a few screens and a group can weigh in a vote.
NARROWED = 10


def cards_in_play(state: SessionState, step: CampaignStep) -> list[Card]:
    """The cards the phones vote among, in the projector's browsing order (the group's
    role's cards first): those the facilitator narrowed the deck to, else the whole deck."""
    cards = state.card_decks[step.card_deck].for_role(state.workshop.workshop.role)
    chosen = state.steps[step.id].cards
    if chosen is None:
        return cards
    kept = set(chosen)
    return [card for card in cards if card.id in kept]


def culture_means(state: SessionState, step: CampaignStep) -> dict[CultureArea, float]:
    """The group's mean rating per culture area from the latest scale step before `step`
    that rates the eight areas (one item per area, in `CULTURE_AREAS` order, as the bundled
    workshops' culture step does); areas nobody rated are left out, and there are none
    without such a step."""
    steps = state.workshop.steps
    before = steps[: [s.id for s in steps].index(step.id)]
    for scale in reversed(before):
        if isinstance(scale, ScaleStep) and len(scale.items) == len(CULTURE_AREAS):
            answers = state.steps[scale.id].current_answers.values()
            items = tally.scale_items(answers, len(scale.items), scale.min, scale.max)
            return {
                area: item.mean
                for area, item in zip(CULTURE_AREAS, items, strict=True)
                if item.mean is not None
            }
    return {}


def narrowed_cards(
    state: SessionState, step: CampaignStep, limit: int = NARROWED
) -> tuple[str, ...]:
    """The card ids proposed for a narrowed vote (`NarrowDeck`): at most `limit` of the cards
    that suit the group's role, those for the culture areas the group rated lowest first
    (a card counts by its lowest-rated area; cards of unrated areas last), else in the
    browsing order. Advisory: the facilitator may take it, change it or keep the whole deck.
    Empty when fewer than two cards would remain (a vote needs a choice)."""
    role = state.workshop.workshop.role
    cards = state.card_decks[step.card_deck].for_role(role)
    suited = [card for card in cards if not card.roles or role in card.roles]
    means = culture_means(state, step)

    def weakest(card: Card) -> float:
        rated = [means[area] for area in card.areas if area in means]
        return min(rated, default=float("inf"))

    # sorted is stable: equally rated cards keep the browsing order.
    chosen = sorted(suited, key=weakest)[: max(0, limit)]
    return tuple(card.id for card in chosen) if len(chosen) >= 2 else ()


@dataclass(frozen=True)
class Window:
    """When a campaign runs and when the group follows it up."""

    start: date
    end: date
    followup: date


def propose_window(today: date, weeks: int, busy_until: date | None = None) -> Window:
    """The next window for a campaign of `weeks` weeks.

    It starts on the Monday after today (or after the group's running campaign ends), so a
    new campaign never overlaps the last one, and it is followed up a week after it ends.
    """
    start = max(today, busy_until or today) + timedelta(days=1)
    start += timedelta(days=(7 - start.weekday()) % 7)
    end = start + timedelta(weeks=weeks) - timedelta(days=1)
    return Window(start, end, end + FOLLOWUP_AFTER)


def busy_until(state: SessionState, step_id: str) -> date | None:
    """When the group's campaigns that a new plan in `step_id` must not overlap end: the
    campaign this session follows up (a follow-up often runs before the campaign it looks
    back on has ended, or even begun) and the plans of this session's other campaign steps.
    The step's own plan is left out: a new plan replaces it, so a reopened form that counted
    it would propose the window after the campaign it is correcting."""
    plans = [s.plan for other, s in state.steps.items() if s.plan is not None and other != step_id]
    if state.earlier_campaign is not None:
        plans.append(state.earlier_campaign.plan)
    return max((parse_date(plan.end, "end") for plan in plans), default=None)


def overlap(first: CampaignPlan, second: CampaignPlan) -> bool:
    """Whether two campaigns' periods share a day (the first and last days count)."""
    start, end = parse_date(first.start, "start"), parse_date(first.end, "end")
    return start <= parse_date(second.end, "end") and parse_date(second.start, "start") <= end


def next_start(start: date) -> date:
    """When the campaign after one starting on `start` should start, at four a year."""
    return start + timedelta(weeks=52 // CAMPAIGNS_PER_YEAR)


def has_started(plan: CampaignPlan, on: date) -> bool:
    """Whether a campaign has begun by `on` (its start day counts), so that there is
    something to follow up."""
    return parse_date(plan.start, "start") <= on


def parse_date(text: str, what: str) -> date:
    """Read an ISO date (YYYY-MM-DD); ValueError names the field and the expected form."""
    try:
        return date.fromisoformat(text)
    except (TypeError, ValueError):
        raise ValueError(f"{what} must be a date written YYYY-MM-DD, not {text!r}") from None
