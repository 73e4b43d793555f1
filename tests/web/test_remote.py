"""The facilitator's phone remote (`--remote`): its secret link, its view, its keys, revoking."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from tests.web.conftest import DATA
from workshop_tui import decks
from workshop_tui.domain.commands import Answer
from workshop_tui.participant_server import RemoteControl
from workshop_tui.session.hub import Hub
from workshop_tui.tui.console_link import ConsoleLink
from workshop_tui.web import Limits, create_app
from workshop_tui.web.remote import COOKIE
from workshop_tui.web.server import WebServer


class Projector:
    """Stands in for the projector's key handler: records the keys, answers with `code`."""

    def __init__(self) -> None:
        self.pressed: list[str] = []
        self.code: str | None = None

    async def __call__(self, action: str) -> str | None:
        self.pressed.append(action)
        return self.code


@pytest.fixture
def remote() -> RemoteControl:
    return RemoteControl()


@pytest.fixture
async def hub(tmp_path: Path) -> AsyncIterator[Hub]:
    """The every-kind workshop, with notes for the facilitator on its prompt."""
    workshop, cards = decks.load_workshop(DATA / "every-kind.toml")
    steps = [
        s.model_copy(update={"notes": "Ask for one memory each."}) if s.id == "memory" else s
        for s in workshop.steps
    ]
    hub = Hub.create(workshop.model_copy(update={"steps": steps}), cards, tmp_path)
    await hub.start()
    yield hub
    await hub.close()


@pytest.fixture
async def app_client(hub: Hub, remote: RemoteControl, aiohttp_client: Any) -> Any:
    return await aiohttp_client(create_app(hub, Limits(), remote_control=remote))


async def open_remote(client: Any, remote: RemoteControl) -> Any:
    reply = await client.get(f"/remote/{remote.token}", allow_redirects=False)
    assert reply.status == 303
    return reply


async def first_view(client: Any) -> dict[str, Any]:
    async with client.get("/api/remote/stream") as reply:
        assert reply.status == 200
        assert (await reply.content.readline()).startswith(b"retry:")
        await reply.content.readline()
        assert await reply.content.readline() == b"event: view\n"
        data = await reply.content.readline()
        view: dict[str, Any] = json.loads(data.removeprefix(b"data: "))["view"]
        return view


def test_a_secret_has_at_least_128_random_bits() -> None:
    tokens = {RemoteControl().token for _ in range(50)}
    assert len(tokens) == 50
    # token_urlsafe(24): 24 random bytes, 32 characters of base64.
    assert all(token is not None and len(token) == 32 for token in tokens)


async def test_the_link_sets_a_strict_httponly_cookie_and_sends_the_phone_to_the_page(
    app_client: Any, remote: RemoteControl
) -> None:
    reply = await open_remote(app_client, remote)
    assert reply.headers["Location"] == "../remote"
    morsel = reply.cookies[COOKIE]
    assert morsel.value == remote.token
    assert morsel["httponly"] and morsel["samesite"] == "Strict"
    assert morsel["path"] == "/api/remote"
    page = await app_client.get("/remote")
    text = await page.text()
    assert page.status == 200 and "static/remote.js" in text
    assert remote.token is not None and remote.token not in text


async def test_the_stream_carries_the_consoles_view_with_the_notes(
    hub: Hub, app_client: Any, remote: RemoteControl, goto: Any
) -> None:
    await goto(hub, "memory")
    await open_remote(app_client, remote)
    view = await first_view(app_client)
    assert view["step"]["id"] == "memory"
    assert view["notes"] == "Ask for one memory each."
    assert view["remote_url"] is None


async def test_a_key_is_pressed_on_the_projector_and_its_refusals_have_codes(
    app_client: Any, remote: RemoteControl
) -> None:
    await open_remote(app_client, remote)
    assert (await app_client.post("/api/remote/key", json={"key": "next_step"})).status == 503
    projector = Projector()
    remote.attach(projector)
    reply = await app_client.post("/api/remote/key", json={"key": "next_step"})
    assert reply.status == 200 and "view" in await reply.json()
    assert projector.pressed == ["next_step"]
    projector.code = "not_now"
    reply = await app_client.post("/api/remote/key", json={"key": "reveal"})
    assert reply.status == 409 and (await reply.json())["error"]["code"] == "not_now"
    projector.code = "unknown_key"
    assert (await app_client.post("/api/remote/key", json={"key": "quit"})).status == 404
    for body in ({"key": 3}, {"key": "Next Step!"}, {}):
        assert (await app_client.post("/api/remote/key", json=body)).status == 400


