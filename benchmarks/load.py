"""Load benchmark: many phones against the real participant server over loopback.

Run: uv run python benchmarks/load.py [--sizes 100,1000,2000] [--rate 100] [--server-only]
     uv run python benchmarks/load.py --one-address 300,1000 [--sizes ""]

The server (a real hub with a real session store in a temporary folder, and the real
`WebServer` on 127.0.0.1) runs in a child process; this process drives the phones, each with its
own cookie jar, exactly as `docs/api.md` describes. For each size N, with a fresh server:

1. N phones join (50 at a time), each from its own loopback address, and each keeps its live
   stream open;
2. the facilitator opens a prompt; every phone answers it, paced at `--rate` answers per second;
3. the facilitator opens the dot vote; every phone places its dots at the same pace;
4. the facilitator moves on three more times.

Each size runs twice: the server alone (a hub and the `WebServer`, the baseline), then the real
`ProjectorApp` (headless at 160x45, the answer wall revealed and filling, its hub and server on
the app's own loop exactly as `workshop-tui run` starts them), each on a fresh session.

It prints join latency, answer acknowledgement latency and fan-out latency (from the moment the
facilitator's command is sent until a phone has the new step: per phone, and for the last phone
of each step change) as p50/p95/p99, the errors, and the server's CPU time and peak memory
(`getrusage` and VmHWM, read inside the server process). Every figure is also given as a ratio
against the smallest size, measured in the same run. Every phase is bounded in count and time.

`--one-address` measures a room behind one address (a tunnel, a reverse proxy, a venue NAT):
N phones, every one from 127.0.0.1, join a fresh server whose `--max-participants` is N, and
each phone that is told to wait does what the phone page does (waits `Retry-After`, asks again
with its place in the queue). It prints when the last phone got in and how many 429s were
answered, with today's default join limit and with the old one (60 a minute per address,
stopped after `BASELINE_SECONDS`; its last phone's turn is the one the server announced), and
the ratio of the two. It prints figures; it asserts nothing.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import json
import multiprocessing
import os
import random
import resource
import secrets
import statistics
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import aiohttp

from workshop_tui import decks
from workshop_tui.demo.answers import Taste, decide

JOIN_CONCURRENCY = 50
STREAM_CONCURRENCY = 100
PHASE_TIMEOUT = 120.0
FANOUT_TIMEOUT = 30.0
REQUEST_TIMEOUT = aiohttp.ClientTimeout(total=30)
# Indexes into the bundled English workshop: welcome, memory (prompt), memory-vote, scenario,
# switch, culture.
PROMPT, VOTE = 1, 2
LATER_STEPS = (3, 4, 5)
# The join limit before issue 10: 60 new phones a minute per address.
OLD_JOINS_PER_MINUTE = 60
BASELINE_SECONDS = 15.0
ONE_ADDRESS_TIMEOUT = 90.0


def raise_file_limit() -> int:
    """Allow as many open files as the hard limit does (every phone is a socket or two)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < hard:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    return hard


def memory_kib(field_name: str) -> int:
    """A figure from /proc/self/status (VmHWM: peak resident memory; VmRSS: now), in KiB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field_name + ":"):
            return int(line.split()[1])
    return 0


def phone_address(number: int) -> str:
    """A loopback address of its own for phone `number`, as real phones each have one: the
    server paces joins per address (`Limits.joins_per_minute`). Linux answers on all of 127/8."""
    return f"127.{1 + number // 62500}.{number // 250 % 250}.{number % 250 + 1}"


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


# --------------------------------------------------------------------------- the server process


def serve(
    conn: Connection,
    folder: str,
    max_participants: int,
    joins_per_minute: int | None = None,
    projector: bool = False,
) -> None:
    """The child process: hub + store + WebServer, driven by commands over `conn`; with
    `projector`, the real projector app (headless, 160x45) runs them on its own loop."""
    raise_file_limit()
    if projector:
        asyncio.run(_serve_projector(conn, Path(folder), max_participants, joins_per_minute))
    else:
        asyncio.run(_serve(conn, Path(folder), max_participants, joins_per_minute))


async def _control(conn: Connection, hub: Any, reveal: bool) -> None:
    """Carry out the driver's commands until it says stop."""
    from workshop_tui.domain.commands import GoTo, SetRevealed

    loop = asyncio.get_running_loop()
    while True:
        try:
            message = await loop.run_in_executor(None, conn.recv)
        except EOFError:
            break
        if message[0] == "goto":
            await hub.execute(GoTo(message[1], hub.clock()))
            step = hub.state.current_step
            if reveal and step is not None and not hub.state.steps[step.id].revealed:
                # The room watches the wall fill, as in a real session.
                await hub.execute(SetRevealed(step.id, True))
            conn.send(("done", time.monotonic()))
        elif message[0] == "usage":
            conn.send(("usage", cpu_seconds(), memory_kib("VmHWM"), memory_kib("VmRSS")))
        else:
            break


