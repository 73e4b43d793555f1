"""The real app killed with SIGKILL again and again: nothing a phone was told "received" is lost.

The app runs as `python -m workshop_tui run` in tmux (a real terminal), with simulated phones
talking HTTP to it. Each round resumes the session with `--resume`, lets the phones answer in a
burst, and kills the app at a random moment: mostly while answers are in flight (so during the
journal's writes and fsyncs), sometimes right after start-up (while the journal is being
repaired) or while idle. After every kill the files must read and replay, every acknowledged
answer must be in them, and the phones' cookies must still be the same participants.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from tests.conftest import needs_tmux
from workshop_tui.domain.state import SessionState
from workshop_tui.session.rebuild import replay
from workshop_tui.session.store import read_session

pytestmark = needs_tmux

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "data" / "mini.toml"
KILLS = 30
PHONES = 6
STEP = "ideas"
PYCACHE = Path(tempfile.gettempdir()) / "workshop-tui-crash-test-pycache"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def tmux(*args: str) -> str:
    return subprocess.run(["tmux", *args], check=True, capture_output=True, text=True).stdout


@dataclass
class App:
    """One run of the real app in its own tmux session."""

    session: str
    pid: int

    @classmethod
    def start(cls, args: list[str]) -> App:
        session = f"crash-{uuid.uuid4().hex[:8]}"
        # Byte-code cached outside the project for these thirty restarts: this test is about
        # what survives a kill, and recompiling every module at each start only slows it down.
        env = ["env", "-u", "PYTHONDONTWRITEBYTECODE", f"PYTHONPYCACHEPREFIX={PYCACHE}"]
        command = " ".join(
            [f"cd {ROOT} &&", "exec", *env, sys.executable, "-m", "workshop_tui", *args]
        )
        tmux("new-session", "-d", "-s", session, "-x", "120", "-y", "40", command)
        pid = int(tmux("display-message", "-p", "-t", session, "#{pane_pid}").strip())
        return cls(session, pid)

    def screen(self) -> str:
        with contextlib.suppress(subprocess.CalledProcessError):
            return tmux("capture-pane", "-p", "-t", self.session)
        return "(the app has exited)"

    def key(self, key: str) -> None:
        tmux("send-keys", "-t", self.session, key)

    def kill(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGKILL)

    def wait_dead(self) -> None:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                os.kill(self.pid, 0)
            except ProcessLookupError:
                break
            # The pane's process is reaped by tmux; once reaped, the pid is gone.
            time.sleep(0.02)
        subprocess.run(
            ["tmux", "kill-session", "-t", self.session], check=False, capture_output=True
        )


@dataclass
class Phone:
    """A simulated phone: its own cookie jar, and what the server acknowledged to it."""

    index: int
    http: aiohttp.ClientSession
    participant_id: str = ""
    sent: int = 0
    # The keys (and the order they were sent in) of every answer acknowledged with 200.
    acknowledged: dict[str, int] = field(default_factory=dict)


@dataclass
class Tally:
    kills: int = 0
    acknowledged: int = 0
    found: int = 0


async def wait_ready(app: App, base: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    async with aiohttp.ClientSession() as http:
        while time.monotonic() < deadline:
            with contextlib.suppress(aiohttp.ClientError, OSError):
                # A page that names no room, so probing costs no room-code guess.
                async with http.get(f"{base}/") as response:
                    if response.status == 200:
                        return
            await asyncio.sleep(0.05)
    raise AssertionError(f"the app did not start; the screen shows:\n{app.screen()}")


async def me(phone: Phone, base: str, room: str) -> dict[str, Any]:
    async with phone.http.get(f"{base}/api/{room}/me") as response:
        assert response.status == 200, await response.text()
        data: dict[str, Any] = await response.json()
        return data


async def current_step(phone: Phone, base: str, room: str) -> str | None:
    step = (await me(phone, base, room))["view"]["step"]
    return None if step is None else str(step["id"])


async def answer_burst(phone: Phone, base: str, room: str, round_: int) -> None:
    """Answer again and again until the app dies; pace with the per-phone limit."""
    while True:
        phone.sent += 1
        number = phone.sent
        key = f"r{round_}-p{phone.index}-n{number}"
        body = {"step": STEP, "key": key, "payload": {"answers": [{"text": key, "column": 0}]}}
        try:
            async with phone.http.post(f"{base}/api/{room}/answer", json=body) as response:
                await response.read()
                if response.status == 200:
                    phone.acknowledged[key] = number
                elif response.status == 429:
                    await asyncio.sleep(0.25)
                else:
                    raise AssertionError(f"{response.status}: {await response.text()}")
        except (TimeoutError, aiohttp.ClientError, OSError):
            return


def check_saved(path: Path, phones: list[Phone], tally: Tally) -> SessionState:
    """The files read and replay, and every acknowledged answer is in them."""
    meta, commands = read_session(path)
    state = replay(meta, commands)
    step = state.steps[STEP]
    found = 0
    for phone in phones:
        assert phone.participant_id in state.participants
        keys = step.keys.get(phone.participant_id, set())
        missing = set(phone.acknowledged) - keys
        assert not missing, f"acknowledged but lost: {sorted(missing)}"
        found += len(phone.acknowledged)
        if phone.acknowledged:
            # The stored answer is the last acknowledged one or one sent after it.
            stored = step.current_answers[phone.participant_id]["answers"][0]["text"]
            stored_number = int(stored.rsplit("n", 1)[1])
            assert stored_number >= max(phone.acknowledged.values())
    tally.found = found
    return state


async def crash_many_times(tmp_path: Path) -> Tally:
    rng = random.Random(7)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    sessions = tmp_path / "sessions"
    common = ["--sessions-dir", str(sessions), "--host", "127.0.0.1", "--port", str(port)]
    tally = Tally()
    timeout = aiohttp.ClientTimeout(total=10)
    jars = [aiohttp.CookieJar(unsafe=True) for _ in range(PHONES)]
    phones = [
        Phone(i, aiohttp.ClientSession(cookie_jar=jar, timeout=timeout))
        for i, jar in enumerate(jars)
    ]
    try:
        app = App.start(["run", str(MINI), *common])
        await wait_ready(app, base)
        (path,) = sessions.glob("*.json")
        room = path.stem.rsplit("_", 1)[1]
        for phone in phones:
            async with phone.http.post(f"{base}/api/{room}/join", json={}) as response:
                assert response.status == 201
                phone.participant_id = (await response.json())["view"]["me"]["id"]
        # The facilitator steps forward to the first prompt, one key at a time.
        deadline = time.monotonic() + 20
        shown = await current_step(phones[0], base, room)
        while shown != STEP:
            app.key("Right")
            before = shown
            while shown == before:
                assert time.monotonic() < deadline, app.screen()
                await asyncio.sleep(0.05)
                shown = await current_step(phones[0], base, room)

        for round_ in range(KILLS):
            moment = round_ % 8
            if moment == 0:
                # Right after start-up: resume has just repaired the journal.
                await asyncio.sleep(rng.uniform(0.0, 0.05))
            elif moment == 1:
                await asyncio.sleep(rng.uniform(0.05, 0.3))
            else:
                bursts = [asyncio.create_task(answer_burst(p, base, room, round_)) for p in phones]
                await asyncio.sleep(rng.uniform(0.02, 0.6))
            app.kill()
            tally.kills += 1
            if moment > 1:
                await asyncio.gather(*bursts)
            await asyncio.to_thread(app.wait_dead)
            check_saved(path, phones, tally)

            app = App.start(["run", "--resume", str(path), *common])
            await wait_ready(app, base)
            for phone in phones:
                view = (await me(phone, base, room))["view"]
                # The same cookie is the same participant, on the same step.
                assert view["me"]["id"] == phone.participant_id
                assert view["step"]["id"] == STEP
        app.kill()
        await asyncio.to_thread(app.wait_dead)
        check_saved(path, phones, tally)
        tally.acknowledged = sum(len(p.acknowledged) for p in phones)
    finally:
        with contextlib.suppress(Exception):
            app.kill()
            app.wait_dead()
        for phone in phones:
            await phone.http.close()
    return tally


@pytest.mark.slow
def test_sigkill_at_any_moment_loses_no_acknowledged_answer(tmp_path: Path) -> None:
    tally = asyncio.run(crash_many_times(tmp_path))
    print(
        f"\ncrash test: {tally.kills} SIGKILLs, {tally.acknowledged} answers acknowledged, "
        f"{tally.found} found after resume"
    )
    assert tally.kills >= 30
    assert tally.acknowledged > 100
    assert tally.found == tally.acknowledged