async def test_a_held_answer_is_released_or_rejected_across_its_copies(
    hub: Hub, app_client: Any, remote: RemoteControl, goto: Any
) -> None:
    await goto(hub, "memory")
    for name in ("a", "b"):
        await hub.join(name)
    for pid in list(hub.state.participants):
        payload = {"answers": [{"text": "what the fuck"}]}
        await hub.execute(Answer(pid, "memory", payload, f"k{pid}", hub.clock()))
    await open_remote(app_client, remote)
    held = (await first_view(app_client))["held"]
    assert len(held) == 1 and held[0]["count"] == 2
    body = {"command": "reject", "step_id": "memory", "item_id": held[0]["item_id"]}
    reply = await app_client.post("/api/remote/held", json=body)
    assert reply.status == 200 and (await reply.json())["view"]["held"] == []
    moderation = hub.state.steps["memory"].moderation.values()
    assert all(not m.held and m.hidden for m in moderation) and len(moderation) == 2
    again = await app_client.post("/api/remote/held", json=body)
    assert again.status == 409 and (await again.json())["error"]["code"] == "not_held"


async def test_revoking_refuses_the_secret_at_once_and_ends_its_stream(
    app_client: Any, remote: RemoteControl
) -> None:
    await open_remote(app_client, remote)
    async with app_client.get("/api/remote/stream") as stream:
        for _ in range(4):
            await stream.content.readline()
        remote.revoke()
        # The stream ends: what is left of it is read to the end, within a bound.
        rest = await asyncio.wait_for(stream.content.read(), 5)
        assert b"event:" not in rest
    reply = await app_client.post("/api/remote/key", json={"key": "next_step"})
    assert reply.status == 403 and (await reply.json())["error"]["code"] == "wrong_remote"
    assert (await app_client.get("/api/remote/stream")).status == 403


async def test_wrong_secrets_are_limited_per_address(hub: Hub, aiohttp_client: Any) -> None:
    remote = RemoteControl()
    client = await aiohttp_client(
        create_app(hub, Limits(remote_guesses_per_minute=3), remote_control=remote)
    )
    statuses = [
        (await client.get(f"/remote/wrong{n}", allow_redirects=False)).status for n in range(5)
    ]
    assert statuses == [403, 403, 403, 429, 429]
    # Past the limit the right secret gets 429 too: the answer tells a guesser nothing.
    right = await client.get(f"/remote/{remote.token}", allow_redirects=False)
    assert right.status == 429 and "Retry-After" in right.headers


async def test_presses_are_paced(hub: Hub, aiohttp_client: Any) -> None:
    remote = RemoteControl()
    remote.attach(Projector())
    client = await aiohttp_client(
        create_app(hub, Limits(remote_burst=3, remote_per_second=0.01), remote_control=remote)
    )
    await open_remote(client, remote)
    statuses = [
        (await client.post("/api/remote/key", json={"key": "reveal"})).status for _ in range(4)
    ]
    assert statuses == [200, 200, 200, 429]


async def test_without_a_remote_there_are_no_remote_routes(client: Any) -> None:
    # `/remote` is then only a wrong room code.
    assert (await client.get("/remote")).status == 404
    assert (await client.get("/api/remote/stream")).status == 404


async def test_the_server_knows_the_link_before_it_starts(hub: Hub) -> None:
    remote = RemoteControl()
    server = WebServer(hub, host="127.0.0.1", port=0, remote_control=remote)
    base = server.bind()
    assert remote.url == f"{base}/remote/{remote.token}"
    info = await server.start()
    try:
        assert info.base_url == base and info.remote is remote
    finally:
        await server.stop()


async def test_the_console_shows_the_link_until_it_is_revoked(hub: Hub) -> None:
    async def no_key(_: str) -> str | None:
        return None

    link = ConsoleLink(hub, no_key)
    assert link.view()["remote_url"] is None
    remote = RemoteControl()
    remote.url = f"http://127.0.0.1:1/remote/{remote.token}"
    link.remote = remote
    assert link.view()["remote_url"] == remote.url
    remote.revoke()
    assert link.view()["remote_url"] is None
