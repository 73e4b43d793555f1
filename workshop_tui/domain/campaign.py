"""Campaign timing: a group runs at least four campaigns a year, one window each quarter."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from workshop_tui.domain.state import CampaignPlan, SessionState

CAMPAIGNS_PER_YEAR = 4
FOLLOWUP_AFTER = timedelta(weeks=1)


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
