"""Who can do what over the network: tokens, other phones' answers, races, guessing, the
facilitator's controls, and what the session file keeps about a phone."""

from __future__ import annotations

import asyncio
import base64
import json
from pathlib import Path
from typing import Any

import pytest
from aiohttp import DummyCookieJar

from workshop_tui.domain.commands import Answer, SetJoining, SetRevealed
from workshop_tui.domain.verdict import Refused
from workshop_tui.session.hub import Hub
from workshop_tui.session.store import StoreError, read_session
from workshop_tui.web import Limits, create_app
from workshop_tui.web.api import COOKIE

# Pacing is its own defence (tests/web/test_api.py); here the races must reach the rules.
RACING = Limits(submissions_per_second=1000, submission_burst=1000)


async def join(client: Any, room: str, name: str | None = None) -> tuple[str, str]:
    """Join; the participant id and the token the server set for this phone."""
    response = await client.post(f"/api/{room}/join", json={"name": name} if name else {})
    assert response.status == 201, await response.text()
    return (await response.json())["view"]["me"]["id"], response.cookies[COOKIE].value


def as_phone(token: str) -> dict[str, str]:
    return {"Cookie": f"{COOKIE}={token}"}


async def answer(client: Any, room: str, token: str, step: str, key: str, payload: Any) -> Any:
    body = {"step": step, "key": key, "payload": payload}
    return await client.post(f"/api/{room}/answer", json=body, headers=as_phone(token))


@pytest.fixture
async def phones(hub: Hub, aiohttp_client: Any) -> Any:
    """A client that keeps no cookies: each request says which phone it is."""
    return await aiohttp_client(create_app(hub, RACING), cookie_jar=DummyCookieJar())


# -- tokens --------------------------------------------------------------------------------------


async def test_a_token_has_at_least_128_random_bits_and_is_kept_only_as_a_hash(
    phones: Any, room: str, hub: Hub
) -> None:
    tokens = [(await join(phones, room))[1] for _ in range(20)]
    assert len(set(tokens)) == 20
    for token in tokens:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        assert len(raw) * 8 >= 128
    await hub.close()
    stored = hub.path.read_text() + hub.path.with_name(hub.path.name + ".wal").read_text(
        errors="replace"
    )
    assert not any(token in stored for token in tokens)


async def test_the_token_is_sent_only_in_the_join_reply_to_its_own_phone(
    goto: Any, phones: Any, room: str, hub: Hub
) -> None:
    ann_id, ann = await join(phones, room, "Ann")
    _, bo = await join(phones, room, "Bo")
    await goto(hub, "memory")
    replies = [
        await phones.get(f"/api/{room}/me", headers=as_phone(bo)),
        await phones.post(f"/api/{room}/join", json={}, headers=as_phone(bo)),
        await phones.post(f"/api/{room}/rename", json={"name": "B"}, headers=as_phone(bo)),
        await answer(phones, room, bo, "memory", "k1", {"answers": [{"text": "hi"}]}),
        await phones.get(f"/{room}"),
        await phones.get("/"),
    ]
    stream = await phones.get(f"/api/{room}/stream", headers=as_phone(bo))
    first_event = (await stream.content.readline()) + (await stream.content.readuntil(b"\n\n"))
    stream.close()
    for reply in replies:
        assert "Set-Cookie" not in reply.headers
        text = await reply.text()
        assert ann not in text and ann_id not in text
    assert ann not in first_event.decode() and ann_id not in first_event.decode()


async def test_one_phone_never_sees_another_phones_answer(
    goto: Any, phones: Any, room: str, hub: Hub
) -> None:
    _, ann = await join(phones, room, "Ann")
    _, bo = await join(phones, room, "Bo")
    await goto(hub, "memory")
    # Shown, the wall is on every phone too, anonymously (tests/web/test_results_view.py).
    await hub.execute(SetRevealed("memory", False))
    response = await answer(phones, room, ann, "memory", "k1", {"answers": [{"text": "ANNSECRET"}]})
    assert response.status == 200
    seen = await (await phones.get(f"/api/{room}/me", headers=as_phone(bo))).text()
    assert "ANNSECRET" not in seen
    assert json.loads(seen)["view"]["step"]["answer"] is None


