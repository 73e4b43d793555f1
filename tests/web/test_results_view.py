"""Results in the phone's view: none before the reveal, then the projector's, shared by all."""

from __future__ import annotations

import asyncio
import json
from typing import Any

from tests.web.test_stream import next_event
from workshop_tui.domain import results
from workshop_tui.domain.commands import Answer, Moderate, SetRevealed
from workshop_tui.domain.tally import item_id
from workshop_tui.session.hub import RESULTS_QUIET, Hub
from workshop_tui.web import Limits, create_app
from workshop_tui.web.views import SharedStepView, message_text, own_answer, personal_view


async def join(client: Any, room: str) -> str:
    reply = await client.post(f"/api/{room}/join")
    assert reply.status == 201
    return str((await reply.json())["view"]["me"]["id"])


async def send(client: Any, room: str, step: str, payload: dict[str, Any], key: str) -> None:
    reply = await client.post(
        f"/api/{room}/answer", json={"step": step, "key": key, "payload": payload}
    )
    assert reply.status == 200, await reply.text()


async def me(client: Any, room: str) -> tuple[str, dict[str, Any]]:
    reply = await client.get(f"/api/{room}/me")
    text = await reply.text()
    return text, json.loads(text)["view"]["step"]


async def test_no_results_before_the_reveal_then_the_counts(
    goto: Any, hub: Hub, room: str, aiohttp_client: Any
) -> None:
    app = create_app(hub, Limits())
    phone, other = await aiohttp_client(app), await aiohttp_client(app)
    await join(phone, room)
    await join(other, room)
    await goto(hub, "pick")
    await send(other, room, "pick", {"options": [2]}, "a")
    await send(phone, room, "pick", {"options": [0]}, "b")
    text, step = await me(phone, room)
    assert step["revealed"] is False and step["results"] is None
    # Nothing of the others' choice: the only counts a phone has are its own answer.
    assert '"shares"' not in text and '"responses"' not in text
    await hub.execute(SetRevealed("pick", True))
    _, step = await me(phone, room)
    assert step["results"]["responses"] == 2
    assert step["results"]["counts"] == [1, 0, 1]
    assert step["answer"] == {"options": [0]}


async def test_hidden_and_held_answers_never_reach_a_phone(
    goto: Any, hub: Hub, room: str, aiohttp_client: Any
) -> None:
    app = create_app(hub, Limits())
    phone, writer, swearer = [await aiohttp_client(app) for _ in range(3)]
    me_id = await join(phone, room)
    writer_id = await join(writer, room)
    swearer_id = await join(swearer, room)
    await goto(hub, "memory")
    await send(writer, room, "memory", {"answers": [{"text": "Gossip", "column": 0}]}, "a")
    await send(
        writer,
        room,
        "memory",
        {"answers": [{"text": "Gossip", "column": 0}, {"text": "A warm smile", "column": 0}]},
        "b",
    )
    await send(swearer, room, "memory", {"answers": [{"text": "shit service", "column": 1}]}, "c")
    await hub.execute(Moderate("memory", item_id(writer_id, "Gossip"), hidden=True))
    text, step = await me(phone, room)
    assert step["revealed"] is True
    assert step["results"]["items"] == [
        {"text": "A warm smile", "column": 0, "count": 1, "highlighted": False}
    ]
    assert "Gossip" not in text and "shit" not in text
    # Nobody's participant id (item ids carry one) is in any phone's view but its own.
    assert writer_id not in text and swearer_id not in text and text.count(me_id) == 1


async def test_another_phones_answer_updates_a_revealed_result_on_my_stream(
    goto: Any, hub: Hub, room: str, aiohttp_client: Any
) -> None:
    app = create_app(hub, Limits(keepalive_seconds=5))
    phone, other = await aiohttp_client(app), await aiohttp_client(app)
    await join(phone, room)
    await join(other, room)
    await goto(hub, "rate")
    await hub.execute(SetRevealed("rate", True))
    response = await phone.get(f"/api/{room}/stream")
    _, data = await next_event(response)
    assert data["view"]["step"]["results"]["items"][0]["responses"] == 0
    await send(other, room, "rate", {"ratings": [4, None]}, "a")
    name, data = await next_event(response, timeout=5 + RESULTS_QUIET)
    assert name == "view"
    first = data["view"]["step"]["results"]["items"][0]
    assert (first["responses"], first["mean"]) == (1, 4.0)
    response.close()


