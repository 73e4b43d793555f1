"""The keys a facilitator must find (help, export, quit) are on the footer at projector sizes,
in a real terminal (tmux), and the help lists every key, export too."""

from __future__ import annotations

import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from tests.conftest import needs_tmux
from tests.tui.test_tmux import ROOT, SCRIPT, tmux, wait_for

pytestmark = needs_tmux


def footer(screen: str) -> str:
    """The pane's last non-empty line: the footer."""
    return [line for line in screen.splitlines() if line.strip()][-1]


def in_help(screen: str, words: str) -> bool:
    """Whether `words` show inside the help's box (a heavy border), not on the footer behind."""
    return any(words in line and "┃" in line for line in screen.splitlines())


@pytest.mark.parametrize(("width", "height"), [(120, 34), (80, 24)])
def test_footer_keeps_help_export_and_quit(tmp_path: Path, width: int, height: int) -> None:
    session = f"footer-{uuid.uuid4().hex[:8]}"
    command = (
        f"cd {ROOT} && unset COLUMNS LINES && {sys.executable} {SCRIPT} {tmp_path} 3; "
        "echo EXITED $?; sleep 30"
    )
    tmux("new-session", "-d", "-s", session, "-x", str(width), "-y", str(height), command)
    try:
        wait_for(session, lambda s: "3 joined" in s)
        # The lobby, then an answer wall with its own view keys: the footer keeps the three.
        for step_key in ("", "Right"):
            if step_key:
                tmux("send-keys", "-t", session, step_key)
                wait_for(session, lambda s: "Step 2/" in s)
            line = wait_for(session, lambda s: "Step " in s)
            last = footer(line)
            for key, words in (("?", "Help"), ("e", "Export the card"), ("q", "Quit")):
                assert f"{key} {words}" in last.replace("  ", " "), last
        # The help's box (a heavy border) shows the three without scrolling.
        tmux("send-keys", "-t", session, "?")
        wait_for(session, lambda s: all(in_help(s, words) for words in ("Help", "Export", "Quit")))
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], check=False)
