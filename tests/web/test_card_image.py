"""The service card as an image for the phones, and the earlier campaign at a followup step."""

from __future__ import annotations

import asyncio
import io
from pathlib import Path
from typing import Any

from PIL import Image

from workshop_tui import decks
from workshop_tui.domain.commands import Answer, LockLevels
from workshop_tui.domain.state import CampaignPlan, EarlierCampaign
from workshop_tui.export.outcome import Outcome
from workshop_tui.session.hub import Hub
from workshop_tui.web import create_app

DATA = Path(__file__).parent / "data"


async def _joined(client: Any, room: str) -> dict[str, Any]:
    response = await client.post(f"/api/{room}/join", json={"name": "Åsa"})
    assert response.status == 201
    data: dict[str, Any] = await response.json()
    return data


async def test_a_joined_phone_gets_the_card_as_a_png_with_the_agreed_level(
    goto: Any, client: Any, room: str, hub: Hub, drawn: list[Outcome]
) -> None:
    me = (await _joined(client, room))["view"]["me"]["id"]
    await goto(hub, "ladder")
    await hub.execute(Answer(me, "ladder", {"rungs": {"greeting": 1}}, "k1", hub.clock()))
    await hub.execute(LockLevels("ladder"))
    await goto(hub, "card")

    responses = await asyncio.gather(*(client.get(f"/api/{room}/card.png") for _ in range(5)))
    for response in responses:
        assert response.status == 200
        assert response.content_type == "image/png"
        assert "attachment" in response.headers["Content-Disposition"]
    image = Image.open(io.BytesIO(await responses[0].read()))
    assert image.size == (1011, 638)
    assert len(drawn) == 1, "phones asking at once share one drawing"
    assert drawn[0].card.areas[0].level == 1
    assert not drawn[0].names, "the phones' card names nobody"


async def test_only_phones_in_the_session_get_the_card(client: Any, room: str) -> None:
    response = await client.get(f"/api/{room}/card.png")
    assert response.status == 401
    assert (await response.json())["error"]["code"] == "not_joined"
    await _joined(client, room)
    wrong = await client.get("/api/ZZZZ/card.png")
    assert wrong.status == 404


async def test_the_followup_step_shows_the_earlier_campaign_it_was_started_for(
    goto: Any, tmp_path: Path, aiohttp_client: Any
) -> None:
    plan = CampaignPlan(
        "greeting",
        "Hälsningstävling",
        "Alla ska känna sig sedda",
        "9 av 10 kunder hälsas",
        "2026-02-02",
        "2026-02-22",
        "Örjan",
        "2026-03-02",
    )
    workshop, cards = decks.load_workshop(DATA / "every-kind.toml")
    earlier = EarlierCampaign("stjarnklass-sv-2026-01-15-ABCD.json", "campaign", plan)
    hub = Hub.create(workshop, cards, tmp_path, followup_of=earlier)
    await hub.start()
    try:
        client = await aiohttp_client(create_app(hub))
        await _joined(client, hub.state.room)
        await goto(hub, "later")
        response = await client.get(f"/api/{hub.state.room}/me")
        shown = (await response.json())["view"]["step"]["campaign"]
        assert (shown["title"], shown["goal"], shown["start"], shown["end"]) == (
            "Hälsningstävling",
            "9 av 10 kunder hälsas",
            "2026-02-02",
            "2026-02-22",
        )
    finally:
        await hub.close()
    # The link is part of the session: a resumed session still knows it.
    resumed = Hub.resume(hub.path)
    try:
        assert resumed.state.earlier_campaign == earlier
    finally:
        resumed.store.close()
