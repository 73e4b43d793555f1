"""Generated requests against every route of the participant server: no 5xx, nothing lost.

Hypothesis builds requests of every sort (any method, any path, real and made-up room codes,
random headers and cookies, JSON of any shape, answer-shaped bodies with random payloads for
every step kind, bodies over the size limit, invalid UTF-8) and sends them to the real aiohttp
app through its test client, while the facilitator moves through every step of the every-kind
workshop in between. Afterwards the hub is still running and the session file replays to
exactly the state the hub holds.

Hypothesis runs in a worker thread; each request is run on the test's own event loop, where the
hub and the server live, like phones on the projector's loop.
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

import aiohttp
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workshop_tui import decks
from workshop_tui.domain.commands import GoTo, NewRound, SetJoining, SetLocked
from workshop_tui.domain.state import snapshot
from workshop_tui.session.hub import Hub
from workshop_tui.session.rebuild import replay
from workshop_tui.session.store import read_session
from workshop_tui.web import Limits, create_app
from workshop_tui.web.api import COOKIE
from workshop_tui.web.server import SECURITY_HEADERS, WebServer

EVERY_KIND = Path(__file__).resolve().parents[1] / "web" / "data" / "every-kind.toml"

MAX_EXAMPLES = 2000
# Fuzzing is about content, not pacing: the limits are raised so requests reach the rules.
OPEN_LIMITS = Limits(
    submissions_per_second=10_000,
    submission_burst=10_000,
    joins_per_minute=100_000,
    room_guesses_per_minute=100_000,
)

json_scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=40)
json_values = st.recursive(
    json_scalars,
    lambda inner: (
        st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=10), inner, max_size=5)
    ),
    max_leaves=20,
)
hostile_text = st.sampled_from(
    [
        "<script>alert(1)</script>",
        "[bold red]markup[/]",
        "\x1b[2J\x1b[31mred",
        "\u202eevil\u202c",
        '=HYPERLINK("http://x")',
        "a\x00b",
        "x" * 100_000,
        "",
        "   ",
        # Lone surrogates: legal JSON escapes, but no character, so they can never be stored.
        "\ud800",
        "Ann \udfff",
        "\ud83d",
    ]
) | st.text(max_size=200)


def payloads(step_ids: list[str]) -> st.SearchStrategy[Any]:
    """Answer payloads close enough to each kind's shape to reach its rules."""
    small = st.integers(min_value=-3, max_value=12)
    return st.one_of(
        json_values,
        st.fixed_dictionaries(
            {
                "answers": st.lists(
                    st.fixed_dictionaries({"text": hostile_text, "column": small}), max_size=6
                )
            }
        ),
        st.fixed_dictionaries({"options": st.lists(small, max_size=5)}),
        st.fixed_dictionaries({"ratings": st.lists(st.none() | small, max_size=5)}),
        st.fixed_dictionaries({"dots": st.dictionaries(st.text(max_size=3), small, max_size=5)}),
        st.fixed_dictionaries(
            {
                "rungs": st.dictionaries(
                    st.sampled_from(["greeting", "phone", "x"]), small, max_size=3
                )
            }
        ),
        st.fixed_dictionaries({"fist": small | json_scalars}),
        st.fixed_dictionaries({"votes": st.dictionaries(st.text(max_size=12), small, max_size=4)}),
        st.fixed_dictionaries(
            {"reached": st.sampled_from(["yes", "partly", "no", "maybe"]), "changed": hostile_text}
        ),
    )


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    headers: dict[str, str]
    cookie: str | None
    body: bytes | None
    facilitator: int | None


