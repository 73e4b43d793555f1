"""The live stream: the whole view on connect and after every change, keep-alives in between."""

from __future__ import annotations

import asyncio
import json
from typing import Any

from workshop_tui.domain.commands import SetLocked
from workshop_tui.session.hub import Hub
from workshop_tui.web import Limits, create_app


async def next_event(response: Any, timeout: float = 5.0) -> tuple[str, Any]:
    """The next SSE event (name, parsed data) or comment ("comment", text), within `timeout`."""
    lines: list[str] = []
    async with asyncio.timeout(timeout):
        while True:
            raw = await response.content.readline()
            assert raw, "the stream ended"
            line = raw.decode().rstrip("\n")
            if line:
                lines.append(line)
                continue
            if not lines:
                continue
            if lines[0].startswith(":"):
                return "comment", lines[0][1:].strip()
            fields = dict(line.split(": ", 1) for line in lines)
            if "data" in fields:
                return fields.get("event", "message"), json.loads(fields["data"])
            lines = []


async def joined(client: Any, room: str) -> None:
    assert (await client.post(f"/api/{room}/join")).status == 201


async def test_the_stream_needs_a_joined_phone(client: Any, room: str) -> None:
    response = await client.get(f"/api/{room}/stream")
    assert response.status == 401
    assert (await response.json())["error"]["code"] == "not_joined"


async def test_the_stream_sends_the_view_at_once_and_after_each_step_change(
    goto: Any, client: Any, room: str, hub: Hub
) -> None:
    await joined(client, room)
    response = await client.get(f"/api/{room}/stream")
    assert response.status == 200
    assert response.headers["Content-Type"] == "text/event-stream"
    name, data = await next_event(response)
    assert name == "view"
    assert data["view"]["step"] is None
    await goto(hub, "pick")
    name, data = await next_event(response)
    assert data["view"]["step"]["id"] == "pick"
    await hub.execute(SetLocked("pick", True))
    name, data = await next_event(response)
    assert data["view"]["step"]["status"] == "locked"
    response.close()


async def test_other_phones_answers_do_not_resend_my_view(
    goto: Any, hub: Hub, room: str, aiohttp_client: Any
) -> None:
    app = create_app(hub, Limits(keepalive_seconds=0.3))
    me, other = await aiohttp_client(app), await aiohttp_client(app)
    await joined(me, room)
    await joined(other, room)
    await goto(hub, "pick")
    response = await me.get(f"/api/{room}/stream")
    await next_event(response)
    reply = await other.post(
        f"/api/{room}/answer", json={"step": "pick", "key": "k", "payload": {"options": [1]}}
    )
    assert reply.status == 200
    assert await next_event(response) == ("comment", "keep-alive")
    response.close()


async def test_my_own_answer_comes_back_on_the_stream(
    goto: Any, client: Any, room: str, hub: Hub
) -> None:
    await joined(client, room)
    await goto(hub, "fist")
    response = await client.get(f"/api/{room}/stream")
    await next_event(response)
    await client.post(
        f"/api/{room}/answer", json={"step": "fist", "key": "k", "payload": {"fist": 5}}
    )
    _, data = await next_event(response)
    assert data["view"]["step"]["answer"] == {"fist": 5}
    response.close()


async def test_the_stream_keeps_the_connection_alive(
    hub: Hub, room: str, aiohttp_client: Any
) -> None:
    client = await aiohttp_client(create_app(hub, Limits(keepalive_seconds=0.1)))
    await joined(client, room)
    response = await client.get(f"/api/{room}/stream")
    await next_event(response)
    assert await next_event(response) == ("comment", "keep-alive")
    response.close()


async def test_the_stream_ends_when_the_session_closes(client: Any, room: str, hub: Hub) -> None:
    await joined(client, room)
    response = await client.get(f"/api/{room}/stream")
    await next_event(response)
    await hub.close()
    async with asyncio.timeout(5):
        assert await response.content.read() == b""


async def test_one_phone_cannot_open_endless_streams(
    hub: Hub, room: str, aiohttp_client: Any
) -> None:
    limits = Limits(streams_per_participant=2, keepalive_seconds=0.1)
    client = await aiohttp_client(create_app(hub, limits))
    await joined(client, room)
    first = await client.get(f"/api/{room}/stream")
    second = await client.get(f"/api/{room}/stream")
    refused = await client.get(f"/api/{room}/stream")
    assert (first.status, second.status, refused.status) == (200, 200, 429)
    assert refused.headers["Retry-After"] == "5"
    assert (await refused.json())["error"]["code"] == "too_many_requests"
    first.close()
    # The server finds the closed stream at its next keep-alive and frees the place.
    async with asyncio.timeout(5):
        while (again := await client.get(f"/api/{room}/stream")).status != 200:
            await asyncio.sleep(0.1)
    again.close()
    second.close()