async def _serve_projector(
    conn: Connection, folder: Path, max_participants: int, joins_per_minute: int | None
) -> None:
    from workshop_tui.domain.state import Settings
    from workshop_tui.session.hub import Hub
    from workshop_tui.tui.app import ProjectorApp
    from workshop_tui.web import Limits, WebServer

    workshop, cards = decks.load_workshop(decks.resolve_workshop(None, "en"))
    hub = Hub.create(workshop, cards, folder, Settings(max_participants=max_participants))
    server = WebServer(
        hub, host="127.0.0.1", port=0, limits=Limits(joins_per_minute=joins_per_minute)
    )
    app = ProjectorApp(hub, server)
    # The app starts the hub and the server itself, exactly as `workshop-tui run` does.
    async with app.run_test(headless=True, size=(160, 45)):
        await app.up_to_date()
        assert app.info is not None
        conn.send(("ready", app.info.join_url, memory_kib("VmRSS")))
        await _control(conn, hub, reveal=True)
    conn.send(("stopped",))


async def _serve(
    conn: Connection, folder: Path, max_participants: int, joins_per_minute: int | None
) -> None:
    from workshop_tui.domain.commands import GoTo
    from workshop_tui.domain.state import Settings
    from workshop_tui.session.hub import Hub
    from workshop_tui.web import Limits, WebServer

    workshop, cards = decks.load_workshop(decks.resolve_workshop(None, "en"))
    hub = Hub.create(workshop, cards, folder, Settings(max_participants=max_participants))
    await hub.start()
    limits = Limits(joins_per_minute=joins_per_minute)
    server = WebServer(hub, host="127.0.0.1", port=0, limits=limits)
    info = await server.start()
    # As the projector app does once its server is up (see ProjectorApp.on_mount).
    gc.freeze()
    await hub.execute(GoTo(0, hub.clock()))
    conn.send(("ready", info.join_url, memory_kib("VmRSS")))
    try:
        await _control(conn, hub, reveal=False)
    finally:
        await server.stop()
        await hub.close()
        conn.send(("stopped",))


# --------------------------------------------------------------------------- the phones


@dataclass
class Results:
    joins: list[float] = field(default_factory=list)
    acks: list[float] = field(default_factory=list)
    dots: list[float] = field(default_factory=list)
    fanout: list[float] = field(default_factory=list)
    fanout_last: list[float] = field(default_factory=list)
    errors: dict[str, int] = field(default_factory=dict)
    _expected: dict[str, tuple[int, asyncio.Event]] = field(default_factory=dict)

    def error(self, what: str) -> None:
        self.errors[what] = self.errors.get(what, 0) + 1

    def waiting_for(self, step_id: str, count: int) -> asyncio.Event:
        """An event set once `count` phones have had `step_id` arrive on their stream."""
        event = asyncio.Event()
        self._expected[step_id] = (count, event)
        return event

    def arrived(self, step_id: str) -> None:
        expected = self._expected.get(step_id)
        if expected is not None:
            count, event = expected
            self._expected[step_id] = (count - 1, event)
            if count <= 1:
                event.set()


