"""The JSON API: joining, coming back, renaming, answering, and every refusal on the way."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from workshop_tui.domain.commands import SetJoining, SetLocked
from workshop_tui.domain.state import Settings
from workshop_tui.session.hub import Hub
from workshop_tui.session.store import StoreError
from workshop_tui.web import Limits, create_app
from workshop_tui.web.api import COOKIE

JSONHeaders = {"Content-Type": "application/json"}


async def join(client: Any, room: str, **body: Any) -> dict[str, Any]:
    response = await client.post(f"/api/{room}/join", json=body)
    assert response.status in (200, 201), await response.text()
    data: dict[str, Any] = await response.json()
    return data


async def post(client: Any, path: str, body: Any) -> tuple[int, dict[str, Any]]:
    response = await client.post(path, json=body)
    return response.status, await response.json()


async def answer(client: Any, room: str, step: str, payload: Any, key: str = "k1") -> Any:
    return await client.post(
        f"/api/{room}/answer", json={"step": step, "key": key, "payload": payload}
    )


# -- joining -----------------------------------------------------------------------------------


async def test_join_without_a_name_gives_a_friendly_name_and_an_httponly_cookie(
    client: Any, room: str, hub: Hub
) -> None:
    response = await client.post(f"/api/{room}/join")
    assert response.status == 201
    data = await response.json()
    assert data["joined"] is True
    name = data["view"]["me"]["name"]
    assert len(name.split()) >= 2
    cookie = response.headers["Set-Cookie"]
    assert f"{COOKIE}=" in cookie
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie
    assert f"Path=/api/{room}" in cookie
    assert "Max-Age=" in cookie
    assert [p.name for p in hub.state.participants.values()] == [name]


async def test_join_with_a_name_uses_it(client: Any, room: str) -> None:
    data = await join(client, room, name="Kim")
    assert data["view"]["me"]["name"] == "Kim"


async def test_joining_again_with_the_cookie_is_the_same_participant(
    client: Any, room: str, hub: Hub
) -> None:
    first = await join(client, room)
    response = await client.post(f"/api/{room}/join", json={})
    assert response.status == 200
    again = await response.json()
    assert again["joined"] is False
    assert again["view"]["me"] == first["view"]["me"]
    assert len(hub.state.participants) == 1


async def test_a_lowercase_room_code_is_the_same_room(client: Any, room: str) -> None:
    response = await client.post(f"/api/{room.lower()}/join")
    assert response.status == 201


async def test_a_wrong_room_code_is_refused_with_json(client: Any) -> None:
    # "ZZZZ" can never be the hub's code here only if the hub's code differs; pick a non-code.
    status, body = await post(client, "/api/0000/join", {})
    assert status == 404
    assert body["error"]["code"] == "unknown_room"


async def test_join_refuses_a_name_that_is_not_text(client: Any, room: str) -> None:
    status, body = await post(client, f"/api/{room}/join", {"name": 42})
    assert status == 400
    assert body["error"]["code"] == "bad_shape"


async def test_join_refuses_an_over_long_name(client: Any, room: str) -> None:
    status, body = await post(client, f"/api/{room}/join", {"name": "x" * 31})
    assert status == 422
    assert body["error"]["code"] == "too_long"
    assert body["error"]["detail"] == {"length": 31, "limit": 30}


async def test_a_full_session_refuses_new_phones(
    make_hub: Any, tmp_path: Path, aiohttp_client: Any
) -> None:
    hub = await make_hub(tmp_path, Settings(max_participants=1))
    try:
        first = await aiohttp_client(create_app(hub))
        second = await aiohttp_client(create_app(hub))
        await join(first, hub.state.room)
        status, body = await post(second, f"/api/{hub.state.room}/join", {})
        assert status == 409
        assert body["error"]["code"] == "session_full"
        assert "full" in body["error"]["message"]
    finally:
        await hub.close()


async def test_a_closed_room_refuses_new_phones_but_lets_old_ones_back(
    hub: Hub, room: str, aiohttp_client: Any
) -> None:
    old = await aiohttp_client(create_app(hub))
    await join(old, room)
    await hub.execute(SetJoining(False))
    new = await aiohttp_client(create_app(hub))
    status, body = await post(new, f"/api/{room}/join", {})
    assert (status, body["error"]["code"]) == (409, "joining_closed")
    response = await old.post(f"/api/{room}/join")
    assert response.status == 200


# -- me ----------------------------------------------------------------------------------------


async def test_me_without_joining_is_refused(client: Any, room: str) -> None:
    response = await client.get(f"/api/{room}/me")
    assert response.status == 401
    assert (await response.json())["error"]["code"] == "not_joined"


async def test_me_with_a_made_up_token_is_refused(client: Any, room: str) -> None:
    response = await client.get(f"/api/{room}/me", cookies={COOKIE: "guessed"})
    assert response.status == 401


async def test_me_shows_the_current_step_and_my_answer(
    goto: Any, client: Any, room: str, hub: Hub
) -> None:
    await join(client, room)
    await goto(hub, "pick")
    await answer(client, room, "pick", {"options": [2]})
    response = await client.get(f"/api/{room}/me")
    assert response.status == 200
    assert response.headers["Cache-Control"] == "no-store"
    data = await response.json()
    step = data["view"]["step"]
    assert step["id"] == "pick"
    assert step["kind"] == "choice"
    assert step["status"] == "open"
    assert step["options"][2] == "Wave them over"
    assert step["answer"] == {"options": [2]}
    assert isinstance(data["now"], float)


async def test_before_the_first_step_the_view_has_no_step(client: Any, room: str) -> None:
    data = await join(client, room)
    assert data["view"]["step"] is None
    assert data["view"]["language"] == "en"
    assert data["view"]["room"] == room


async def test_a_phone_that_comes_back_with_its_cookie_keeps_its_answers(
    goto: Any, hub: Hub, room: str, aiohttp_client: Any
) -> None:
    phone = await aiohttp_client(create_app(hub))
    await join(phone, room)
    await goto(hub, "memory")
    response = await answer(phone, room, "memory", {"answers": [{"text": "smiled", "column": 0}]})
    assert response.status == 200
    token = next(c.value for c in phone.session.cookie_jar if c.key == COOKIE)
    # A new browser session (the phone was closed and reopened) carrying the same cookie.
    reopened = await aiohttp_client(create_app(hub))
    reopened.session.cookie_jar.update_cookies({COOKIE: token})
    response = await reopened.post(f"/api/{room}/join")
    assert response.status == 200
    data = await response.json()
    assert data["view"]["step"]["answer"] == {"answers": [{"text": "smiled", "column": 0}]}
    assert len(hub.state.participants) == 1


# -- rename ------------------------------------------------------------------------------------


async def test_rename_changes_my_name(client: Any, room: str, hub: Hub) -> None:
    await join(client, room)
    status, body = await post(client, f"/api/{room}/rename", {"name": "  Alex  "})
    assert status == 200
    assert body["view"]["me"]["name"] == "Alex"
    assert [p.name for p in hub.state.participants.values()] == ["Alex"]


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        ({"name": ""}, 422, "empty"),
        ({"name": 7}, 400, "bad_shape"),
        ({}, 400, "bad_shape"),
        ({"name": "a\x07b"}, 422, "control_characters"),
    ],
)
async def test_rename_refuses_bad_names(
    client: Any, room: str, body: dict[str, Any], status: int, code: str
) -> None:
    await join(client, room)
    got_status, got = await post(client, f"/api/{room}/rename", body)
    assert (got_status, got["error"]["code"]) == (status, code)


async def test_rename_before_joining_is_refused(client: Any, room: str) -> None:
    status, body = await post(client, f"/api/{room}/rename", {"name": "Alex"})
    assert (status, body["error"]["code"]) == (401, "not_joined")


# -- answers -----------------------------------------------------------------------------------

EVERY_KIND = [
    ("memory", {"answers": [{"text": "looked up", "column": 0}, {"text": "ignored", "column": 1}]}),
    ("pick", {"options": [0]}),
    ("rate", {"ratings": [4, None]}),
    ("dots", {"dots": {"0": 2, "2": 1}}),
    ("ladder", {"rungs": {"greeting": 2, "phone": -1}}),
    ("fist", {"fist": 4}),
    ("cards", {"votes": {"call-back": 2}}),
    ("later", {"reached": "partly", "changed": "We call back."}),
]


@pytest.mark.parametrize(("step", "payload"), EVERY_KIND, ids=[s for s, _ in EVERY_KIND])
async def test_an_answer_to_every_kind_of_step_is_stored(
    goto: Any, client: Any, room: str, hub: Hub, step: str, payload: dict[str, Any]
) -> None:
    await join(client, room)
    await goto(hub, step)
    response = await answer(client, room, step, payload)
    assert response.status == 200, await response.text()
    body = await response.json()
    assert body == {"received": True, "duplicate": False, "step": step, "answer": payload}
    (stored,) = hub.state.steps[step].current_answers.values()
    assert stored == payload


async def test_a_retried_answer_with_the_same_key_is_not_doubled(
    goto: Any, client: Any, room: str, hub: Hub
) -> None:
    await join(client, room)
    await goto(hub, "dots")
    first = await answer(client, room, "dots", {"dots": {"0": 1}}, key="same-key")
    again = await answer(client, room, "dots", {"dots": {"0": 1}}, key="same-key")
    assert (await first.json())["duplicate"] is False
    body = await again.json()
    assert again.status == 200
    assert body["duplicate"] is True
    assert body["answer"] == {"dots": {"0": 1}}
    assert len(hub.store.commands) == 3  # join, goto, one answer


async def test_a_new_answer_replaces_my_earlier_one(
    goto: Any, client: Any, room: str, hub: Hub
) -> None:
    await join(client, room)
    await goto(hub, "pick")
    await answer(client, room, "pick", {"options": [0]}, key="a")
    await answer(client, room, "pick", {"options": [1]}, key="b")
    assert list(hub.state.steps["pick"].current_answers.values()) == [{"options": [1]}]


async def test_hostile_text_is_stored_as_given(goto: Any, client: Any, room: str, hub: Hub) -> None:
    hostile = "<img src=x onerror=alert(1)>[bold]"
    await join(client, room)
    await goto(hub, "later")
    response = await answer(client, room, "later", {"reached": "no", "changed": hostile})
    assert response.status == 200
    assert response.content_type == "application/json"
    (stored,) = hub.state.steps["later"].current_answers.values()
    assert stored["changed"] == hostile
    me = await (await client.get(f"/api/{room}/me")).json()
    assert me["view"]["step"]["answer"]["changed"] == hostile


async def test_terminal_escape_codes_are_refused(
    goto: Any, client: Any, room: str, hub: Hub
) -> None:
    await join(client, room)
    await goto(hub, "later")
    response = await answer(client, room, "later", {"reached": "no", "changed": "\x1b[2Jgone"})
    assert response.status == 422
    assert (await response.json())["error"]["code"] == "control_characters"


@pytest.mark.parametrize(
    ("step", "payload", "status", "code"),
    [
        ("memory", {"answers": [{"text": "x" * 21}]}, 422, "too_long"),
        ("memory", {"answers": [{"text": "a"}, {"text": "b"}, {"text": "c"}]}, 422, "too_many"),
        ("memory", {"answers": [{"text": "a", "column": 2}]}, 422, "out_of_range"),
        ("memory", {"answers": "text"}, 400, "bad_shape"),
        ("pick", {"options": [0, 1]}, 422, "too_many"),
        ("pick", {"options": ["0"]}, 400, "bad_shape"),
        ("rate", {"ratings": [9, None]}, 422, "out_of_range"),
        ("dots", {"dots": {"0": 2, "1": 2}}, 422, "over_budget"),
        ("dots", {"dots": {"7": 1}}, 422, "unknown_option"),
        ("ladder", {"rungs": {"nowhere": 0}}, 422, "unknown_option"),
        ("fist", {"fist": 6}, 422, "out_of_range"),
        ("cards", {"votes": {"greeting-contest": 3}}, 422, "out_of_range"),
        ("later", {"reached": "maybe"}, 400, "bad_shape"),
        ("card", {}, 409, "no_answers"),
        ("pick", [0], 400, "bad_shape"),
    ],
)
async def test_answers_that_break_a_step_rule_are_refused_with_a_code(
    goto: Any, client: Any, room: str, hub: Hub, step: str, payload: Any, status: int, code: str
) -> None:
    await join(client, room)
    await goto(hub, step)
    response = await answer(client, room, step, payload)
    body = await response.json()
    assert (response.status, body["error"]["code"]) == (status, code), body
    assert body["error"]["message"]
    assert not hub.state.steps[step].current_answers


async def test_an_over_long_answer_says_how_long_and_the_limit(
    goto: Any, client: Any, room: str, hub: Hub
) -> None:
    await join(client, room)
    await goto(hub, "memory")
    response = await answer(client, room, "memory", {"answers": [{"text": "ö" * 25}]})
    error = (await response.json())["error"]
    assert error["detail"] == {"length": 25, "limit": 20}
    assert "20" in error["message"]


async def test_a_locked_step_refuses_answers(goto: Any, client: Any, room: str, hub: Hub) -> None:
    await join(client, room)
    await goto(hub, "pick")
    await hub.execute(SetLocked("pick", True))
    response = await answer(client, room, "pick", {"options": [0]})
    assert response.status == 409
    assert (await response.json())["error"]["code"] == "locked"


async def test_a_step_the_group_has_left_refuses_answers(
    goto: Any, client: Any, room: str, hub: Hub
) -> None:
    await join(client, room)
    await goto(hub, "pick")
    await goto(hub, "rate")
    response = await answer(client, room, "pick", {"options": [0]})
    assert response.status == 409
    assert (await response.json())["error"]["code"] == "not_current"


async def test_an_unknown_step_is_refused(goto: Any, client: Any, room: str, hub: Hub) -> None:
    await join(client, room)
    await goto(hub, "pick")
    response = await answer(client, room, "no-such-step", {"options": [0]})
    assert response.status == 404
    assert (await response.json())["error"]["code"] == "unknown_step"


async def test_answering_before_joining_is_refused(
    goto: Any, client: Any, room: str, hub: Hub
) -> None:
    await goto(hub, "pick")
    response = await answer(client, room, "pick", {"options": [0]})
    assert response.status == 401


# -- malformed requests ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "code"),
    [
        (b"{not json", "bad_json"),
        (b"\xff\xfe", "bad_json"),
        (b"[1, 2]", "bad_json"),
        (b"[" * 5000 + b"]" * 5000, "bad_json"),
        (b'{"key": "k", "payload": {}}', "bad_shape"),
        (b'{"step": 3, "key": "k", "payload": {}}', "bad_shape"),
        (b'{"step": "pick", "payload": {}}', "bad_shape"),
        (b'{"step": "pick", "key": "has space", "payload": {}}', "bad_shape"),
        (b'{"step": "pick", "key": "k"}', "bad_shape"),
    ],
)
async def test_malformed_answers_get_a_400_with_a_code(
    goto: Any, client: Any, room: str, hub: Hub, body: bytes, code: str
) -> None:
    await join(client, room)
    await goto(hub, "pick")
    response = await client.post(f"/api/{room}/answer", data=body, headers=JSONHeaders)
    assert response.status == 400
    assert (await response.json())["error"]["code"] == code


async def test_a_body_that_is_not_json_is_refused(client: Any, room: str) -> None:
    await join(client, room)
    response = await client.post(f"/api/{room}/rename", data="name=x")
    assert response.status == 415
    assert (await response.json())["error"]["code"] == "not_json"


async def test_a_huge_body_is_refused(goto: Any, client: Any, room: str, hub: Hub) -> None:
    await join(client, room)
    await goto(hub, "memory")
    big = json.dumps({"step": "memory", "key": "k", "payload": {"answers": ["x" * 20000]}})
    response = await client.post(f"/api/{room}/answer", data=big, headers=JSONHeaders)
    assert response.status == 413
    assert (await response.json())["error"]["code"] == "too_large"


async def test_a_huge_body_without_a_length_is_refused(client: Any, room: str) -> None:
    await join(client, room)

    async def chunks() -> Any:
        for _ in range(40):
            yield b" " * 1024

    response = await client.post(f"/api/{room}/rename", data=chunks(), headers=JSONHeaders)
    assert response.status == 413
    assert (await response.json())["error"]["code"] == "too_large"


async def test_an_unknown_api_route_is_a_json_404(client: Any, room: str) -> None:
    response = await client.get(f"/api/{room}/nothing-here")
    assert response.status == 404
    assert (await response.json())["error"]["code"] == "not_found"


async def test_a_wrong_method_is_a_json_405(client: Any, room: str) -> None:
    response = await client.get(f"/api/{room}/answer")
    assert response.status == 405
    assert (await response.json())["error"]["code"] == "method_not_allowed"


# -- pacing ------------------------------------------------------------------------------------


@pytest.fixture
def tight_limits() -> Limits:
    return Limits(submissions_per_second=0.5, submission_burst=2)


async def test_too_many_answers_a_second_get_429_with_retry_after(
    goto: Any, hub: Hub, room: str, aiohttp_client: Any, tight_limits: Limits
) -> None:
    client = await aiohttp_client(create_app(hub, tight_limits))
    await join(client, room)
    await goto(hub, "pick")
    for key in ("a", "b"):
        assert (await answer(client, room, "pick", {"options": [0]}, key=key)).status == 200
    response = await answer(client, room, "pick", {"options": [1]}, key="c")
    assert response.status == 429
    assert response.headers["Retry-After"] == "2"
    assert (await response.json())["error"]["code"] == "too_many_requests"
    assert list(hub.state.steps["pick"].current_answers.values()) == [{"options": [0]}]


async def test_pacing_is_per_participant(
    goto: Any, hub: Hub, room: str, aiohttp_client: Any, tight_limits: Limits
) -> None:
    app = create_app(hub, tight_limits)
    first, second = await aiohttp_client(app), await aiohttp_client(app)
    await join(first, room)
    await join(second, room)
    await goto(hub, "pick")
    for key in ("a", "b", "c"):
        await answer(first, room, "pick", {"options": [0]}, key=key)
    assert (await answer(second, room, "pick", {"options": [0]})).status == 200


# -- headers -----------------------------------------------------------------------------------


async def test_every_response_forbids_inline_script(client: Any, room: str) -> None:
    for path in ("/", f"/{room}", "/static/app.js", f"/api/{room}/me", "/NOPE"):
        response = await client.get(path)
        policy = response.headers["Content-Security-Policy"]
        assert "default-src 'self'" in policy
        assert "script-src 'self'" in policy
        assert "unsafe-inline" not in policy
        assert response.headers["X-Content-Type-Options"] == "nosniff"


# -- the session's own troubles ----------------------------------------------------------------


async def test_a_disk_failure_is_a_503_to_retry_not_a_500(
    goto: Any, client: Any, room: str, hub: Hub, monkeypatch: pytest.MonkeyPatch
) -> None:
    await join(client, room)
    await goto(hub, "fist")

    def full_disk(commands: Any) -> None:
        raise StoreError("could not save: No space left on device")

    monkeypatch.setattr(hub.store, "append", full_disk)
    response = await answer(client, room, "fist", {"fist": 3})
    assert response.status == 503
    assert response.headers["Retry-After"] == "1"
    assert (await response.json())["error"]["code"] == "not_stored"
    monkeypatch.undo()
    retried = await answer(client, room, "fist", {"fist": 3})
    assert retried.status == 200
    assert list(hub.state.steps["fist"].current_answers.values()) == [{"fist": 3}]


async def test_an_ended_session_refuses_answers_with_410(
    goto: Any, client: Any, room: str, hub: Hub
) -> None:
    await join(client, room)
    await goto(hub, "fist")
    await hub.close()
    response = await answer(client, room, "fist", {"fist": 3})
    assert response.status == 410
    assert (await response.json())["error"]["code"] == "closed"


async def test_a_phone_cannot_answer_for_another_participant(
    goto: Any, hub: Hub, room: str, aiohttp_client: Any
) -> None:
    app = create_app(hub)
    alice, mallory = await aiohttp_client(app), await aiohttp_client(app)
    alice_id = (await join(alice, room))["view"]["me"]["id"]
    mallory_id = (await join(mallory, room))["view"]["me"]["id"]
    await goto(hub, "fist")
    response = await mallory.post(
        f"/api/{room}/answer",
        json={"step": "fist", "key": "k", "payload": {"fist": 0}, "participant_id": alice_id},
    )
    assert response.status == 200
    assert hub.state.steps["fist"].current_answers == {mallory_id: {"fist": 0}}


async def test_an_unexpected_failure_answers_json_without_a_traceback(
    client: Any, room: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    await join(client, room)

    def broken(*args: Any) -> Any:
        raise KeyError("a bug")

    monkeypatch.setattr("workshop_tui.web.api.personal_view", broken)
    response = await client.get(f"/api/{room}/me")
    assert response.status == 500
    body = await response.json()
    assert body["error"]["code"] == "internal"
    assert "a bug" not in json.dumps(body)
