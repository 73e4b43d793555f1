"""Campaign timing: a group runs at least four campaigns a year, one window each quarter."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from workshop_tui.domain.state import CampaignPlan

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