async def test_results_are_built_once_per_results_epoch_for_every_phone(
    goto: Any, hub: Hub, room: str, monkeypatch: Any
) -> None:
    await goto(hub, "pick")
    await hub.execute(SetRevealed("pick", True))
    calls: list[int] = []

    def counted(state: Any, wall: Any = None) -> Any:
        calls.append(1)
        return results.step_results(state, wall)

    monkeypatch.setattr("workshop_tui.web.views.step_results", counted)
    shared = SharedStepView()
    epoch = hub.results_epoch
    texts = {id(shared.get(hub.state, hub.version, 0.0, epoch)[0]) for _ in range(50)}
    assert len(calls) == 1 and len(texts) == 1
    # A phone's own answer is a new version, not a new epoch: the results are kept.
    for version in range(hub.version + 1, hub.version + 5):
        shared.get(hub.state, version, 0.0, epoch)
    assert len(calls) == 1
    shared.get(hub.state, hub.version + 9, 0.0, epoch + 1)
    assert len(calls) == 2


async def test_the_stream_message_splices_the_shared_step_in_unchanged(
    goto: Any, hub: Hub, room: str, client: Any
) -> None:
    await join(client, room)
    await goto(hub, "memory")
    await send(client, room, "memory", {"answers": [{"text": "A smile", "column": 0}]}, "a")
    participant = next(iter(hub.state.participants.values()))
    text, step = SharedStepView().get(hub.state, hub.version, 0.0)
    answer = own_answer(hub.state, participant)
    whole = {"now": 1.5, "view": personal_view(hub.state, participant, step)}
    spliced = message_text(1.5, personal_view(hub.state, participant, None), text, answer)
    assert spliced == json.dumps(whole, ensure_ascii=False, separators=(",", ":"))
    assert json.loads(spliced) == whole
    # A view with a key after its step is serialised whole, and still the same.
    later = {**personal_view(hub.state, participant, None), "extra": 1}
    assert json.loads(message_text(1.5, later, text, answer))["view"] == {
        **later,
        "step": {**step, "answer": answer, "earlier": None} if step else None,
    }
    # Before the first step there is no step to splice.
    empty = personal_view(hub.state, participant, None)
    assert json.loads(message_text(0.0, empty, "null", None)) == {"now": 0.0, "view": empty}


async def test_others_answers_wake_a_phone_for_shown_results_once_they_pause(
    goto: Any, hub: Hub, monkeypatch: Any
) -> None:
    monkeypatch.setattr("workshop_tui.session.hub.RESULTS_QUIET", 0.1)
    monkeypatch.setattr("workshop_tui.session.hub.RESULTS_EVERY", 0.4)
    loop = asyncio.get_running_loop()

    async def answer(key: str) -> None:
        someone, _ = await hub.join()
        await hub.execute(Answer(someone.id, "pick", {"options": [0]}, key, hub.clock()))

    phone = hub.subscribe("a-phone-that-does-not-answer")
    await goto(hub, "pick")
    await answer("hidden")
    await asyncio.wait_for(phone.wait(), 1)  # the step change
    await answer("hidden-too")
    await asyncio.sleep(0.2)
    # Not revealed: the others' answers change nothing this phone shows.
    assert not phone._changed
    await hub.execute(SetRevealed("pick", True))
    await asyncio.wait_for(phone.wait(), 1)
    await answer("first")
    await answer("second")
    # Not at once: the answers that come together make one wake-up once they pause.
    assert not phone._changed
    began = loop.time()
    await asyncio.wait_for(phone.wait(), 1)
    assert loop.time() - began >= 0.05
    # Answers that never pause still reach the phones every RESULTS_EVERY.
    began = loop.time()
    for n in range(12):
        await answer(f"steady-{n}")
        if phone._changed:
            break
        await asyncio.sleep(0.05)
    assert phone._changed and loop.time() - began < 0.4 + 0.2
    assert len(hub.state.steps["pick"].current_answers) > 5
