"""Projector benchmark: how soon an answer is on the projector, and how the keys feel under load.

Run: uv run python benchmarks/projector.py [--phones 50] [--flood-rate 500] [--presses 40]

The real projector app (`ProjectorApp`, headless through Textual's `run_test`, 160×45) runs the
real hub and the real participant server on its own loop, as in a workshop. Phones are in a
second process and talk HTTP over loopback.

- Answer to screen: `--phones` phones each answer the prompt once at a random moment in a few
  seconds. An answer counts as drawn when Textual hands the screen update to its driver
  (`App._display`) after a repaint of the step view that included the answer; the time runs from
  just before the phone sends it. (A real terminal then still has to show the bytes.)
- Key presses under load: phones send `--flood-rate` answers per second while the facilitator
  presses `n` (notes on/off) every 0.25 s; the time runs from the key event until the screen
  update that shows the notes panel in its new state.

Prints p50/p95 (ms) with the load average, since other work on the machine shows in the figures.
Bounded in count and time; prints figures, asserts nothing.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import os
import random
import secrets
import statistics
import tempfile
import time
from multiprocessing import resource_tracker
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import aiohttp
from rich.console import RenderableType
from textual.screen import Screen

from workshop_tui import decks
from workshop_tui.domain.commands import GoTo
from workshop_tui.session.hub import Hub
from workshop_tui.tui.app import ProjectorApp
from workshop_tui.tui.views.base import StepView
from workshop_tui.web import WebServer

PROMPT = 1  # the bundled English workshop's first prompt ("memory")
SPREAD = 4.0
TIMEOUT = 60.0
FLOOD_PHONES = 250


class MeasuredApp(ProjectorApp):
    """The projector, noting when each screen update is handed to the terminal driver."""

    def __init__(self, hub: Hub, server: WebServer) -> None:
        super().__init__(hub, server)
        self.rendered: set[str] = set()
        self.drawn: dict[str, float] = {}
        self.notes_drawn: list[tuple[float, bool]] = []

    def _display(self, screen: Screen[Any], renderable: RenderableType | None) -> None:
        super()._display(screen, renderable)
        if renderable is None:
            return
        now = time.monotonic()
        for participant in self.rendered:
            self.drawn.setdefault(participant, now)
        self.notes_drawn.append((now, self.notes.has_class("shown")))


def watch_renders(app: MeasuredApp) -> None:
    """Record which participants' answers the step view had when it was last painted."""
    original = StepView.render

    def render(view: StepView) -> RenderableType:
        ctx = view.ctx
        if ctx is not None:
            app.rendered = set(ctx.step_state.current_answers)
        return original(view)

    StepView.render = render  # type: ignore[method-assign,assignment]


# --------------------------------------------------------------------------- the phones' process


def phone_address(number: int) -> str:
    """A loopback address per phone, as real phones each have one (the server paces joins per
    address); Linux answers on all of 127/8."""
    return f"127.1.{number // 250}.{number % 250 + 1}"


def phones_process(conn: Connection, join_url: str, count: int, rate: float) -> None:
    """Join `count` phones; on "answer" each answers once; on "flood" they send `rate`/s."""
    asyncio.run(_phones(conn, join_url, count, rate))


async def _phones(conn: Connection, join_url: str, count: int, rate: float) -> None:
    base, room = join_url.rsplit("/", 1)
    api = f"{base}/api/{room}"
    sessions = [
        aiohttp.ClientSession(
            cookie_jar=aiohttp.CookieJar(unsafe=True),
            connector=aiohttp.TCPConnector(local_addr=(phone_address(number), 0)),
        )
        for number in range(count)
    ]
    loop = asyncio.get_running_loop()
    try:
        ids = []
        for session in sessions:
            async with session.post(f"{api}/join", json={}) as response:
                ids.append((await response.json())["view"]["me"]["id"])
        conn.send(("joined",))
        while True:
            message = await loop.run_in_executor(None, conn.recv)
            if message[0] == "answer":
                conn.send(("sent", await _answer_once(api, sessions, ids)))
            elif message[0] == "flood":
                conn.send(("flooded", *await _flood(api, sessions, rate, message[1])))
            else:
                break
    finally:
        await asyncio.gather(*(s.close() for s in sessions))


def _payload(number: int) -> dict[str, Any]:
    text = f"Answer {number}: they looked up, smiled and said they would call back today"
    return {"answers": [{"text": text, "column": 0}]}


async def _post(session: aiohttp.ClientSession, api: str, number: int) -> int:
    body = {"step": "memory", "key": secrets.token_hex(8), "payload": _payload(number)}
    async with session.post(f"{api}/answer", json=body) as response:
        await response.read()
        return response.status