# -- replays and races ---------------------------------------------------------------------------


async def test_racing_dot_votes_never_exceed_the_budget(
    goto: Any, phones: Any, room: str, hub: Hub
) -> None:
    pid, token = await join(phones, room)
    await goto(hub, "dots")
    ballots = [{"dots": {str(i % 3): 3}} for i in range(10)] + [
        {"dots": {"0": 2, "1": 2}} for _ in range(10)
    ]
    replies = await asyncio.gather(
        *(answer(phones, room, token, "dots", f"k{i}", b) for i, b in enumerate(ballots))
    )
    statuses = sorted(r.status for r in replies)
    assert statuses == [200] * 10 + [422] * 10
    stored = hub.state.steps["dots"].current_answers[pid]["dots"]
    assert sum(stored.values()) == 3
    _, commands = read_session(hub.path)
    assert len([c for c in commands if c["type"] == "answer"]) == 10


async def test_a_request_replayed_at_once_is_stored_once(
    goto: Any, phones: Any, room: str, hub: Hub
) -> None:
    pid, token = await join(phones, room)
    await goto(hub, "dots")
    replies = await asyncio.gather(
        *(answer(phones, room, token, "dots", "same", {"dots": {"1": 3}}) for _ in range(20))
    )
    bodies = [await r.json() for r in replies]
    assert [r.status for r in replies] == [200] * 20
    assert sorted(b["duplicate"] for b in bodies) == [False] + [True] * 19
    _, commands = read_session(hub.path)
    assert len([c for c in commands if c["type"] == "answer"]) == 1
    assert hub.state.steps["dots"].current_answers[pid] == {"dots": {"1": 3}}


async def test_a_replay_is_not_acknowledged_while_its_first_copy_fails_to_store(
    goto: Any, hub: Hub, monkeypatch: pytest.MonkeyPatch
) -> None:
    participant, _ = await hub.join("Ann")
    await goto(hub, "fist")
    started = asyncio.Event()
    release = asyncio.Event()
    loop = asyncio.get_running_loop()

    def slow_full_disk(commands: Any) -> None:
        loop.call_soon_threadsafe(started.set)
        asyncio.run_coroutine_threadsafe(release.wait(), loop).result(5)
        raise StoreError("could not save: No space left on device")

    monkeypatch.setattr(hub.store, "append", slow_full_disk)
    command = Answer(participant.id, "fist", {"fist": 4}, "same", hub.clock())
    first = asyncio.create_task(hub.execute(command))
    await started.wait()
    replay = asyncio.create_task(hub.execute(command))
    await asyncio.sleep(0.05)
    assert not replay.done()
    release.set()
    for task in (first, replay):
        with pytest.raises(Refused) as refused:
            await task
        assert refused.value.code == "not_stored"
    assert hub.state.steps["fist"].current_answers == {}


# -- guessing room codes, flooding joins --------------------------------------------------------


async def test_guessing_room_codes_is_limited_per_address_and_hides_the_right_code(
    hub: Hub, aiohttp_client: Any
) -> None:
    client = await aiohttp_client(create_app(hub, Limits(room_guesses_per_minute=5)))
    wrong = ["AAAA", "BBBB", "CCCC", "DDDD", "EEEE"]
    for code in wrong:
        assert (await client.post(f"/api/{code}/join")).status == 404
    for path in (f"/api/{hub.state.room}/join", "/FFFF", f"/{hub.state.room}", "/?room=GGGG"):
        response = await client.request("POST" if "api" in path else "GET", path)
        assert response.status == 429, path
        assert int(response.headers["Retry-After"]) >= 1
        body = await response.json()
        assert body["error"]["code"] == "too_many_requests"
        assert "room code" in body["error"]["message"]
    assert hub.state.participants == {}


async def test_a_phone_already_in_gets_back_even_when_its_address_joined_many(
    hub: Hub, aiohttp_client: Any
) -> None:
    client = await aiohttp_client(
        create_app(hub, Limits(joins_per_minute=3)), cookie_jar=DummyCookieJar()
    )
    room = hub.state.room
    tokens = [(await join(client, room))[1] for _ in range(3)]
    refused = await client.post(f"/api/{room}/join")
    assert refused.status == 429
    assert refused.headers["Retry-After"] == "20"
    assert "too many new phones" in (await refused.json())["error"]["message"]
    back = await client.post(f"/api/{room}/join", headers=as_phone(tokens[0]))
    assert back.status == 200
    assert len(hub.state.participants) == 3