class Phone:
    """One phone: its own session and cookie jar, a live stream, and what it has seen."""

    def __init__(self, api: str, results: Results, seed: int) -> None:
        self.api = api
        self.results = results
        self.rng = random.Random(seed)
        self.session = aiohttp.ClientSession(
            cookie_jar=aiohttp.CookieJar(unsafe=True),
            timeout=REQUEST_TIMEOUT,
            # The stream holds one connection; answers need another.
            connector=aiohttp.TCPConnector(limit=2, local_addr=(phone_address(seed), 0)),
        )
        self.step: dict[str, Any] | None = None
        self.arrived: dict[str, float] = {}
        self.first_view = asyncio.Event()
        self.reader: asyncio.Task[None] | None = None

    async def join(self) -> None:
        began = time.perf_counter()
        try:
            async with self.session.post(f"{self.api}/join", json={}) as response:
                await response.read()
                ok = response.status == 201
        except (aiohttp.ClientError, TimeoutError):
            ok = False
        if ok:
            self.results.joins.append(time.perf_counter() - began)
        else:
            self.results.error("join")

    async def open_stream(self) -> None:
        self.reader = asyncio.create_task(self._read())
        try:
            await asyncio.wait_for(self.first_view.wait(), PHASE_TIMEOUT)
        except TimeoutError:
            self.results.error("stream")

    async def _read(self) -> None:
        try:
            timeout = aiohttp.ClientTimeout(total=None, sock_connect=30)
            async with self.session.get(f"{self.api}/stream", timeout=timeout) as response:
                if response.status != 200:
                    self.results.error(f"stream {response.status}")
                    return
                async for raw in response.content:
                    if raw.startswith(b"data:"):
                        now = time.monotonic()
                        step = json.loads(raw[5:])["view"]["step"]
                        self.step = step
                        if step is not None and step["id"] not in self.arrived:
                            self.arrived[step["id"]] = now
                            self.results.arrived(step["id"])
                        self.first_view.set()
        except (aiohttp.ClientError, TimeoutError):
            self.results.error("stream dropped")
        finally:
            # A phone whose stream failed must not hold up the others' phase.
            self.first_view.set()

    async def answer(self, into: list[float]) -> None:
        step = self.step
        payload = decide(step, "en", self.rng, Taste(1)) if step else None
        if step is None or payload is None:
            self.results.error("nothing to answer")
            return
        body = {"step": step["id"], "key": secrets.token_hex(8), "payload": payload}
        began = time.perf_counter()
        try:
            async with self.session.post(f"{self.api}/answer", json=body) as response:
                await response.read()
                ok = response.status == 200
                status = response.status
        except (aiohttp.ClientError, TimeoutError):
            ok, status = False, 0
        if ok:
            into.append(time.perf_counter() - began)
        else:
            self.results.error(f"answer {status}")

    async def close(self) -> None:
        if self.reader is not None:
            self.reader.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self.reader
        await self.session.close()


async def bounded(tasks: list[Any], limit: int) -> None:
    """Run coroutines with at most `limit` at once, within the phase timeout."""
    gate = asyncio.Semaphore(limit)

    async def one(coroutine: Any) -> None:
        async with gate:
            await coroutine

    await asyncio.wait_for(asyncio.gather(*(one(t) for t in tasks)), PHASE_TIMEOUT)


async def paced(phones: list[Phone], rate: float, into: list[float]) -> float:
    """Every phone answers once, started at `rate` per second; returns the achieved rate."""
    began = time.perf_counter()
    tasks = []
    for number, phone in enumerate(phones):
        delay = began + number / rate - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        tasks.append(asyncio.create_task(phone.answer(into)))
    await asyncio.wait_for(asyncio.gather(*tasks), PHASE_TIMEOUT)
    return len(phones) / (time.perf_counter() - began)


