"""A follower's own copy of the session (what the projector draws from) is the hub's state as
written: moved on batch by batch, and back with the hub when the disk refuses one."""

from __future__ import annotations

import asyncio
import random
from collections.abc import Callable
from typing import Any

from workshop_tui.domain import tally
from workshop_tui.domain.commands import (
    Answer,
    GoTo,
    Moderate,
    Rename,
    SetJoining,
    SetRevealed,
    TimerControl,
)
from workshop_tui.domain.state import snapshot
from workshop_tui.domain.verdict import Refused
from workshop_tui.session.follow import Copy, Written
from workshop_tui.session.hub import Hub
from workshop_tui.session.store import StoreError

PAYLOADS: dict[str, Callable[[int], dict[str, Any]]] = {
    "ideas": lambda n: {"answers": [{"text": f"idea {n % 4}", "column": n % 2}]},
    "scenario": lambda n: {"options": [n % 3]},
    "areas": lambda n: {"ratings": [1 + n % 5, None, 2]},
}


async def test_the_copy_follows_every_batch_and_a_refused_one(hub: Hub) -> None:
    told: list[Written] = []
    state, version, stop = await hub.follow(told.append)
    copy = Copy(state, version)
    assert state is not hub.state
    rng = random.Random(7)
    people = [(await hub.join(f"P{i}"))[0].id for i in range(6)]
    steps = ["ideas", "scenario", "areas"]
    order = [s.id for s in hub.state.workshop.steps]
    original = hub.store.append

    def full_disk(batch: object) -> None:
        raise StoreError("could not save: No space left on device")

    for round_ in range(12):
        step = steps[round_ % 3]
        await hub.execute(GoTo(order.index(step), hub.clock()))
        if round_ == 5:
            # One batch the disk refuses, in the middle of others being answered.
            hub.store.append = full_disk  # type: ignore[method-assign, assignment]
        # Answers sent together go to the disk as one batch or a few.
        sends = [
            hub.execute(Answer(pid, step, PAYLOADS[step](rng.randrange(100)), f"{round_}{pid}", 1))
            for pid in rng.sample(people, 4)
        ]
        outcomes = await asyncio.gather(*sends, return_exceptions=True)
        if round_ == 5:
            assert all(isinstance(o, Refused) and o.code == "not_stored" for o in outcomes), (
                outcomes
            )
            hub.store.append = original  # type: ignore[method-assign]
        await hub.execute(SetRevealed(step, round_ % 2 == 0))
        wall = tally.wall(hub.state.steps[step]) if step == "ideas" else []
        if wall:
            await hub.execute(Moderate(step, wall[0].id, hidden=True))
        await hub.execute(TimerControl(step, "add", hub.clock(), 60))
        await hub.execute(TimerControl(step, "start", hub.clock()))
        await hub.execute(Rename(people[round_ % 6], f"Q{round_}"))
    await hub.execute(SetJoining(False))
    await hub.written()
    assert any(w.commands is None for w in told), "the refused batch was told"
    for written in told:
        copy.apply(written)
    assert copy.version == hub.version
    assert snapshot(copy.state) == snapshot(hub.state)
    stop()
    await hub.execute(SetJoining(True))
    assert told[-1].version < hub.version


async def test_a_follower_starts_from_what_is_written(hub: Hub) -> None:
    await hub.join("Ann")
    # Sent, not yet written: the copy must not hold it, or its batch would bring it twice.
    joining = asyncio.ensure_future(hub.join("Bo"))
    await asyncio.sleep(0)
    told: list[Written] = []
    state, version, _ = await hub.follow(told.append)
    await joining
    copy = Copy(state, version)
    for written in told:
        copy.apply(written)
    assert snapshot(copy.state) == snapshot(hub.state)


async def test_the_phones_hear_of_a_batch_before_a_follower_that_waits_its_turn(hub: Hub) -> None:
    # The projector's process sends each batch on with the loop's next turn, so that its paint
    # of a step change never competes with the phones' fan-out (tui/session_process.py).
    loop = asyncio.get_running_loop()
    heard: list[str] = []
    told = asyncio.Event()

    def projector() -> None:
        heard.append("projector")
        told.set()

    def follower(_: Written) -> None:
        loop.call_soon(projector)

    _, _, stop = await hub.follow(follower)
    phones = [hub.subscribe(f"phone {n}") for n in range(20)]

    async def stream(sub: Any) -> None:
        await sub.wait()
        heard.append("phone")

    streams = [asyncio.create_task(stream(sub)) for sub in phones]
    await asyncio.sleep(0)
    await hub.execute(GoTo(1, hub.clock()))
    await asyncio.wait_for(asyncio.gather(*streams), 5)
    await asyncio.wait_for(told.wait(), 5)
    assert heard == ["phone"] * 20 + ["projector"]
    stop()
    for sub in phones:
        sub.close()