async def test_a_closed_room_still_counts_wrong_codes(hub: Hub, aiohttp_client: Any) -> None:
    client = await aiohttp_client(create_app(hub, Limits(room_guesses_per_minute=2)))
    await hub.execute(SetJoining(False))
    assert (await client.post(f"/api/{hub.state.room}/join")).status == 409
    assert (await client.get("/ZZZZ")).status == 404
    assert (await client.get("/YYYY")).status == 404
    assert (await client.get("/XXXX")).status == 429


# -- the facilitator's controls are not on the network ------------------------------------------


def test_the_only_routes_that_change_anything_are_join_rename_and_answer(hub: Hub) -> None:
    app = create_app(hub)
    changing = set()
    for route in app.router.routes():
        info = route.resource.get_info() if route.resource else {}
        path = info.get("formatter") or info.get("path") or info.get("prefix")
        if route.method not in ("GET", "HEAD"):
            changing.add((route.method, path))
    assert changing == {
        ("POST", "/api/{room}/join"),
        ("POST", "/api/{room}/rename"),
        ("POST", "/api/{room}/answer"),
    }


FACILITATOR_BODIES = [
    {"type": "goto", "index": 3, "at": 0},
    {"type": "set_locked", "step_id": "fist", "locked": True},
    {"type": "set_revealed", "step_id": "memory", "revealed": True},
    {"type": "moderate", "step_id": "memory", "item_id": "x", "hidden": True},
    {"type": "lock_levels", "step_id": "ladder"},
    {"type": "set_joining", "open": False},
    {"type": "choose_campaign", "step_id": "cards", "card_id": "x"},
    {"command": "export", "format": "csv"},
]


@pytest.mark.parametrize("body", FACILITATOR_BODIES, ids=lambda b: b.get("type", "export"))
async def test_facilitator_shaped_requests_change_nothing(
    body: dict[str, Any], goto: Any, phones: Any, room: str, hub: Hub
) -> None:
    _, token = await join(phones, room)
    await goto(hub, "fist")
    before = read_session(hub.path)[1]
    replies = [
        await phones.post(f"/api/{room}/{route}", json=body, headers=as_phone(token))
        for route in ("answer", "rename", "join", "goto", "lock", "export", "command")
    ]
    assert [r.status for r in replies] == [400, 400, 200, 404, 404, 404, 404]
    after = read_session(hub.path)[1]
    assert after == before
    assert hub.state.current == [s.id for s in hub.state.workshop.steps].index("fist")
    assert hub.state.joining_open and hub.state.steps["fist"].status == "open"


# -- privacy ------------------------------------------------------------------------------------


async def test_the_session_file_keeps_no_address_of_any_phone(
    goto: Any, phones: Any, room: str, hub: Hub
) -> None:
    _, token = await join(phones, room)
    await goto(hub, "memory")
    headers = {**as_phone(token), "X-Forwarded-For": "10.9.8.7", "User-Agent": "PhoneAgent/1"}
    reply = await phones.post(
        f"/api/{room}/answer",
        json={"step": "memory", "key": "k", "payload": {"answers": [{"text": "hi"}]}},
        headers=headers,
    )
    assert reply.status == 200
    await hub.close()
    files = [p for p in Path(hub.path).parent.iterdir() if p.is_file()]
    saved = "".join(p.read_text(errors="replace") for p in files)
    for leak in ("127.0.0.1", "10.9.8.7", "PhoneAgent", token):
        assert leak not in saved


def test_web_app_has_no_route_named_after_a_facilitator_action(hub: Hub) -> None:
    paths = [
        str(r.resource.canonical) for r in create_app(hub).router.routes() if r.resource is not None
    ]
    for action in ("goto", "lock", "reveal", "export", "hide", "moderate", "next", "admin"):
        assert not any(action in path for path in paths), paths
