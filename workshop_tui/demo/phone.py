"""One simulated phone: joins over HTTP, follows its live stream and answers like a person.

It uses exactly the API a real phone uses (`docs/api.md`): a cookie jar of its own holds the
token, the SSE stream says which step is current, and answers go up as POSTs with an idempotency
key that a retry reuses. It writes nothing to stdout or stderr (it runs beside the projector's
screen); what happens goes to the `workshop_tui.demo` logger.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import random
import secrets
from dataclasses import dataclass
from typing import Any

import aiohttp

from workshop_tui.demo.answers import ANSWERABLE, Taste, decide

log = logging.getLogger("workshop_tui.demo")

POST_ATTEMPTS = 4
STREAM_FAILURES = 20
REQUEST_TIMEOUT = aiohttp.ClientTimeout(total=15)
# Typing takes longer than tapping.
TYPED = ("prompt", "followup")


@dataclass(frozen=True)
class Temper:
    """How a phone behaves: seconds it takes to answer, and whether its connection drops."""

    name: str
    low: float
    high: float
    drops: bool = False


QUICK = Temper("quick", 1.5, 5.0)
STEADY = Temper("steady", 4.0, 14.0)
SLOW = Temper("slow", 10.0, 25.0)
FLAKY = Temper("flaky", 3.0, 10.0, drops=True)


class SimulatedPhone:
    """A phone in the room. `run` joins and answers until `stop` is set.

    After it has run, `participant_id` is who the server made it, `answered` maps each step id
    to the round it last answered, and `reconnects` counts the times it dropped and came back.
    """

    def __init__(
        self,
        join_url: str,
        number: int,
        language: str,
        temper: Temper,
        taste: Taste,
        *,
        name: str | None = None,
        pace: float = 1.0,
        seed: int | None = None,
    ) -> None:
        base, room = join_url.rstrip("/").rsplit("/", 1)
        self.api = f"{base}/api/{room.upper()}"
        self.number = number
        self.language = language
        self.temper = temper
        self.taste = taste
        self.name = name
        self.pace = pace
        self.rng = random.Random(seed)
        self.participant_id: str | None = None
        self.answered: dict[str, int] = {}
        self.reconnects = 0
        self.errors = 0
        self._target: tuple[str, int] | None = None
        self._pending: asyncio.Task[None] | None = None
        self._drop = asyncio.Event()
        self._views = 0

    async def _sleep(self, seconds: float) -> None:
        await asyncio.sleep(seconds * self.pace)

    async def run(self, stop: asyncio.Event) -> None:
        """Join, then follow the session and answer each step, until `stop` is set."""
        jar = aiohttp.CookieJar(unsafe=True)  # unsafe: the server is addressed by IP
        failures = 0
        while not stop.is_set() and failures < STREAM_FAILURES:
            dropped = False
            try:
                async with aiohttp.ClientSession(cookie_jar=jar) as session:
                    await self._join(session)
                    dropped = await self._follow(session, stop)
            except (aiohttp.ClientError, TimeoutError, ValueError) as exc:
                log.info("phone %d: connection failed (%s); trying again", self.number, exc)
            finally:
                await self._cancel_pending()
            if stop.is_set():
                break
            if self._views:
                # The stream worked for a while: only back-to-back failures count.
                failures = 0
            elif not dropped:
                failures += 1
            self._views = 0
            if dropped:
                self.reconnects += 1
                log.info("phone %d: dropped its connection on purpose", self.number)
                await self._sleep(self.rng.uniform(3.0, 8.0))
            else:
                await self._sleep(min(10.0, 0.5 * 2 ** min(failures, 5)))
        if failures >= STREAM_FAILURES:
            log.warning("phone %d: gave up after %d failed connections", self.number, failures)

    async def _join(self, session: aiohttp.ClientSession) -> None:
        body = {"name": self.name} if self.name and self.participant_id is None else {}
        status, data = await self._post(session, "join", body)
        if status not in (200, 201):
            raise aiohttp.ClientError(f"join answered {status}: {_error(data)}")
        me = data["view"]["me"]["id"]
        if self.participant_id is not None and me != self.participant_id:
            log.warning("phone %d: came back as %s, not %s", self.number, me, self.participant_id)
        elif self.participant_id is not None:
            log.info("phone %d: back in as the same participant", self.number)
        self.participant_id = me

    async def _follow(self, session: aiohttp.ClientSession, stop: asyncio.Event) -> bool:
        """Read the stream until it ends, `stop` is set, or this phone drops it (returns True)."""
        self._drop.clear()
        async with session.get(f"{self.api}/stream") as response:
            if response.status != 200:
                raise aiohttp.ClientError(f"stream answered {response.status}")
            reader = asyncio.create_task(self._read(session, response))
            stopped = asyncio.create_task(stop.wait())
            dropping = asyncio.create_task(self._drop.wait())
            try:
                await asyncio.wait({reader, stopped, dropping}, return_when="FIRST_COMPLETED")
            finally:
                for task in (reader, stopped, dropping):
                    task.cancel()
                    with contextlib.suppress(asyncio.CancelledError):
                        await task
            if reader.done() and not reader.cancelled():
                error = reader.exception()
                if error is not None:
                    raise error
            return self._drop.is_set() and not stop.is_set()

    async def _read(self, session: aiohttp.ClientSession, response: aiohttp.ClientResponse) -> None:
        event = ""
        async for raw in response.content:
            line = raw.decode().rstrip("\r\n")
            if line.startswith("event:"):
                event = line[6:].strip()
            elif line.startswith("data:") and event == "view":
                self._on_view(session, json.loads(line[5:])["view"])
            elif not line:
                event = ""

    def _on_view(self, session: aiohttp.ClientSession, view: dict[str, Any]) -> None:
        self._views += 1
        step = view.get("step")
        if not step or step.get("kind") not in ANSWERABLE or step.get("status") != "open":
            self._target = None
            self._cancel_soon()
            return
        target = (str(step["id"]), int(step.get("round", 1)))
        if step.get("answer") is not None:
            self.answered[target[0]] = target[1]
        if self.answered.get(target[0]) == target[1] or target == self._target:
            return
        self._cancel_soon()
        self._target = target
        self._pending = asyncio.create_task(self._answer_later(session, step, target))

    def _cancel_soon(self) -> None:
        if self._pending is not None and not self._pending.done():
            self._pending.cancel()
        self._pending = None

    async def _cancel_pending(self) -> None:
        pending, self._pending = self._pending, None
        self._target = None
        if pending is not None and not pending.done():
            pending.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await pending

    async def _answer_later(
        self, session: aiohttp.ClientSession, step: dict[str, Any], target: tuple[str, int]
    ) -> None:
        delay = self.rng.uniform(self.temper.low, self.temper.high)
        if step["kind"] in TYPED:
            delay *= 1.5
        await self._sleep(delay)
        payload = decide(step, self.language, self.rng, self.taste)
        if payload is None:
            return
        key = f"demo{self.number}-{secrets.token_hex(8)}"
        body = {"step": target[0], "key": key, "payload": payload}
        try:
            status, data = await self._post(session, "answer", body)
        except (aiohttp.ClientError, TimeoutError) as exc:
            self.errors += 1
            log.info("phone %d: answer to %s not sent (%s)", self.number, target[0], exc)
            return
        if status == 200:
            self.answered[target[0]] = target[1]
            if self.temper.drops and len(self.answered) % 3 == 1:
                asyncio.get_running_loop().call_later(
                    self.rng.uniform(1.0, 4.0) * self.pace, self._drop.set
                )
        elif status == 409:
            log.info("phone %d: %s was closed before it answered", self.number, target[0])
        else:
            self.errors += 1
            log.warning("phone %d: answer refused (%d): %s", self.number, status, _error(data))

    async def _post(
        self, session: aiohttp.ClientSession, route: str, body: dict[str, Any]
    ) -> tuple[int, dict[str, Any]]:
        """POST with bounded retries: the same body (and idempotency key) every time."""
        wait = 0.5
        attempt = 1
        while True:
            try:
                async with session.post(
                    f"{self.api}/{route}", json=body, timeout=REQUEST_TIMEOUT
                ) as response:
                    data = await response.json(content_type=None)
                    if response.status not in (429, 503) or attempt >= POST_ATTEMPTS:
                        return response.status, data
                    wait = float(response.headers.get("Retry-After", "1"))
            except (aiohttp.ClientError, TimeoutError):
                if attempt >= POST_ATTEMPTS:
                    raise
            await self._sleep(min(wait, 10.0))
            wait *= 2
            attempt += 1


def _error(data: dict[str, Any]) -> str:
    error = data.get("error") if isinstance(data, dict) else None
    return f"{error.get('code')}: {error.get('message')}" if isinstance(error, dict) else str(data)
