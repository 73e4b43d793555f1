"""The hub on its own: commands serialised, stored before they are acknowledged, fanned out."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from workshop_tui.domain.commands import Answer, GoTo, TimerControl
from workshop_tui.domain.deck import CardDeck, Workshop
from workshop_tui.domain.state import snapshot
from workshop_tui.domain.verdict import Refused
from workshop_tui.session.hub import Hub
from workshop_tui.session.store import StoreError


async def test_an_acknowledged_answer_is_already_in_the_journal(hub: Hub) -> None:
    participant, _ = await hub.join("Ann")
    await hub.execute(GoTo(1, 1.0))
    await hub.execute(Answer(participant.id, "ideas", {"answers": [{"text": "Smile"}]}, "k1", 2.0))
    journal = hub.path.with_name(hub.path.name + ".wal").read_text()
    assert '"text":"Smile"' in journal


async def test_a_phone_token_finds_its_participant_and_nobody_else(hub: Hub) -> None:
    ann, ann_token = await hub.join("Ann")
    bo, bo_token = await hub.join(None)
    assert hub.participant_for_token(ann_token) is ann
    assert hub.participant_for_token(bo_token) is bo
    assert hub.participant_for_token("guess") is None
    assert len(ann_token) >= 32 and ann_token not in hub.path.read_text()
    assert bo.name


async def test_many_answers_at_once_share_file_writes(hub: Hub) -> None:
    people = [await hub.join(f"P{i}") for i in range(40)]
    await hub.execute(GoTo(1, 1.0))
    writes = 0
    original = hub.store.append

    def counting(batch: Sequence[dict[str, Any]]) -> None:
        nonlocal writes
        writes += 1
        original(batch)

    hub.store.append = counting  # type: ignore[method-assign, assignment]
    await asyncio.gather(
        *(
            hub.execute(Answer(p.id, "ideas", {"answers": [{"text": f"idea {i}"}]}, "k", 2.0))
            for i, (p, _) in enumerate(people)
        )
    )
    assert len(hub.state.steps["ideas"].current_answers) == 40
    assert writes < 40


async def test_a_slow_subscriber_does_not_hold_up_the_others(hub: Hub) -> None:
    slow = hub.subscribe()
    fast = hub.subscribe()
    for i in range(20):
        await hub.join(f"P{i}")
    version = await asyncio.wait_for(fast.wait(), 1)
    assert version == hub.version
    # The slow one wakes once and sees the newest state, not twenty queued updates.
    assert await asyncio.wait_for(slow.wait(), 1) == hub.version
    assert len(hub.state.participants) == 20
    slow.close()
    fast.close()


async def test_a_disk_failure_is_refused_and_nothing_of_it_is_kept(hub: Hub) -> None:
    participant, _ = await hub.join("Ann")
    await hub.execute(GoTo(1, 1.0))

    def full_disk(batch: object) -> None:
        raise StoreError("could not save: No space left on device")

    original = hub.store.append
    hub.store.append = full_disk  # type: ignore[method-assign, assignment]
    with pytest.raises(Refused) as caught:
        await hub.execute(Answer(participant.id, "ideas", {"answers": [{"text": "x"}]}, "k", 2))
    assert caught.value.code == "not_stored"
    assert hub.store_error and "No space" in hub.store_error
    assert hub.state.steps["ideas"].current_answers == {}
    hub.store.append = original  # type: ignore[method-assign]
    await hub.execute(Answer(participant.id, "ideas", {"answers": [{"text": "x"}]}, "k", 2))
    assert hub.store_error is None


async def test_the_timer_locks_the_step_when_it_runs_out(
    mini: tuple[Workshop, dict[str, CardDeck]], tmp_path: Path
) -> None:
    now = [1000.0]
    workshop, card_decks = mini
    hub = Hub.create(workshop, card_decks, tmp_path, clock=lambda: now[0])
    await hub.start()
    await hub.execute(GoTo(1, now[0]))
    await hub.execute(TimerControl("ideas", "start", now[0]))
    changed = hub.subscribe()
    # Not yet: the deadline finds time left and waits again.
    now[0] += 179
    hub.check_deadline()
    assert str(hub.state.steps["ideas"].status) == "open"
    now[0] += 2
    hub.check_deadline()
    await asyncio.wait_for(changed.wait(), 5)
    assert hub.state.steps["ideas"].status == "locked"
    await hub.close()


async def test_the_timer_deadline_fires_on_the_real_clock_without_polling(
    mini: tuple[Workshop, dict[str, CardDeck]], tmp_path: Path
) -> None:
    # A clock that stands still while the timer is set up, then runs in real time.
    frozen, offset, running = [1000.0], [0.0], [False]

    def clock() -> float:
        return time.time() + offset[0] if running[0] else frozen[0]

    workshop, card_decks = mini
    hub = Hub.create(workshop, card_decks, tmp_path, clock=clock)
    await hub.start()
    await hub.execute(GoTo(1, hub.clock()))
    # Three minutes, paused 0.3 s before the end, then started again on the real clock.
    await hub.execute(TimerControl("ideas", "start", hub.clock()))
    frozen[0] += 179.7
    await hub.execute(TimerControl("ideas", "pause", hub.clock()))
    offset[0], running[0] = frozen[0] - time.time(), True
    changed = hub.subscribe()
    await hub.execute(TimerControl("ideas", "start", hub.clock()))
    while hub.state.steps["ideas"].status != "locked":
        await asyncio.wait_for(changed.wait(), 5)
    await hub.close()


async def test_a_resumed_session_is_the_session_that_was_closed(
    mini: tuple[Workshop, dict[str, CardDeck]], tmp_path: Path
) -> None:
    workshop, card_decks = mini
    hub = Hub.create(workshop, card_decks, tmp_path)
    await hub.start()
    ann, token = await hub.join("Ann")
    await hub.execute(GoTo(2, 1.0))
    await hub.execute(Answer(ann.id, "scenario", {"options": [2]}, "k", 2.0))
    await hub.close()
    resumed = Hub.resume(hub.path)
    assert snapshot(resumed.state) == snapshot(hub.state)
    assert resumed.participant_for_token(token) is not None
    await resumed.start()
    await resumed.close()
