"""Targeted wake-ups: a phone's subscription ignores other phones' answers, not the facilitator."""

from __future__ import annotations

import asyncio
import socket
from typing import Any

from workshop_tui.domain.commands import Answer, GoTo, SetRevealed
from workshop_tui.session.hub import RESULTS_WAKE_TURN, Hub


async def woken(sub_wait: asyncio.Task[int | None]) -> bool:
    await asyncio.sleep(0.05)
    return sub_wait.done()


async def test_a_phone_is_woken_by_its_own_answer_and_the_facilitator(hub: Hub) -> None:
    # A choice not revealed yet: once revealed, every phone shows its counts, and then others'
    # answers do wake it (tests/web/test_results_view.py).
    await hub.execute(GoTo(2, hub.clock()))
    me, _ = await hub.join("Kim")
    other, _ = await hub.join("Alex")
    phone = hub.subscribe(me.id)
    projector = hub.subscribe()

    phone_wait = asyncio.create_task(phone.wait())
    projector_wait = asyncio.create_task(projector.wait())
    payload = {"options": [0]}
    await hub.execute(Answer(other.id, "scenario", payload, "k1", hub.clock()))
    assert await woken(projector_wait), "the projector shows every answer"
    assert not await woken(phone_wait), "another phone's answer changes nothing on this one"

    await hub.execute(Answer(me.id, "scenario", payload, "k2", hub.clock()))
    assert await woken(phone_wait)
    assert phone_wait.result() == hub.version

    again = asyncio.create_task(phone.wait())
    await hub.execute(SetRevealed("scenario", True))
    assert await woken(again), "a facilitator command can change every view"
    phone.close()
    projector.close()


async def test_a_change_before_wait_is_not_lost(hub: Hub) -> None:
    await hub.execute(GoTo(0, hub.clock()))
    sub = hub.subscribe("someone")
    await hub.execute(GoTo(1, hub.clock()))
    await asyncio.wait_for(sub.wait(), 1.0)
    sub.close()


async def test_closing_the_hub_wakes_every_subscription(hub: Hub) -> None:
    sub = hub.subscribe("someone")
    waiting = asyncio.create_task(sub.wait())
    await asyncio.sleep(0.01)
    await hub.close()
    await asyncio.wait_for(waiting, 1.0)


async def test_a_quiet_spell_ends_a_wait_without_a_change(hub: Hub) -> None:
    # The event streams send a keep-alive then; a change still returns the hub's version.
    sub = hub.subscribe("someone", quiet_after=0.05)
    assert await asyncio.wait_for(sub.wait(), 1.0) is None
    waiting = asyncio.create_task(sub.wait())
    await hub.execute(GoTo(1, hub.clock()))
    assert await asyncio.wait_for(waiting, 1.0) == hub.version
    sub.close()


async def test_ending_a_subscription_ends_its_wait_and_every_later_one(hub: Hub) -> None:
    sub = hub.subscribe("someone")
    waiting = asyncio.create_task(sub.wait())
    await asyncio.sleep(0.01)
    sub.end()
    assert await asyncio.wait_for(waiting, 1.0) is None
    assert await asyncio.wait_for(sub.wait(), 1.0) is None
    sub.close()


async def test_a_results_wake_up_lets_phones_in_between_turns(
    goto: Any, hub: Hub, monkeypatch: Any
) -> None:
    # A revealed result follows others' answers with one coalesced wake-up of every stream.
    # The loop reads its sockets (phones answering) between two turns of that wake-up, not
    # only after every stream has had its turn.
    monkeypatch.setattr("workshop_tui.session.hub.RESULTS_QUIET", 0.05)
    await goto(hub, "scenario")
    await hub.execute(SetRevealed("scenario", True))
    loop = asyncio.get_running_loop()
    ends = socket.socketpair()
    for end in ends:
        end.setblocking(False)
    streams_before_the_socket: asyncio.Future[int] = loop.create_future()
    ran = 0

    def socket_read() -> None:
        ends[1].recv(1)
        if not streams_before_the_socket.done():
            streams_before_the_socket.set_result(ran)

    loop.add_reader(ends[1].fileno(), socket_read)

    async def stream(sub: Any) -> None:
        nonlocal ran
        await sub.wait()
        if ran == 0:
            # A phone's request arrives just as the wake-up starts.
            ends[0].send(b"x")
        ran += 1

    subs = [hub.subscribe(f"phone {n}") for n in range(4 * RESULTS_WAKE_TURN)]
    streams = [asyncio.create_task(stream(sub)) for sub in subs]
    someone, _ = await hub.join()
    await hub.execute(Answer(someone.id, "scenario", {"options": [0]}, "k", hub.clock()))
    try:
        # The turn it arrived in, and the one already queued when the loop read it.
        assert await asyncio.wait_for(streams_before_the_socket, 5) <= 2 * RESULTS_WAKE_TURN
        await asyncio.wait_for(asyncio.gather(*streams), 5)
    finally:
        loop.remove_reader(ends[1].fileno())
        for end in ends:
            end.close()
        for sub in subs:
            sub.close()
