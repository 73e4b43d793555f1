"""The projector in a real terminal: tmux at 160×45, keys sent, the screen read back.

The QR code is rebuilt from tmux's own copy of the screen (characters and colours) and decoded,
so this checks what a terminal actually shows, not what Textual meant to draw.
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import zxingcpp
from PIL import Image

from tests.conftest import needs_tmux
from workshop_tui.session.hub import Hub

pytestmark = needs_tmux

SCRIPT = Path(__file__).with_name("run_projector.py")
ROOT = Path(__file__).resolve().parents[2]
_SGR = re.compile(r"\x1b\[([0-9;]*)m")
LIGHT = {"231", "15", "7", "255"}


def tmux(*args: str) -> str:
    return subprocess.run(["tmux", *args], check=True, capture_output=True, text=True).stdout


def wait_for(session: str, condition: Callable[[str], bool], timeout: float = 30.0) -> str:
    deadline = time.monotonic() + timeout
    screen = ""
    while time.monotonic() < deadline:
        screen = tmux("capture-pane", "-p", "-t", session)
        if condition(screen):
            return screen
        time.sleep(0.2)
    raise AssertionError(f"timed out; the screen shows:\n{screen}")


def light_cells(line: str) -> list[tuple[bool, bool]]:
    """Per cell of one captured line: whether its top and bottom halves are light."""
    cells: list[tuple[bool, bool]] = []
    fg = bg = ""
    pos = 0
    for match in _SGR.finditer(line + "\x1b[m"):
        for ch in line[pos : match.start()]:
            top = fg if ch == "▀" else bg
            cells.append((top in LIGHT, bg in LIGHT))
        pos = match.end()
        codes = match.group(1).split(";") if match.group(1) else ["0"]
        i = 0
        while i < len(codes):
            code = codes[i]
            if code in ("38", "48") and i + 2 < len(codes) and codes[i + 1] == "5":
                if code == "38":
                    fg = codes[i + 2]
                else:
                    bg = codes[i + 2]
                i += 3
                continue
            if code == "0":
                fg = bg = ""
            elif code == "39":
                fg = ""
            elif code == "49":
                bg = ""
            i += 1
    return cells


def decode_pane(session: str) -> list[str]:
    """Rebuild the pane as a black-and-white bitmap (two pixels per cell) and read it."""
    lines = tmux("capture-pane", "-p", "-e", "-t", session).split("\n")
    rows = [light_cells(line) for line in lines]
    width = max(len(r) for r in rows)
    scale = 4
    image = Image.new("L", (width * scale, len(rows) * 2 * scale), 0)
    for y, row in enumerate(rows):
        for x, (top, bottom) in enumerate(row):
            for half, light in ((0, top), (1, bottom)):
                if light:
                    box = (
                        x * scale,
                        (2 * y + half) * scale,
                        (x + 1) * scale,
                        (2 * y + half + 1) * scale,
                    )
                    image.paste(255, box)
    return [result.text for result in zxingcpp.read_barcodes(image)]


def assert_closed_cleanly(sessions: Path, participants: int) -> None:
    """The hub was closed: the journal was checkpointed and the session resumes whole."""
    (saved,) = sessions.glob("*.json")
    assert saved.with_name(saved.name + ".wal").stat().st_size == 0
    hub = Hub.resume(saved)
    assert len(hub.state.participants) == participants
    hub.store.close()


def test_projector_in_tmux(tmp_path: Path) -> None:
    session = f"projector-{uuid.uuid4().hex[:8]}"
    sessions = tmp_path / "sessions"
    # The pane's own size, not COLUMNS/LINES a tmux server may have inherited from whoever
    # started it (Python's terminal size reads those first).
    command = (
        f"cd {ROOT} && unset COLUMNS LINES && {sys.executable} {SCRIPT} {sessions} 6; "
        "echo EXITED $?; sleep 30"
    )
    tmux("new-session", "-d", "-s", session, "-x", "160", "-y", "45", command)
    try:
        lobby = wait_for(session, lambda s: "6 joined" in s)
        room = re.search(r"192\.168\.1\.20:8765/([A-Z]{4})", lobby)
        assert room is not None
        assert decode_pane(session) == [f"http://192.168.1.20:8765/{room.group(1)}"]

        tmux("send-keys", "-t", session, "Right")
        wall = wait_for(session, lambda s: "6/6 answered" in s)
        assert "What is good service?" in wall and "every day" in wall

        # A clicker's "black screen": only the room code, until a step key brings the step back.
        tmux("send-keys", "-t", session, ".")
        blank = wait_for(session, lambda s: "Step 2/11" not in s)
        assert "What is good service?" not in blank and not blank.strip(" \n▀▄")
        tmux("send-keys", "-t", session, "PageDown")
        wait_for(session, lambda s: "Step 2/11" in s and "What is good service?" in s)

        tmux("send-keys", "-t", session, "f")
        wait_for(session, lambda s: "Step 2/11" not in s)
        assert decode_pane(session) == [f"http://192.168.1.20:8765/{room.group(1)}"]
        # One key per send: an escape followed at once by a key reads as Alt+key.
        tmux("send-keys", "-t", session, "Escape")
        wait_for(session, lambda s: "Step 2/11" in s)
        tmux("send-keys", "-t", session, "?")
        wait_for(session, lambda s: "Keys" in s and "Hide answer" in s)
        tmux("send-keys", "-t", session, "Escape")
        wait_for(session, lambda s: "Step 2/11" in s)
        tmux("send-keys", "-t", session, "q")
        wait_for(session, lambda s: "Quit the workshop?" in s)
        tmux("send-keys", "-t", session, "y")
        done = wait_for(session, lambda s: "EXITED" in s)
        assert "EXITED 0" in done
        assert "Traceback" not in done
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], check=False)
    assert_closed_cleanly(sessions, participants=6)


def test_sigterm_shuts_down_cleanly(tmp_path: Path) -> None:
    session = f"projector-{uuid.uuid4().hex[:8]}"
    sessions = tmp_path / "sessions"
    run = f"{sys.executable} {SCRIPT} {sessions} 2"
    pid_file = tmp_path / "pid"
    command = f"cd {ROOT}; {run} & echo $! > {pid_file}; wait $!; echo EXITED $?; sleep 30"
    tmux("new-session", "-d", "-s", session, "-x", "120", "-y", "40", command)
    try:
        wait_for(session, lambda s: "2 joined" in s)
        subprocess.run(["kill", "-TERM", pid_file.read_text().strip()], check=True)
        done = wait_for(session, lambda s: "EXITED" in s)
        assert "EXITED 0" in done
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], check=False)
    assert_closed_cleanly(sessions, participants=2)
