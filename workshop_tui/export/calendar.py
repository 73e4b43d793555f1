"""Campaigns as an iCalendar file (RFC 5545), for the group's own calendars.

Each campaign is two all-day events: its period (start to end) and its follow-up day. The
summary names the group and the card, the description holds the goal and the owner.

Every event's UID is made of the session's room code, the minute it began and the campaign
step's id, so exporting the same session again (or the register's year, which reads the same
sessions) gives the same UIDs, and a calendar that imports the file again updates its events
instead of adding them twice. Written with the `icalendar` library, which folds long lines,
escapes commas and line breaks and writes CRLF, the parts hand-made files most often get wrong.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from icalendar import Calendar, Event

from workshop_tui.catalogue import t
from workshop_tui.domain.state import CampaignPlan
from workshop_tui.export.inert import one_line, visible
from workshop_tui.export.outcome import Outcome

PRODID = "-//workshop-tui//campaign calendar//EN"
UID_DOMAIN = "workshop-tui"
MEDIA_TYPE = "text/calendar"


@dataclass(frozen=True)
class CalendarCampaign:
    """One campaign as the calendar needs it: where it was chosen (`uid_stem`, see
    `uid_stem`), the group and the plan."""

    uid_stem: str
    group: str
    plan: CampaignPlan


def uid_stem(room: str, created: str, step_id: str) -> str:
    """What a campaign's UIDs are made of: the room, the minute the session began (its header's
    `created`) and the campaign step; room codes are short and come round again, the minute
    tells two sessions with the same code apart."""
    began = datetime.fromisoformat(created).strftime("%Y%m%dT%H%M") if created else "undated"
    return f"{room}-{began}-{step_id}"


def campaign_calendar(
    campaigns: Iterable[CalendarCampaign], language: str, stamp: datetime | None = None
) -> bytes:
    """The campaigns' events as one iCalendar file; `stamp` (now by default) is each event's
    DTSTAMP, when this copy of it was written."""
    stamp = stamp or datetime.now(UTC)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    for campaign in campaigns:
        plan = campaign.plan
        group, title = one_line(campaign.group), one_line(plan.title)
        description = t(
            language,
            "ics_description",
            goal=visible(plan.goal),
            owner=one_line(plan.owner),
            purpose=visible(plan.purpose),
            start=plan.start,
            end=plan.end,
            followup=plan.followup,
        )
        start, end = date.fromisoformat(plan.start), date.fromisoformat(plan.end)
        followup = date.fromisoformat(plan.followup)
        day = timedelta(days=1)
        # An all-day event's DTEND is the day after its last day (it is exclusive).
        events = (
            ("period", start, end + day, "ics_campaign_summary"),
            ("followup", followup, followup + day, "ics_followup_summary"),
        )
        for kind, first, after, summary in events:
            event = Event()
            event.add("uid", f"{campaign.uid_stem}-{kind}@{UID_DOMAIN}")
            event.add("dtstamp", stamp)
            event.add("dtstart", first)
            event.add("dtend", after)
            event.add("summary", t(language, summary, group=group, title=title))
            event.add("description", description)
            # All-day events that do not block the owner's time in free/busy searches.
            event.add("transp", "TRANSPARENT")
            calendar.add_component(event)
    ical: bytes = calendar.to_ical()
    return ical


def outcome_ics(outcome: Outcome) -> bytes | None:
    """A session's campaign as a calendar in the outcome's language (the session's; a phone's
    outcome, `web.phone_language.phone_outcome`, is in the phone's); None when the session has
    no campaign planned, so there is no file to write."""
    card = outcome.card
    if card.campaign is None or card.campaign_step_id is None:
        return None
    stem = uid_stem(outcome.room, outcome.created, card.campaign_step_id)
    return campaign_calendar(
        [CalendarCampaign(stem, outcome.group, card.campaign)], outcome.language
    )