def requests(room: str, step_ids: list[str], tokens: list[str]) -> st.SearchStrategy[Request]:
    rooms = st.sampled_from(
        [room, room.lower(), f" {room} ", "ABCD", "", "%00", "ÅÄÖ", "a/b"]
    ) | st.text(max_size=8)
    routes = st.sampled_from(
        ["join", "me", "rename", "answer", "stream", "card.png", "", "x", "join/extra"]
    )
    # Percent-encoded, so every generated path is one the client can send as it is.
    quoted = rooms.map(lambda r: quote(r, safe=""))
    paths = st.one_of(
        st.builds(lambda r, route: f"/api/{r}/{route}", quoted, routes),
        st.builds(lambda r: f"/{r}", quoted),
        st.builds(lambda r: f"/{r}/", quoted),
        st.builds(lambda r: f"/?room={r}", quoted),
        st.sampled_from(["/", "/static/app.js", "/static/../pyproject.toml", "/static/x", "/api/"]),
        st.text(max_size=30).map(lambda t: "/" + quote(t, safe="")),
    )
    answer_bodies = st.builds(
        lambda step, key, payload: {"step": step, "key": key, "payload": payload},
        st.sampled_from(step_ids) | st.text(max_size=10),
        st.text(alphabet="abcXYZ019-_", min_size=1, max_size=10) | st.text(max_size=70),
        payloads(step_ids),
    )
    facilitator_shaped = st.fixed_dictionaries(
        {
            "type": st.sampled_from(
                ["goto", "set_locked", "moderate", "set_joining", "lock_levels"]
            ),
            "index": st.integers(-1, 20),
            "step_id": st.sampled_from(step_ids),
            "participant_id": st.text(max_size=16),
        }
    )
    json_bodies = st.one_of(
        answer_bodies,
        st.fixed_dictionaries({"name": hostile_text | json_values}),
        facilitator_shaped,
        json_values,
    ).map(lambda data: json.dumps(data).encode())
    bodies = st.one_of(
        st.none(),
        json_bodies,
        st.binary(max_size=64),
        st.just(b'\xff\xfe{"name": "\xc3\x28"}'),
        st.just('{"name": "Ann"}'.encode("utf-16")),
        st.just(b'{"name": "\\ud800"}'),
        st.just(b"{" * 5000),
        st.integers(16_000, 40_000).map(lambda n: b'{"name": "' + b"x" * n + b'"}'),
    )
    content_types = st.sampled_from(
        [
            "application/json",
            "text/plain",
            "application/json; charset=latin-1",
            "application/json; charset=utf-16",
            "",
            "multipart/form-data",
        ]
    )
    headers = st.fixed_dictionaries(
        {"Content-Type": content_types},
        optional={
            "X-Forwarded-For": st.sampled_from(["1.2.3.4", "evil"]),
            "Accept": st.text(alphabet="abc/*;=", max_size=20),
        },
    )
    cookies = st.none() | st.sampled_from(tokens) | st.text(alphabet="abcdefXYZ0123-_", max_size=50)
    return st.builds(
        Request,
        method=st.sampled_from(["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"]),
        path=paths,
        headers=headers,
        cookie=cookies,
        body=bodies,
        facilitator=st.none() | st.integers(0, 2 * len(step_ids)),
    )


async def facilitate(hub: Hub, move: int) -> None:
    """Something the facilitator might do between requests, so answers meet every step."""
    steps = hub.state.workshop.steps
    index = move % len(steps)
    step_id = steps[index].id
    action = move // len(steps)
    try:
        if action == 0:
            await hub.execute(GoTo(index, hub.clock()))
        elif action == 1 and hub.state.steps[step_id].status != "pending":
            await hub.execute(SetLocked(step_id, hub.state.steps[step_id].status == "open"))
        elif steps[index].kind in ("levels", "consensus"):
            await hub.execute(NewRound(step_id))
        else:
            await hub.execute(SetJoining(not hub.state.joining_open))
    except Exception as exc:  # a refusal is fine; anything else fails below
        assert type(exc).__name__ == "Refused", exc


async def send(client: Any, hub: Hub, request: Request, tally: dict[str, int]) -> None:
    if request.facilitator is not None:
        await facilitate(hub, request.facilitator)
    headers = dict(request.headers)
    if not headers["Content-Type"]:
        del headers["Content-Type"]
    if request.cookie is not None:
        headers["Cookie"] = f"{COOKIE}={request.cookie}"
    try:
        response = await client.request(
            request.method,
            request.path,
            headers=headers,
            data=request.body,
            allow_redirects=False,
            timeout=aiohttp.ClientTimeout(total=10),
        )
    except ValueError:
        # The client itself refuses some generated URLs; those never reach a server.
        tally["unsendable"] += 1
        return
    try:
        if response.content_type == "text/event-stream":
            first = await asyncio.wait_for(response.content.readline(), 5)
            assert first.startswith(b"retry:")
        else:
            await response.read()
    finally:
        response.close()
    tally["cases"] += 1
    tally[str(response.status)[0] + "xx"] += 1
    assert response.status < 500, (request, response.status)
    if request.path.startswith("/api/") and response.status >= 400 and request.method != "HEAD":
        assert response.content_type == "application/json"


