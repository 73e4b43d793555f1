"""A room full of phones behind one address (a tunnel, a reverse proxy, a venue NAT) joins at once;
a guesser of room codes from that address is still stopped; a phone over the limit gets a place in
a queue and the seconds until its turn, and the projector is told."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from aiohttp import DummyCookieJar

from workshop_tui import decks
from workshop_tui.domain.commands import SetJoining
from workshop_tui.domain.state import Settings
from workshop_tui.session.hub import Hub
from workshop_tui.web import Limits, create_app
from workshop_tui.web.context import CONTEXT
from workshop_tui.web.limits import JoinQueue

DATA = Path(__file__).parent / "data"
QUEUE_COOKIE = "workshop_queue"


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1_767_225_600.0

    def __call__(self) -> float:
        return self.now


async def started_hub(folder: Path, clock: Clock | None = None, max_participants: int = 300) -> Hub:
    workshop, cards = decks.load_workshop(DATA / "every-kind.toml")
    settings = Settings(max_participants=max_participants)
    hub = Hub.create(workshop, cards, folder, settings=settings, clock=clock or Clock())
    await hub.start()
    return hub


async def test_three_hundred_phones_from_one_address_all_get_in_and_guessing_stays_limited(
    tmp_path: Path, aiohttp_client: Any
) -> None:
    hub = await started_hub(tmp_path)
    try:
        # No cookie jar: every request is a new phone, and every one comes from 127.0.0.1.
        client = await aiohttp_client(create_app(hub, Limits()), cookie_jar=DummyCookieJar())
        room = hub.state.room

        async def join() -> int:
            async with client.post(f"/api/{room}/join") as response:
                status: int = response.status
                return status

        statuses = await asyncio.gather(*(join() for _ in range(300)))
        assert statuses.count(201) == 300, sorted(set(statuses))
        assert len(hub.state.participants) == 300
        wrong = [await client.post(f"/api/Z{n:03d}/join") for n in range(20)]
        assert [r.status for r in wrong] == [404] * 20
        guessed = await client.post("/api/ZZZZ/join")
        assert guessed.status == 429
        assert "room code" in (await guessed.json())["error"]["message"]
    finally:
        await hub.close()


def test_by_default_the_whole_room_may_arrive_at_once_from_one_address() -> None:
    queue = JoinQueue(per_minute=1000, burst=1000)
    turns = [queue.admit("127.0.0.1", 0.0, None) for _ in range(1000)]
    assert all(turn.wait == 0 for turn in turns)
    assert queue.admit("127.0.0.1", 0.0, None).wait > 0


async def test_a_phone_over_the_limit_gets_a_place_in_the_queue_and_its_turn(
    tmp_path: Path, aiohttp_client: Any
) -> None:
    clock = Clock()
    hub = await started_hub(tmp_path, clock)
    try:
        app = create_app(hub, Limits(joins_per_minute=3))
        first = await aiohttp_client(app, cookie_jar=DummyCookieJar())
        room = hub.state.room
        for _ in range(3):
            assert (await first.post(f"/api/{room}/join")).status == 201

        fourth = await first.post(f"/api/{room}/join")
        assert fourth.status == 429
        assert fourth.headers["Retry-After"] == "20"
        body = await fourth.json()
        assert body["error"]["code"] == "too_many_requests"
        assert body["error"]["detail"] == {"queued": True, "wait": 20}
        ticket = fourth.cookies[QUEUE_COOKIE].value
        with_ticket = {"Cookie": f"{QUEUE_COOKIE}={ticket}"}
        assert fourth.cookies[QUEUE_COOKIE]["httponly"]
        assert fourth.cookies[QUEUE_COOKIE]["path"] == f"/api/{room}"

        # The next phone queues behind it, a turn later.
        fifth = await first.post(f"/api/{room}/join")
        assert fifth.headers["Retry-After"] == "40"

        # Early, the fourth keeps its place (it is not sent to the back, nor counted again).
        clock.now += 19.5
        early = await first.post(f"/api/{room}/join", headers=with_ticket)
        assert early.status == 429
        assert early.headers["Retry-After"] == "1"
        clock.now += 0.5
        turn = await first.post(f"/api/{room}/join", headers=with_ticket)
        assert turn.status == 201
        assert turn.cookies[QUEUE_COOKIE].value == ""
        assert len(hub.state.participants) == 4

        # A ticket is used once.
        again = await first.post(f"/api/{room}/join", headers=with_ticket)
        assert again.status == 429
        turned_away = app[CONTEXT].turned_away
        assert turned_away.recent(clock()) == {"queued": 3}
    finally:
        await hub.close()


async def test_the_projector_is_told_of_every_phone_turned_away(
    tmp_path: Path, aiohttp_client: Any
) -> None:
    hub = await started_hub(tmp_path, max_participants=2)
    try:
        app = create_app(hub, Limits())
        client = await aiohttp_client(app, cookie_jar=DummyCookieJar())
        told: list[dict[str, int]] = []
        turned_away = app[CONTEXT].turned_away
        turned_away.listen(lambda: told.append(turned_away.recent(hub.clock())))
        room = hub.state.room
        for _ in range(2):
            assert (await client.post(f"/api/{room}/join")).status == 201
        assert told == []
        assert (await client.post(f"/api/{room}/join")).status == 409
        await hub.execute(SetJoining(False))
        assert (await client.post(f"/api/{room}/join")).status == 409
        assert told == [{"session_full": 1}, {"session_full": 1, "joining_closed": 1}]
    finally:
        await hub.close()
