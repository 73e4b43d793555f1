"""What a phone saves, per language: the card image is drawn once per language and version
however many phones ask, and a generated name is in the joining phone's language."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest

from workshop_tui import decks
from workshop_tui.domain import names
from workshop_tui.export.outcome import Outcome
from workshop_tui.hub import Hub
from workshop_tui.translations import load_parallel
from workshop_tui.web import Limits, create_app, pocket_image

SV = decks.bundled_dir() / "stjarnklass-sv.toml"
Goto = Callable[[Hub, str], Awaitable[None]]


@pytest.fixture
async def hub(tmp_path: Path) -> AsyncIterator[Hub]:
    """The bundled workshop in Swedish, with its Finnish and English files for the phones."""
    workshop, cards = decks.load_workshop(SV)
    parallel = load_parallel(SV, workshop, cards, ["fi", "en"])
    running = Hub.create(workshop, cards, tmp_path, translations=parallel)
    await running.start()
    yield running
    await running.close()


@pytest.fixture
def phone(hub: Hub, aiohttp_client: Any) -> Callable[[str], Awaitable[Any]]:
    """A new phone, joined with a generated name, whose browser asks for `accept_language`."""

    async def make(accept_language: str) -> Any:
        client = await aiohttp_client(create_app(hub, Limits()))
        client.session.headers["Accept-Language"] = accept_language
        response = await client.post(f"/api/{hub.state.room}/join")
        assert response.status == 201
        return client

    return make


async def test_the_card_image_is_drawn_once_per_language_and_again_after_a_change(
    hub: Hub, phone: Callable[[str], Awaitable[Any]], goto: Goto, monkeypatch: pytest.MonkeyPatch
) -> None:
    drawn: list[Outcome] = []
    draw = pocket_image._draw

    def counting(outcome: Outcome) -> bytes:
        drawn.append(outcome)
        return draw(outcome)

    monkeypatch.setattr(pocket_image, "_draw", counting)
    # One server (one cache of images); each request asks in a language of its own.
    client = await phone("sv")
    await goto(hub, "summary")
    url = f"/api/{hub.state.room}/card.png"
    asks = ("fi-FI", "sv-SE", "fi", "sv", "en-GB")
    replies = await asyncio.gather(
        *(client.get(url, headers={"Accept-Language": accept}) for accept in asks)
    )
    images = [await reply.read() for reply in replies]
    assert sorted(outcome.language for outcome in drawn) == ["en", "fi", "sv"]
    assert images[0] == images[2] and images[1] == images[3]
    assert len({images[0], images[1], images[4]}) == 3
    assert {o.workshop_title for o in drawn} == {
        hub.state.workshop.workshop.title,
        hub.translations["fi"].workshop.workshop.title,
        hub.translations["en"].workshop.workshop.title,
    }
    # A change to the session is drawn again, for the language that asks.
    await goto(hub, "campaign")
    await client.get(url, headers={"Accept-Language": "fi"})
    assert [o.language for o in drawn[3:]] == ["fi"]


async def test_a_generated_name_is_in_the_joining_phones_language(
    hub: Hub, phone: Callable[[str], Awaitable[Any]]
) -> None:
    for accept, language in (("fi-FI", "fi"), ("en-US", "en"), ("sv-SE", "sv"), ("de", "sv")):
        client = await phone(accept)
        me = (await (await client.get(f"/api/{hub.state.room}/me")).json())["view"]["me"]
        adjective, animal = me["name"].split(" ")[:2]
        assert adjective in names._ADJECTIVES[language].split(), (accept, me["name"])
        assert animal in names._ANIMALS[language].split(), (accept, me["name"])
