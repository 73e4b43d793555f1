"""No request, however strange, stops the session from saving.

Text that could never be written to the session file (a lone surrogate: legal in JSON, not a
character) is refused where it arrives; and whatever goes wrong inside the store, the batch is
refused with `not_stored`, the projector shows it, and the next batch is saved again.
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from tests.tui.conftest import INFO, screen_text, settle
from workshop_tui import decks
from workshop_tui.domain.commands import Answer, GoTo, Rename
from workshop_tui.domain.state import snapshot
from workshop_tui.domain.verdict import Refused
from workshop_tui.session.hub import Hub
from workshop_tui.session.rebuild import replay
from workshop_tui.session.store import read_session
from workshop_tui.tui.app import ProjectorApp
from workshop_tui.web import Limits, create_app

MINI = Path(__file__).resolve().parents[1] / "data" / "mini.toml"
# Raw JSON: the escapes decode to lone surrogates, exactly as a hostile phone would send them.
SURROGATE_BODIES = {
    "join": b'{"name": "\\ud800"}',
    "rename": b'{"name": "Ann \\udfff"}',
    "answer": b'{"step": "ideas", "key": "k9", "payload": {"answers": [{"text": "\\ud83d"}]}}',
}
OPEN_LIMITS = Limits(submissions_per_second=10_000, submission_burst=10_000)


def answer(text: str, key: str) -> dict[str, Any]:
    return {"step": "ideas", "key": key, "payload": {"answers": [{"text": text}]}}


async def test_text_that_cannot_be_stored_is_refused_and_saving_goes_on(
    tmp_path: Path, aiohttp_client: Any
) -> None:
    workshop, cards = decks.load_workshop(MINI)
    hub = Hub.create(workshop, cards, tmp_path)
    await hub.start()
    phone = await aiohttp_client(create_app(hub))
    room = hub.state.room
    headers = {"Content-Type": "application/json"}

    refused = await phone.post(f"/api/{room}/join", data=SURROGATE_BODIES["join"], headers=headers)
    assert refused.status == 422
    assert (await refused.json())["error"]["code"] == "bad_text"
    assert hub.state.participants == {}

    assert (await phone.post(f"/api/{room}/join", json={"name": "Ann"})).status == 201
    await hub.execute(GoTo(1, hub.clock()))
    for route in ("rename", "answer"):
        response = await phone.post(
            f"/api/{room}/{route}", data=SURROGATE_BODIES[route], headers=headers
        )
        assert response.status == 422, route
        assert (await response.json())["error"]["code"] == "bad_text"

    # The session is still saving: a plain answer is acknowledged and on disk.
    stored = await phone.post(f"/api/{room}/answer", json=answer("Smile", "k1"))
    assert stored.status == 200
    assert hub.store_error is None
    meta, commands = read_session(hub.path)
    assert [p.name for p in replay(meta, commands).participants.values()] == ["Ann"]
    assert len(replay(meta, commands).steps["ideas"].current_answers) == 1
    await asyncio.wait_for(hub.close(), 5)


async def test_the_hub_refuses_unstorable_text_from_any_source(hub: Hub, goto: Any) -> None:
    participant, _ = await hub.join("Ann")
    await goto(hub, "memory")
    before = snapshot(hub.state)
    # The rules ignore a key they don't know, but the command is stored as it was sent.
    payload = {"answers": [{"text": "Smile"}], "\ud800": 1}
    with pytest.raises(Refused) as refused:
        await hub.execute(Answer(participant.id, "memory", payload, "k1", hub.clock()))
    assert refused.value.code == "bad_text"
    with pytest.raises(Refused) as refused:
        await hub.execute(Rename(participant.id, "\udfff"))
    assert refused.value.code == "bad_text"
    assert snapshot(hub.state) == before
    assert hub.store_error is None


class Fault(Exception):
    """An exception type the store has never heard of."""


FAULTS: list[type[BaseException]] = [
    ValueError,
    KeyError,
    RuntimeError,
    TypeError,
    AssertionError,
    ZeroDivisionError,
    Fault,
    OSError,
]


async def test_any_exception_in_the_store_refuses_the_batch_and_saving_resumes(
    tmp_path: Path, aiohttp_client: Any
) -> None:
    workshop, cards = decks.load_workshop(MINI)
    hub = Hub.create(workshop, cards, tmp_path)
    app = ProjectorApp(hub, None, info=INFO)
    chance = random.Random(7)
    async with app.run_test(size=(120, 40)) as pilot:
        # No cookie jar: each request carries the cookie of the phone that sends it.
        client = await aiohttp_client(
            create_app(hub, OPEN_LIMITS), cookie_jar=aiohttp.DummyCookieJar()
        )
        room = hub.state.room
        cookies = []
        for i in range(6):
            joined = await client.post(f"/api/{room}/join", json={"name": f"P{i}"})
            assert joined.status == 201
            cookies.append(joined.cookies["workshop_token"].value)
        await hub.execute(GoTo(1, hub.clock()))

        real_append = hub.store.append
        failing = True
        raised: list[str] = []

        def flaky(batch: Sequence[dict[str, Any]]) -> None:
            if failing and chance.random() < 0.5:
                fault = chance.choice(FAULTS)
                raised.append(fault.__name__)
                raise fault("injected")
            real_append(batch)

        hub.store.append = flaky  # type: ignore[method-assign, assignment]
        acknowledged: dict[int, str] = {}
        statuses: list[int] = []

        async def send(person: int, text: str) -> None:
            response = await client.post(
                f"/api/{room}/answer",
                json=answer(text, f"k{len(statuses)}"),
                headers={"Cookie": f"workshop_token={cookies[person]}"},
                timeout=aiohttp.ClientTimeout(total=10),
            )
            statuses.append(response.status)
            if response.status == 200:
                acknowledged[person] = text
            else:
                assert response.status == 503
                assert response.headers["Retry-After"] == "1"
                assert (await response.json())["error"]["code"] == "not_stored"

        for round_ in range(20):
            await asyncio.gather(*(send(p, f"idea {round_}-{p}") for p in range(6)))
        assert 503 in statuses and 200 in statuses
        assert len(set(raised)) >= 4, raised
        # One more batch that fails for certain: the projector says so, naming the fault.
        chance.random = lambda: 0.0  # type: ignore[method-assign]
        await send(0, "lost")
        assert statuses[-1] == 503
        await settle(pilot)
        assert "SAVING FAILED" in screen_text(app)

        failing = False
        for p in range(6):
            await send(p, f"final {p}")
        assert statuses[-6:] == [200] * 6
        assert hub.store_error is None
        await settle(pilot)
        assert "SAVING FAILED" not in screen_text(app)
        hub.store.append = real_append  # type: ignore[method-assign]

        # What the phones were told was received is exactly what the file holds.
        meta, commands = read_session(hub.path)
        on_disk = replay(meta, commands)
        assert snapshot(on_disk) == snapshot(hub.state)
        answers = on_disk.steps["ideas"].current_answers
        texts = {
            hub.state.participants[pid].name: a["answers"][0]["text"] for pid, a in answers.items()
        }
        assert texts == {f"P{p}": f"final {p}" for p in range(6)}
    # `q` closes the session at once: nothing waits on a dead writer.
    assert hub.closed
