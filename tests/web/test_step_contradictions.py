"""What a phone and the remote say must not contradict what is next to it (issue 21).

A locked step counts no time down, a step nobody answers has no answered count, and the
phones' wall leaves out the answers the facilitator hid or rejected, its count with them.
"""

from __future__ import annotations

from typing import Any

from tests.web.test_remote import first_view, open_remote
from tests.web.test_results_view import join, me, send
from workshop_tui.domain.commands import LockLevels, Moderate, TimerControl
from workshop_tui.domain.tally import item_id
from workshop_tui.participant_server import RemoteControl
from workshop_tui.session.hub import Hub
from workshop_tui.web import Limits, create_app


async def test_a_locked_ladder_counts_no_time_down_on_the_phone(
    goto: Any, hub: Hub, room: str, client: Any
) -> None:
    await join(client, room)
    await goto(hub, "ladder")
    await hub.execute(TimerControl("ladder", "add", hub.clock(), seconds=300))
    await hub.execute(TimerControl("ladder", "start", hub.clock()))
    _, step = await me(client, room)
    assert step["status"] == "open" and step["timer"]["running"] is True
    await send(client, room, "ladder", {"rungs": {"greeting": 1, "phone": 0}}, "a")
    await hub.execute(LockLevels("ladder"))
    # Locking the levels leaves the session's timer running (the projector's own matter)...
    assert hub.state.steps["ladder"].timer.running
    # ...but a phone whose answers are closed has no time left to count.
    _, step = await me(client, room)
    assert step["status"] == "locked" and step["timer"] is None


async def test_the_remote_gives_no_answered_count_on_a_step_nobody_answers(
    goto: Any, hub: Hub, aiohttp_client: Any
) -> None:
    remote = RemoteControl()
    client = await aiohttp_client(create_app(hub, Limits(), remote_control=remote))
    for name in ("Ann", "Bo"):
        await hub.join(name)
    await open_remote(client, remote)
    for step, answered in (("hello", None), ("memory", 0), ("card", None)):
        await goto(hub, step)
        view = await first_view(client)
        assert view["step"]["id"] == step and view["participants"] == 2
        assert view.get("answered") == answered


async def test_hidden_and_rejected_answers_leave_the_phones_wall_and_its_count(
    goto: Any, hub: Hub, room: str, aiohttp_client: Any
) -> None:
    app = create_app(hub, Limits())
    phone, writer, swearer = [await aiohttp_client(app) for _ in range(3)]
    await join(phone, room)
    writer_id = await join(writer, room)
    await join(swearer, room)
    await goto(hub, "memory")
    both = [{"text": "Gossip", "column": 0}, {"text": "A warm smile", "column": 1}]
    await send(writer, room, "memory", {"answers": both}, "a")
    await send(swearer, room, "memory", {"answers": [{"text": "shit service", "column": 0}]}, "b")
    await send(phone, room, "memory", {"answers": [{"text": "Eye contact", "column": 0}]}, "c")
    held = next(i for i, m in hub.state.steps["memory"].moderation.items() if m.held)
    await hub.moderate_held("memory", held, reject=True)
    await hub.execute(Moderate("memory", item_id(writer_id, "Gossip"), hidden=True))
    text, step = await me(phone, room)
    results = step["results"]
    assert [item["text"] for item in results["items"]] == ["Eye contact", "A warm smile"]
    # The count is of what the wall shows: nothing tells a phone that more was written.
    assert results["total"] == len(results["items"]) and results["more"] == 0
    assert "Gossip" not in text and "shit" not in text