async def advance(
    conn: Connection, index: int, step_id: str, phones: list[Phone], results: Results
) -> None:
    """The facilitator opens step `index`; measure until every phone has it (or time is up)."""
    loop = asyncio.get_running_loop()
    everyone = results.waiting_for(step_id, len(phones))
    began = time.monotonic()
    conn.send(("goto", index))
    await loop.run_in_executor(None, conn.recv)
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(everyone.wait(), FANOUT_TIMEOUT)
    arrivals = [p.arrived[step_id] - began for p in phones if step_id in p.arrived]
    missing = len(phones) - len(arrivals)
    if missing:
        results.errors["fan-out missing"] = results.errors.get("fan-out missing", 0) + missing
    results.fanout.extend(arrivals)
    results.fanout_last.append(max(arrivals, default=FANOUT_TIMEOUT))


async def drive(conn: Connection, join_url: str, count: int, rate: float) -> dict[str, Any]:
    base, room = join_url.rsplit("/", 1)
    workshop, _ = decks.load_workshop(decks.resolve_workshop(None, "en"))
    ids = [step.id for step in workshop.steps]
    results = Results()
    phones = [Phone(f"{base}/api/{room}", results, seed) for seed in range(count)]
    loop = asyncio.get_running_loop()

    async def usage() -> tuple[float, int, int]:
        conn.send(("usage",))
        reply = await loop.run_in_executor(None, conn.recv)
        return reply[1], reply[2], reply[3]

    cpu0, _, _ = await usage()
    client0 = cpu_seconds()
    wall0 = time.perf_counter()
    try:
        await bounded([p.join() for p in phones], JOIN_CONCURRENCY)
        await bounded([p.open_stream() for p in phones], STREAM_CONCURRENCY)
        await advance(conn, PROMPT, ids[PROMPT], phones, results)
        achieved = await paced(phones, rate, results.acks)
        await advance(conn, VOTE, ids[VOTE], phones, results)
        achieved_dots = await paced(phones, rate, results.dots)
        for index in LATER_STEPS:
            await advance(conn, index, ids[index], phones, results)
    finally:
        wall = time.perf_counter() - wall0
        cpu1, peak, rss = await usage()
        client = cpu_seconds() - client0
        await asyncio.gather(*(p.close() for p in phones))
    return {
        "results": results,
        "rate": min(achieved, achieved_dots),
        "server_cpu": (cpu1 - cpu0) / wall,
        "client_cpu": client / wall,
        "peak_mb": peak / 1024,
        "rss_mb": rss / 1024,
        "wall": wall,
    }


@contextlib.contextmanager
def server_process(
    max_participants: int, joins_per_minute: int | None = None, projector: bool = False
) -> Iterator[tuple[Connection, str, int]]:
    """A fresh server process on a fresh session: its pipe, join URL and idle memory (KiB)."""
    context = multiprocessing.get_context("spawn")
    parent, child = context.Pipe()
    with tempfile.TemporaryDirectory() as folder:
        process = context.Process(
            target=serve,
            args=(child, folder, max_participants, joins_per_minute, projector),
            daemon=True,
        )
        process.start()
        try:
            if not parent.poll(60):
                raise RuntimeError("the server did not start within 60 s")
            _, join_url, idle_kib = parent.recv()
            yield parent, join_url, idle_kib
            parent.send(("stop",))
            if parent.poll(30):
                parent.recv()
        finally:
            process.join(30)
            if process.is_alive():
                process.kill()


def run_size(count: int, rate: float, projector: bool) -> dict[str, Any]:
    """One fresh server process (with the projector app, or the server alone) and `count`
    phones against it."""
    with server_process(count + 10, projector=projector) as (parent, join_url, idle_kib):
        figures = asyncio.run(drive(parent, join_url, count, rate))
        figures["idle_mb"] = idle_kib / 1024
    return figures


# --------------------------------------------------------------------------- one address


@dataclass
class Queueing:
    """What a room behind one address saw while joining."""

    joined: list[float] = field(default_factory=list)
    refusals: int = 0
    last_turn: float = 0.0
    errors: dict[str, int] = field(default_factory=dict)