async def _answer_once(
    api: str, sessions: list[aiohttp.ClientSession], ids: list[str]
) -> dict[str, float]:
    sent: dict[str, float] = {}
    rng = random.Random(1)

    async def one(number: int) -> None:
        await asyncio.sleep(rng.uniform(0, SPREAD))
        sent[ids[number]] = time.monotonic()
        await _post(sessions[number], api, number)

    await asyncio.wait_for(asyncio.gather(*(one(n) for n in range(len(sessions)))), TIMEOUT)
    return sent


async def _flood(
    api: str, sessions: list[aiohttp.ClientSession], rate: float, seconds: float
) -> tuple[int, int, float]:
    """Send `rate` answers per second for `seconds`, round-robin over the phones."""
    total = int(rate * seconds)
    began = time.monotonic()
    results: list[int] = []

    async def one(number: int) -> None:
        try:
            results.append(await _post(sessions[number % len(sessions)], api, number))
        except aiohttp.ClientError:
            results.append(0)

    tasks = []
    for number in range(total):
        delay = began + number / rate - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)
        tasks.append(asyncio.create_task(one(number)))
    await asyncio.wait_for(asyncio.gather(*tasks), TIMEOUT)
    ok = sum(status == 200 for status in results)
    return ok, total - ok, total / (time.monotonic() - began)


# --------------------------------------------------------------------------- the projector


async def measure(phones: int, flood_rate: float, presses: int) -> None:
    workshop, cards = decks.load_workshop(decks.resolve_workshop(None, "en"))
    context = multiprocessing.get_context("spawn")
    # Started now, while stderr is still a real file: inside the app it is Textual's capture.
    resource_tracker.ensure_running()
    with tempfile.TemporaryDirectory() as folder:
        hub = Hub.create(workshop, cards, Path(folder))
        app = MeasuredApp(hub, WebServer(hub, host="127.0.0.1", port=0))
        watch_renders(app)
        async with app.run_test(size=(160, 45)) as pilot:
            await hub.execute(GoTo(PROMPT, hub.clock()))
            await pilot.pause(0.3)
            assert app.info is not None
            loop = asyncio.get_running_loop()

            async def ask(conn: Connection, message: tuple[Any, ...]) -> Any:
                conn.send(message)
                return await loop.run_in_executor(None, conn.recv)

            # Answer to screen, 50 phones.
            parent, child = context.Pipe()
            process = context.Process(
                target=phones_process, args=(child, app.info.join_url, phones, 0.0), daemon=True
            )
            process.start()
            await loop.run_in_executor(None, parent.recv)
            _, sent = await ask(parent, ("answer",))
            deadline = time.monotonic() + 5.0
            while len(app.drawn) < len(sent) and time.monotonic() < deadline:
                await asyncio.sleep(0.05)
            lags = [app.drawn[p] - t for p, t in sent.items() if p in app.drawn]
            parent.send(("stop",))
            process.join(10)
            report(f"answer to screen, {phones} phones", lags, len(sent) - len(lags))

            # Key presses while answers flood in.
            parent, child = context.Pipe()
            process = context.Process(
                target=phones_process,
                args=(child, app.info.join_url, FLOOD_PHONES, flood_rate),
                daemon=True,
            )
            process.start()
            await loop.run_in_executor(None, parent.recv)
            seconds = presses * 0.25 + 1.0
            parent.send(("flood", seconds))
            await asyncio.sleep(0.5)
            keys: list[float] = []
            for _ in range(presses):
                want = not app.show_notes
                pressed = time.monotonic()
                await pilot.press("n")
                end = time.monotonic() + 5.0
                while time.monotonic() < end:
                    if any(t >= pressed and shown == want for t, shown in app.notes_drawn):
                        break
                    await asyncio.sleep(0.001)
                drawn = [t for t, shown in app.notes_drawn if t >= pressed and shown == want]
                if drawn:
                    keys.append(drawn[0] - pressed)
                await asyncio.sleep(max(0.0, pressed + 0.25 - time.monotonic()))
            _, ok, failed, achieved = await loop.run_in_executor(None, parent.recv)
            parent.send(("stop",))
            process.join(10)
            report(
                f"key press to screen, {achieved:.0f} answers/s arriving "
                f"({ok} stored, {failed} refused or failed)",
                keys,
                presses - len(keys),
            )


def report(title: str, values: list[float], missing: int) -> None:
    print(title)
    if len(values) < 2:
        print("  too few measurements")
        return
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    line = f"  p50 {cuts[49] * 1000:.0f} ms   p95 {cuts[94] * 1000:.0f} ms   max "
    print(line + f"{max(values) * 1000:.0f} ms   n={len(values)}   not drawn: {missing}")


def main() -> None:
    """Run both measurements and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--phones", type=int, default=50)
    parser.add_argument("--flood-rate", type=float, default=500.0)
    parser.add_argument("--presses", type=int, default=40)
    args = parser.parse_args()
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    asyncio.run(measure(args.phones, args.flood_rate, args.presses))
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
