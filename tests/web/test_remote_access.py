"""Only the remote's own secret acts as the facilitator, and phones never see that secret.

Generated requests to every facilitator route carry every sort of wrong credential (none, a
participant's token under either cookie name, made-up secrets, a revoked secret, the secret
with a byte changed); every one must be refused with 401 or 403 and change nothing. Then phones
do everything phones do while the remote is live, and no reply to them holds its secret.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import aiohttp
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.web.conftest import start_hub
from workshop_tui.domain.commands import GoTo
from workshop_tui.domain.state import snapshot
from workshop_tui.participant_server import RemoteControl
from workshop_tui.web import Limits, create_app
from workshop_tui.web.api import COOKIE as PHONE_COOKIE
from workshop_tui.web.remote import COOKIE

MAX_EXAMPLES = 600
# Wrong secrets are limited per address; raised so every request reaches the check itself.
OPEN = Limits(remote_guesses_per_minute=1_000_000, room_guesses_per_minute=1_000_000)

bodies = st.one_of(
    st.just(b""),
    st.sampled_from(
        [
            {"key": "next_step"},
            {"key": "reveal"},
            {"key": "revoke_remote"},
            {"command": "release", "step_id": "memory", "item_id": "x"},
            {"command": "reject", "step_id": "memory", "item_id": "x"},
        ]
    ).map(lambda b: json.dumps(b).encode()),
    st.binary(max_size=64),
)


async def test_no_credential_but_the_remotes_own_acts_as_the_facilitator(
    tmp_path: Path, aiohttp_client: Any
) -> None:
    hub = await start_hub(tmp_path)
    remote, revoked = RemoteControl(), RemoteControl()
    pressed: list[str] = []

    async def press(action: str) -> str | None:
        pressed.append(action)
        return None

    remote.attach(press)
    client = await aiohttp_client(
        create_app(hub, OPEN, remote_control=remote), cookie_jar=aiohttp.DummyCookieJar()
    )
    room = hub.state.room
    phones = []
    for _ in range(3):
        joined = await client.post(f"/api/{room}/join")
        phones.append(joined.cookies[PHONE_COOKIE].value)
    old = revoked.token
    revoked.revoke()
    secret = remote.token
    assert secret is not None and old is not None
    near = ("A" if secret[0] != "A" else "B") + secret[1:]
    before = snapshot(hub.state)
    loop = asyncio.get_running_loop()
    tally = {"401": 0, "403": 0}

    wrong = st.one_of(
        st.none(),
        st.sampled_from([*phones, old, near, secret[:-1], secret + "x", secret.lower()]),
        st.text(
            alphabet=st.characters(
                min_codepoint=33, max_codepoint=126, exclude_characters=";,{}/?#%"
            ),
            min_size=1,
            max_size=60,
            # "." and ".." are path segments the URL itself resolves before any server sees
            # them ("/remote/." is "/remote/"): never a token, and not this test's question.
        ).filter(lambda text: text.strip(".") != ""),
    )
    cookie_names = st.sampled_from([COOKIE, PHONE_COOKIE, "workshop_remote ", "remote"])
    routes = st.sampled_from(
        [
            "GET /api/remote/stream",
            "POST /api/remote/key",
            "POST /api/remote/held",
            "GET /remote/{}",
        ]
    )

    async def send(route: str, token: str | None, name: str, body: bytes) -> None:
        method, path = route.split()
        headers = {"Content-Type": "application/json"}
        if path == "/remote/{}":
            path = "/remote/" + (token or "x")
        elif token is not None:
            headers["Cookie"] = f"{name}={token}"
        # A phone's token must fail under the remote's cookie as well as under its own.
        async with client.request(
            method, path, headers=headers, data=body, allow_redirects=False
        ) as reply:
            assert reply.status in (401, 403), (route, token, name, reply.status)
            assert (await reply.json())["error"]["code"] in ("not_facilitator", "wrong_remote")
            tally[str(reply.status)] += 1

    @settings(
        max_examples=MAX_EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(route=routes, token=wrong, name=cookie_names, body=bodies)
    def fuzz(route: str, token: str | None, name: str, body: bytes) -> None:
        if token == secret and name == COOKIE:
            return
        asyncio.run_coroutine_threadsafe(send(route, token, name, body), loop).result(30)

    await asyncio.to_thread(fuzz)
    print(f"\nrefused facilitator requests: {tally}")
    assert tally["401"] and tally["403"] and sum(tally.values()) >= MAX_EXAMPLES // 2
    assert pressed == [] and snapshot(hub.state) == before
    await hub.close()


async def test_the_remotes_secret_is_in_no_reply_to_a_phone(
    tmp_path: Path, aiohttp_client: Any
) -> None:
    hub = await start_hub(tmp_path)
    remote = RemoteControl()
    client = await aiohttp_client(
        create_app(hub, OPEN, remote_control=remote), cookie_jar=aiohttp.DummyCookieJar()
    )
    secret = remote.token
    assert secret is not None
    room = hub.state.room
    seen: list[bytes] = []

    async def record(reply: aiohttp.ClientResponse, body: bytes) -> None:
        seen.append(body)
        seen.append(repr(list(reply.raw_headers)).encode())

    joined = await client.post(f"/api/{room}/join", json={"name": "Ann"})
    await record(joined, await joined.read())
    token = joined.cookies[PHONE_COOKIE].value
    phone = {"Cookie": f"{PHONE_COOKIE}={token}"}
    for step in [s.id for s in hub.state.workshop.steps]:
        index = [s.id for s in hub.state.workshop.steps].index(step)
        await hub.execute(GoTo(index, hub.clock()))
        for method, path, body in (
            ("GET", f"/api/{room}/me", None),
            ("POST", f"/api/{room}/answer", {"step": step, "key": f"k{index}", "payload": {}}),
            ("POST", f"/api/{room}/rename", {"name": "Bo"}),
            ("GET", f"/api/{room}/card.png", None),
            ("GET", f"/{room}", None),
            ("GET", "/static/i18n/en.js", None),
        ):
            async with client.request(method, path, json=body, headers=phone) as reply:
                await record(reply, await reply.read())
        async with client.get(f"/api/{room}/stream", headers=phone) as stream:
            lines = [await asyncio.wait_for(stream.content.readline(), 5) for _ in range(4)]
            await record(stream, b"".join(lines))
    assert len(seen) > 40
    assert not any(secret.encode() in chunk for chunk in seen)
    await hub.close()