async def join_from_one_address(api: str, count: int, deadline: float) -> tuple[Queueing, float]:
    """`count` phones, all from 127.0.0.1, join as the phone page does, until `deadline`
    seconds have passed; returns what they saw and the wall time."""
    seen = Queueing()
    gate = asyncio.Semaphore(JOIN_CONCURRENCY)
    began = time.perf_counter()

    async def phone() -> None:
        # A jar of its own holds the phone's place in the queue, as a browser's does.
        async with aiohttp.ClientSession(
            cookie_jar=aiohttp.CookieJar(unsafe=True), timeout=REQUEST_TIMEOUT
        ) as session:
            for _ in range(count + 10):
                try:
                    async with gate, session.post(f"{api}/join", json={}) as response:
                        await response.read()
                        status, wait = response.status, response.headers.get("Retry-After")
                except (aiohttp.ClientError, TimeoutError):
                    status, wait = 0, None
                now = time.perf_counter() - began
                if status == 201:
                    seen.joined.append(now)
                    return
                if status != 429 or wait is None:
                    seen.errors[f"join {status}"] = seen.errors.get(f"join {status}", 0) + 1
                    return
                seen.refusals += 1
                seen.last_turn = max(seen.last_turn, now + float(wait))
                if now + float(wait) > deadline:
                    return
                await asyncio.sleep(float(wait))

    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(
            asyncio.gather(*(phone() for _ in range(count))), deadline + ONE_ADDRESS_TIMEOUT
        )
    return seen, time.perf_counter() - began


def run_one_address(count: int, joins_per_minute: int | None, deadline: float) -> Queueing:
    """A fresh server for `count` phones, and `count` phones from one address against it."""
    with server_process(count, joins_per_minute) as (_, join_url, _):
        base, room = join_url.rsplit("/", 1)
        seen, _ = asyncio.run(join_from_one_address(f"{base}/api/{room}", count, deadline))
    return seen


def report_one_address(count: int) -> None:
    """Today's default join limit against the old one, for `count` phones on one address."""
    print(f"\n{count} phones, every one from 127.0.0.1 (--max-participants {count})")
    now = run_one_address(count, None, ONE_ADDRESS_TIMEOUT)
    old = run_one_address(count, OLD_JOINS_PER_MINUTE, BASELINE_SECONDS)
    last = max(now.joined, default=float("nan"))
    print(
        f"  default (the room's size a minute): {len(now.joined)}/{count} in, "
        f"last after {last:.2f} s, 429s answered: {now.refusals}, errors: {now.errors or 0}"
    )
    # The old limit is stopped early; its last phone's turn is what the server told it.
    old_last = max(old.last_turn, max(old.joined, default=0.0))
    print(
        f"  old limit ({OLD_JOINS_PER_MINUTE} a minute per address, stopped after "
        f"{BASELINE_SECONDS:.0f} s): {len(old.joined)}/{count} in, 429s answered: "
        f"{old.refusals}, the last phone's turn at {old_last:.0f} s, errors: {old.errors or 0}"
    )
    if last == last and last > 0:
        print(f"  time for the last phone to get in: {old_last / last:.0f}x shorter than before")


def percentiles(values: list[float]) -> tuple[float, float, float]:
    """p50, p95 and p99 in milliseconds (nan when there is nothing to measure)."""
    if len(values) < 2:
        one = values[0] * 1000 if values else float("nan")
        return one, one, one
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    return cuts[49] * 1000, cuts[94] * 1000, cuts[98] * 1000


# What the projector app with its server should reach on this machine (issue 11): answer ack p99
# by size, and the fan-out of a step change to the last of 1,000 phones at p95.
ACK_P99_TARGET_MS = {1000: 50.0, 2000: 100.0}
FANOUT_LAST_P95_TARGET_MS = 100.0


