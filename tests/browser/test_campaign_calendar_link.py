"""The phone's "Add to my calendar" at the summary step, once the group has chosen a campaign."""

from __future__ import annotations

from datetime import date

import pytest
from icalendar import Calendar
from playwright.sync_api import Page, expect

from tests.browser.browser_server import Served
from workshop_tui.domain.commands import ChooseCampaign
from workshop_tui.domain.state import CampaignPlan

pytestmark = pytest.mark.browser

PLAN = CampaignPlan(
    "greeting-contest",
    "",
    "purpose",
    "Greet everyone",
    "2026-02-02",
    "2026-02-22",
    "Bo",
    "2026-03-02",
)


def test_the_phone_adds_the_campaign_to_its_calendar(phone: Page, served: Served) -> None:
    served.goto("hello")
    phone.goto(served.join_url)
    expect(phone.get_by_text("Join with your phone.")).to_be_visible()
    served.goto("card")
    expect(phone.get_by_role("link", name="Save the card")).to_be_visible()
    link = phone.get_by_role("link", name="Add to my calendar")
    expect(link).to_have_count(0)  # nothing to add before a campaign is chosen
    served.run(served.hub.execute(ChooseCampaign("cards", PLAN)))
    expect(link).to_be_visible()
    with phone.expect_download() as caught:
        link.click()
    download = caught.value
    assert download.suggested_filename == f"campaign-{served.hub.state.room}.ics"
    with open(download.path(), "rb") as file:
        calendar = Calendar.from_ical(file.read())
    starts = sorted(event.decoded("DTSTART") for event in calendar.walk("VEVENT"))
    assert starts == [date(2026, 2, 2), date(2026, 3, 2)]
