"""The console in a real terminal beside the projector: two tmux sessions, one phone over HTTP.

The projector runs the real CLI (`workshop-tui run`) with its participant server on a free
loopback port; the console is `workshop-tui console` in a second terminal. The console's keys
move the projector; the notes and a held answer's text are on the console only.
"""

from __future__ import annotations

import http.cookiejar
import json
import subprocess
import sys
import urllib.request
import uuid
from pathlib import Path

import pytest

from tests.conftest import needs_tmux
from tests.tui.test_tmux import tmux, wait_for
from tests.tui.test_wifi_qr import _free_port
from workshop_tui.cli import main

pytestmark = needs_tmux

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "data" / "mini.toml"
NOTES = "Let people write for three minutes."
HELD = "this service is shit"


def _phone_answers(port: int, room: str, text: str) -> dict[str, object]:
    """One phone joins over HTTP and answers the open question with `text`."""
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
    )

    def post(path: str, body: dict[str, object]) -> dict[str, object]:
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/api/{room}/{path}",
            data=json.dumps(body).encode(),
            headers={"Content-Type": "application/json"},
            method="POST",
        )
        with opener.open(request, timeout=10) as response:
            reply: dict[str, object] = json.loads(response.read())
            return reply

    post("join", {})
    payload = {"answers": [{"text": text, "column": 0}]}
    return post("answer", {"step": "ideas", "key": "k1", "payload": payload})


def test_the_console_drives_the_projector_and_keeps_the_private_things(tmp_path: Path) -> None:
    sessions = tmp_path / "sessions"
    port = _free_port("127.0.0.1")
    projector = f"projector-{uuid.uuid4().hex[:8]}"
    console = f"console-{uuid.uuid4().hex[:8]}"
    run = (
        f"{sys.executable} -m workshop_tui run {MINI} --lang en --sessions-dir {sessions} "
        f"--host 127.0.0.1 --port {port}"
    )
    attach = f"{sys.executable} -m workshop_tui console --lang en --sessions-dir {sessions}"
    tmux("new-session", "-d", "-s", projector, "-x", "160", "-y", "45",
         f"cd {ROOT} && {run}; echo EXITED $?; sleep 30")  # fmt: skip
    try:
        wait_for(projector, lambda s: "Step 1/11" in s)
        (saved,) = sessions.glob("*.json")
        room = saved.stem.rsplit("_", 1)[1]
        tmux("new-session", "-d", "-s", console, "-x", "160", "-y", "45",
             f"cd {ROOT} && {attach}; echo CLOSED $?; sleep 30")  # fmt: skip
        wait_for(console, lambda s: "Facilitator's console" in s and "Step 1/11" in s)

        # A key in the console moves the projector; the notes are the console's.
        tmux("send-keys", "-t", console, "Right")
        wait_for(projector, lambda s: "Step 2/11" in s)
        shown = wait_for(console, lambda s: "Step 2/11" in s and NOTES in s)
        assert "Next: A customer waits (choice)" in shown
        tmux("send-keys", "-t", projector, "n")
        screen = wait_for(projector, lambda s: "Step 2/11" in s)
        assert "Let people write" not in screen and "Facilitator notes" not in screen

        # A held answer: readable on the console, a placeholder on the projector.
        reply = _phone_answers(port, room, HELD)
        assert reply["held"] == [0]
        wait_for(console, lambda s: HELD in s and "Held by the word filter: 1" in s)
        screen = wait_for(projector, lambda s: "(held for review)" in s)
        assert "shit" not in screen and "Let people write" not in screen
        assert "Release held" not in screen  # the projector's `u` is the console's now
        tmux("send-keys", "-t", console, "u")
        wait_for(projector, lambda s: HELD in s)
        wait_for(console, lambda s: "Nothing is held." in s)

        # The console closes; the projector shows the notes on request again.
        tmux("send-keys", "-t", console, "q")
        assert "CLOSED 0" in wait_for(console, lambda s: "CLOSED" in s)
        tmux("send-keys", "-t", projector, "n")
        wait_for(projector, lambda s: "Let people write" in s)

        tmux("send-keys", "-t", projector, "q")
        wait_for(projector, lambda s: "Quit the workshop?" in s)
        tmux("send-keys", "-t", projector, "y")
        assert "EXITED 0" in wait_for(projector, lambda s: "EXITED" in s)
    finally:
        subprocess.run(["tmux", "kill-session", "-t", console], check=False)
        subprocess.run(["tmux", "kill-session", "-t", projector], check=False)
    assert not list(sessions.glob("*.console"))


def test_a_console_without_a_projector_is_refused_clearly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    session = tmp_path / "2026-01-01_1000_mini_ABCD.json"
    assert main(["console", str(session), "--lang", "en"]) == 1
    said = capsys.readouterr().err
    assert f"no workshop is running for {session}; start it with workshop-tui run" in said
    assert main(["console", "--sessions-dir", str(tmp_path), "--lang", "en"]) == 1
    assert "no workshop is running in" in capsys.readouterr().err
