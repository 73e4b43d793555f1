"""Resuming on the address the phones hold (issue 24, "The clock, honestly").

The real `workshop-tui run` in tmux is stopped with its own keys; the command it prints is read
back from the terminal, split as a shell would split it, and run again. A session keeps where it
was served in its header, so `--resume FILE` alone comes up there; a port someone else took is
refused with the command that goes on elsewhere.
"""

from __future__ import annotations

import argparse
import shlex
import socket
import subprocess
import sys
import urllib.request
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.conftest import needs_tmux
from tests.tui.test_tmux import tmux, wait_for
from tests.tui.test_wifi_qr import _free_port
from workshop_tui import decks
from workshop_tui.cli import _resume_command
from workshop_tui.session.address import Address
from workshop_tui.session.hub import Hub
from workshop_tui.session.store import read_session

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "data" / "mini.toml"
HOST = "127.0.0.1"
CLI = f"{shlex.quote(sys.executable)} -m workshop_tui"


@contextmanager
def _projector(command: str) -> Iterator[str]:
    """`command` (shell words, `workshop-tui` spelled as this Python's module) in a tmux
    session of its own; yields the session's name and kills it afterwards."""
    name = f"resume-{uuid.uuid4().hex[:8]}"
    tmux("new-session", "-d", "-s", name, "-x", "160", "-y", "45",
         f"cd {ROOT} && {command}; echo EXITED $?; sleep 30")  # fmt: skip
    try:
        yield name
    finally:
        subprocess.run(["tmux", "kill-session", "-t", name], check=False)


def _stop(session: str) -> list[str]:
    """Quit the projector as a facilitator does and return the resume command it printed,
    split as a shell splits it (read with wrapped lines joined: the paths are long)."""
    tmux("send-keys", "-t", session, "q")
    wait_for(session, lambda s: "Quit the workshop?" in s)
    tmux("send-keys", "-t", session, "y")
    wait_for(session, lambda s: "EXITED" in s)
    screen = tmux("capture-pane", "-p", "-J", "-t", session)
    assert "EXITED 0" in screen
    (line,) = [line for line in screen.splitlines() if line.startswith("Continue it with: ")]
    return shlex.split(line.removeprefix("Continue it with: "))


def _shell(words: list[str]) -> str:
    """The printed command as the facilitator pastes it, with this Python's workshop-tui."""
    assert words[0] == "workshop-tui"
    return f"{CLI} {shlex.join(words[1:])}"


def _joins(port: int, room: str) -> None:
    """A phone opens the join link on `port` (the server is really there)."""
    with urllib.request.urlopen(f"http://{HOST}:{port}/{room}", timeout=10) as response:
        assert response.status == 200


@needs_tmux
def test_a_stopped_run_prints_a_command_that_resumes_where_the_phones_are(
    tmp_path: Path,
) -> None:
    sessions = tmp_path / "my sessions"  # a space: the command must quote it
    port = _free_port(HOST)
    run = (
        f"{CLI} run {MINI} --lang en --sessions-dir {shlex.quote(str(sessions))} "
        f"--host {HOST} --port {port}"
    )
    with _projector(run) as first:
        wait_for(first, lambda s: "Step 1/11" in s)
        (saved,) = sessions.glob("*.json")
        room = saved.stem.rsplit("_", 1)[1]
        printed = _stop(first)
    assert printed == [
        "workshop-tui", "run", "--resume", str(saved),
        "--host", HOST, "--port", str(port), "--sessions-dir", str(sessions),
    ]  # fmt: skip

    # `--resume FILE` alone comes up on the address the phones' links hold.
    with _projector(f"{CLI} run --resume {shlex.quote(str(saved))}") as second:
        wait_for(second, lambda s: f"{HOST}:{port}/{room}" in s)
        _joins(port, room)
        assert _stop(second) == printed

    # The printed command, pasted into a shell as it is; a --port given wins over the stored one.
    moved = _free_port(HOST)
    with _projector(f"{_shell(printed)} --port {moved}") as third:
        wait_for(third, lambda s: f"{HOST}:{moved}/{room}" in s)
        _joins(moved, room)
        assert _stop(third) == [*printed[:7], str(moved), *printed[8:]]
    meta, _ = read_session(saved)
    assert Address.from_meta(meta) == Address(HOST, moved)


@pytest.fixture
def swedish_session(tmp_path: Path) -> Iterator[tuple[Path, socket.socket]]:
    """A Swedish session last served on a loopback port that another program now listens on."""
    workshop, cards = decks.load_workshop(decks.bundled_dir() / "stjarnklass-sv.toml")
    hub = Hub.create(workshop, cards, tmp_path / "sessions")
    with socket.socket() as other:
        other.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        other.bind((HOST, 0))
        other.listen()
        hub.remember_address(Address(HOST, other.getsockname()[1]))
        hub.store.close()
        yield hub.path, other


def test_a_resume_whose_port_is_taken_says_so_and_how_to_go_on(
    swedish_session: tuple[Path, socket.socket],
) -> None:
    saved, other = swedish_session
    port = other.getsockname()[1]
    before = saved.read_bytes()
    # Refused before the projector takes the terminal, so no terminal is needed.
    done = subprocess.run(
        [sys.executable, "-m", "workshop_tui", "run", "--resume", str(saved), "--lang", "en"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )
    assert done.returncode == 1, done.stderr
    said, command = done.stderr.strip().rsplit("\n", 1)
    # In the session's language (Swedish), whatever --lang says for the command line.
    assert said.startswith(f"Port {port}, dit telefonernas länkar pekar, används av ett annat")
    words = shlex.split(command)
    free = int(words[words.index("--port") + 1])
    assert free != port and f"fortsätt på port {free}" in said
    assert words[:4] == ["workshop-tui", "run", "--resume", str(saved)]
    # Nothing was started, so the header still names the phones' port.
    assert saved.read_bytes() == before


def test_a_demo_resumes_as_a_demo_with_as_many_phones(tmp_path: Path) -> None:
    saved = tmp_path / "it's here" / "2026-01-01_1000_mini_ABCD.json"
    args = argparse.Namespace(command="demo", phones=5)
    words = shlex.split(_resume_command(args, saved, Address(None, 8800, "https://x.test/w")))
    assert words == [
        "workshop-tui", "demo", "--resume", str(saved), "--port", "8800",
        "--public-url", "https://x.test/w", "--sessions-dir", str(saved.parent), "--phones", "5",
    ]  # fmt: skip


@pytest.mark.parametrize(
    "meta",
    [
        {},
        {"address": None},
        {"address": {"host": HOST, "port": "8765"}},
        {"address": {"host": HOST, "port": True}},
        {"address": {"host": HOST, "port": 70000}},
        {"address": {"host": 7, "port": 8765}},
        {"address": {"host": None, "port": 8765, "public_url": ["x"]}},
    ],
)
def test_a_header_without_a_readable_address_resumes_as_before(meta: dict[str, object]) -> None:
    assert Address.from_meta(meta) is None


def test_an_address_is_kept_as_the_header_reads_it(tmp_path: Path) -> None:
    hub = Hub.create(*decks.load_workshop(MINI), tmp_path)
    assert hub.address is None  # what sessions saved before this change hold
    kept = Address(None, 8766, "https://x.test")
    hub.remember_address(kept)
    hub.store.close()
    resumed = Hub.resume(hub.path)
    assert resumed.address == kept
    resumed.store.close()
