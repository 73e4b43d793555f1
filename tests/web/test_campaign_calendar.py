"""The campaign as a calendar file for the phones: `GET /api/{ROOM}/campaign.ics`."""

from __future__ import annotations

from datetime import date
from typing import Any

from icalendar import Calendar

from workshop_tui.domain.commands import ChooseCampaign
from workshop_tui.domain.state import CampaignPlan
from workshop_tui.session.hub import Hub

PLAN = CampaignPlan(
    "greeting-contest",
    "",
    "Every customer feels seen",
    "Greet 95 % of visitors within 10 seconds",
    "2026-02-02",
    "2026-02-22",
    "Åsa Öberg",
    "2026-03-02",
)


async def test_a_joined_phone_gets_the_chosen_campaign_as_a_calendar(
    client: Any, room: str, hub: Hub
) -> None:
    response = await client.get(f"/api/{room}/campaign.ics")
    assert response.status == 401
    assert (await response.json())["error"]["code"] == "not_joined"
    joined = await client.post(f"/api/{room}/join", json={"name": "Åsa"})
    assert joined.status == 201
    missing = await client.get(f"/api/{room}/campaign.ics")
    assert missing.status == 404
    assert (await missing.json())["error"]["code"] == "not_found"

    await hub.execute(ChooseCampaign("cards", PLAN))
    response = await client.get(f"/api/{room}/campaign.ics")
    assert response.status == 200
    assert response.content_type == "text/calendar"
    assert response.charset == "utf-8"
    assert f'filename="campaign-{room}.ics"' in response.headers["Content-Disposition"]
    calendar = Calendar.from_ical(await response.read())
    starts = {str(e["UID"]): e.decoded("DTSTART") for e in calendar.walk("VEVENT")}
    stem = f"{room}-{hub.meta['created'][:16].replace('-', '').replace(':', '')}-cards"
    assert starts == {
        f"{stem}-period@workshop-tui": date(2026, 2, 2),
        f"{stem}-followup@workshop-tui": date(2026, 3, 2),
    }
    summaries = {str(e["SUMMARY"]) for e in calendar.walk("VEVENT")}
    assert summaries == {
        "Every kind: campaign “Greeting contest”",
        "Every kind: follow-up of “Greeting contest”",
    }
    wrong = await client.get("/api/ZZZZ/campaign.ics")
    assert wrong.status == 404