async def test_generated_requests_never_get_a_5xx_and_the_file_still_replays(
    tmp_path: Path, aiohttp_client: Any
) -> None:
    workshop, cards = decks.load_workshop(EVERY_KIND)
    hub = Hub.create(workshop, cards, tmp_path)
    await hub.start()
    # No cookie jar: each generated request carries exactly the cookie it was given.
    client = await aiohttp_client(create_app(hub, OPEN_LIMITS), cookie_jar=aiohttp.DummyCookieJar())
    room = hub.state.room
    tokens = []
    for _ in range(3):
        joined = await client.post(f"/api/{room}/join")
        tokens.append(joined.cookies[COOKIE].value)
    step_ids = [s.id for s in workshop.steps]
    loop = asyncio.get_running_loop()
    tally = {"cases": 0, "unsendable": 0, "2xx": 0, "3xx": 0, "4xx": 0, "5xx": 0}

    @settings(
        max_examples=MAX_EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(request=requests(room, step_ids, tokens))
    def fuzz(request: Request) -> None:
        asyncio.run_coroutine_threadsafe(send(client, hub, request, tally), loop).result(30)

    await asyncio.to_thread(fuzz)
    print(f"\nfuzzed the participant API: {tally}")

    assert tally["cases"] >= MAX_EXAMPLES // 2
    assert tally["5xx"] == 0
    assert not hub.closed and hub.store_error is None
    # The hub still serves, and what is on disk is exactly what the hub holds.
    assert (
        await client.get(f"/api/{room}/me", headers={"Cookie": f"{COOKIE}={tokens[0]}"})
    ).status == 200
    meta, commands = read_session(hub.path)
    assert snapshot(replay(meta, commands)) == snapshot(hub.state)
    await hub.close()
    resumed = Hub.resume(hub.path)
    assert snapshot(resumed.state) == snapshot(hub.state)
    resumed.store.close()


# What aiohttp's parser refuses before any handler runs; each must still get a JSON answer with
# the security headers, and none may echo what was sent.
MALFORMED_HTTP = {
    "bad method": b"F\x01O / HTTP/1.1\r\nHost: x\r\n\r\n",
    "100 KB URL": b"GET /" + b"u" * 100_000 + b" HTTP/1.1\r\nHost: x\r\n\r\n",
    "100 KB header": b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + b"h" * 100_000 + b"\r\n\r\n",
    "1,000 headers": b"GET / HTTP/1.1\r\nHost: x\r\n"
    + b"".join(b"X-H%d: v\r\n" % i for i in range(1000))
    + b"\r\n",
    "TLS on the HTTP port": bytes.fromhex("16030100f8010000f40303") + b"\x00" * 64,
    "negative Content-Length": b"POST /api/ABCD/join HTTP/1.1\r\nHost: x\r\n"
    b"Content-Length: -5\r\n\r\n",
}


async def raw_exchange(port: int, request: bytes) -> bytes:
    """Send raw bytes to the server and read its whole answer (it closes the connection)."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        writer.write(request)
        await writer.drain()
        return await asyncio.wait_for(reader.read(), 10)
    finally:
        writer.close()


async def test_requests_aiohttp_cannot_parse_get_json_bad_request_with_the_headers(
    tmp_path: Path,
) -> None:
    workshop, cards = decks.load_workshop(EVERY_KIND)
    hub = Hub.create(workshop, cards, tmp_path)
    await hub.start()
    server = WebServer(hub, host="127.0.0.1", port=0)
    info = await server.start()
    try:
        for what, request in MALFORMED_HTTP.items():
            raw = await raw_exchange(info.port, request)
            head, _, body = raw.partition(b"\r\n\r\n")
            lines = head.decode("latin-1").split("\r\n")
            headers = dict(line.split(": ", 1) for line in lines[1:])
            assert lines[0].split()[1] == "400", (what, lines[0])
            assert headers["Content-Type"].startswith("application/json"), what
            for name, value in SECURITY_HEADERS.items():
                assert headers[name] == value, (what, name)
            assert json.loads(body)["error"]["code"] == "bad_request", what
            assert b"uuuu" not in body and b"hhhh" not in body and b"X-H1" not in body, what
        # The server still serves phones afterwards.
        async with aiohttp.ClientSession() as phone:
            joined = await phone.post(f"{info.base_url}/api/{hub.state.room}/join")
            assert joined.status == 201
    finally:
        await server.stop()
        await hub.close()