def report(
    count: int,
    title: str,
    figures: dict[str, Any],
    baseline: dict[str, Any] | None,
    against: str,
) -> None:
    results: Results = figures["results"]
    print(
        f"\n{count} phones, {title}  (answers paced at {figures['rate']:.0f}/s; "
        f"{figures['wall']:.1f} s)"
    )
    rows = [
        ("join", results.joins),
        ("answer ack", results.acks),
        ("dots ack", results.dots),
        ("fan-out, each phone", results.fanout),
        ("fan-out, last phone", results.fanout_last),
    ]
    print(f"  {'ms':<22}{'p50':>9}{'p95':>9}{'p99':>9}{'n':>7}   p99 vs {against}")
    for name, values in rows:
        p50, p95, p99 = percentiles(values)
        ratio = ""
        if baseline is not None:
            base = dict(zip([r[0] for r in rows], baseline_rows(baseline), strict=True))[name]
            ratio = f"{p99 / base:.2f}x" if base == base and base > 0 else ""
        print(f"  {name:<22}{p50:>9.1f}{p95:>9.1f}{p99:>9.1f}{len(values):>7}   {ratio}")
    errors = sum(results.errors.values())
    detail = ", ".join(f"{k}: {v}" for k, v in sorted(results.errors.items()))
    print(f"  errors: {errors}" + (f" ({detail})" if detail else ""))
    target = ACK_P99_TARGET_MS.get(count)
    if target is not None:
        p99 = percentiles(results.acks)[2]
        verdict = "met" if p99 <= target and not errors else "MISSED"
        print(f"  target: answer ack p99 <= {target:.0f} ms, 0 errors: {verdict} ({p99:.1f} ms)")
    if count == 1000:
        p95 = percentiles(results.fanout_last)[1]
        verdict = "met" if p95 <= FANOUT_LAST_P95_TARGET_MS else "MISSED"
        print(
            f"  target: fan-out to the last phone p95 <= {FANOUT_LAST_P95_TARGET_MS:.0f} ms: "
            f"{verdict} ({p95:.1f} ms)"
        )
    print(
        f"  server: CPU {figures['server_cpu'] * 100:.0f}% of one core over the run, "
        f"RSS idle {figures['idle_mb']:.0f} MB, now {figures['rss_mb']:.0f} MB, "
        f"peak {figures['peak_mb']:.0f} MB"
    )
    print(f"  client (this process): CPU {figures['client_cpu'] * 100:.0f}% of one core")
    print(f"  load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


def baseline_rows(figures: dict[str, Any]) -> list[float]:
    results: Results = figures["results"]
    lists = [results.joins, results.acks, results.dots, results.fanout, results.fanout_last]
    return [percentiles(values)[2] for values in lists]


def main() -> None:
    """Run every size and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="100,1000,2000")
    parser.add_argument("--rate", type=float, default=100.0, help="answers per second")
    parser.add_argument(
        "--server-only", action="store_true", help="skip the runs with the projector app"
    )
    parser.add_argument(
        "--one-address",
        default="",
        metavar="SIZES",
        help="also join this many phones all from one address, e.g. 300,1000",
    )
    args = parser.parse_args()
    limit = raise_file_limit()
    sizes = [int(s) for s in args.sizes.split(",") if s]
    # Each phone costs this process two sockets and the server two more.
    largest = max(1, (limit - 200) // 2)
    print(f"open-file limit {limit}: up to {largest} phones per run")
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    smallest: dict[str, Any] | None = None
    for count in sizes:
        if count > largest:
            print(f"\n{count} phones: skipped (more than the open-file limit allows)")
            continue
        # The server alone is the baseline; the real projector app (headless, the answer
        # wall visible and filling) on the same loop as the server is what a facilitator runs.
        alone = run_size(count, args.rate, projector=False)
        report(count, "server alone", alone, smallest, "the smallest size")
        smallest = smallest or alone
        if not args.server_only:
            with_app = run_size(count, args.rate, projector=True)
            report(count, "projector app + server", with_app, alone, "the server alone")
    for count in [int(s) for s in args.one_address.split(",") if s]:
        # One socket per phone here, and one in the server.
        if count > limit - 200:
            print(f"\n{count} phones on one address: skipped (over the open-file limit)")
            continue
        report_one_address(count)


if __name__ == "__main__":
    main()
