"""Start-up benchmark: from the command to the lobby with the QR code drawn, in a real terminal.

Run: uv run python benchmarks/startup.py [--runs 5]

Each run starts the projector in a fresh tmux window (120×40, its own tmux server) and polls
`tmux capture-pane -p` every 10 ms until the QR code's half-block rows are on the screen; the time
counts from just before tmux is asked to run the command. Three ways to start it are measured:
`uv run workshop-tui` (what the README shows; includes uv's own check of the environment), the
installed `workshop-tui` script, and `python -m workshop_tui`. Sessions go to a temporary folder;
the server listens on 127.0.0.1. Every wait is bounded. Prints figures; asserts nothing.

Python normally caches compiled byte-code after the first start. An environment with
PYTHONDONTWRITEBYTECODE=1 (such as this project's build machine) recompiles every module of
Textual, aiohttp and pydantic at every start, so each command is measured both ways: with a
byte-code cache (kept under a temporary PYTHONPYCACHEPREFIX, so nothing is written into the
project or the virtual environment; one unmeasured run fills it) and without one.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOCKET = f"workshop-tui-startup-{os.getpid()}"
TIMEOUT = 30.0
POLL = 0.01
# The QR code is 19 rows of half blocks (version 3 with its quiet zone); some rows of a code
# hold no upper half block, so ten rows with one are taken as the code being drawn.
QR_ROWS = 10


def tmux(*args: str) -> str:
    return subprocess.run(
        ["tmux", "-L", SOCKET, *args], check=True, capture_output=True, text=True
    ).stdout


def qr_drawn(screen: str) -> bool:
    return sum("▀" in line for line in screen.splitlines()) >= QR_ROWS


def one_run(command: list[str], folder: Path, cache: Path | None) -> float | None:
    """Seconds until the QR code is on screen, or None if it never came."""
    if cache is None:
        env = ["env", "PYTHONDONTWRITEBYTECODE=1"]
    else:
        env = ["env", "-u", "PYTHONDONTWRITEBYTECODE", f"PYTHONPYCACHEPREFIX={cache}"]
    options = ["--lang", "en", "--host", "127.0.0.1", "--sessions-dir", str(folder)]
    argv = [*env, *command, *options]
    began = time.perf_counter()
    tmux("new-session", "-d", "-s", "bench", "-x", "120", "-y", "40", "-c", str(ROOT), *argv)
    try:
        while time.perf_counter() - began < TIMEOUT:
            if qr_drawn(tmux("capture-pane", "-p", "-t", "bench")):
                return time.perf_counter() - began
            time.sleep(POLL)
        return None
    finally:
        tmux("kill-session", "-t", "bench")
        # The app saves and releases its session on SIGHUP; let it finish before the next run.
        time.sleep(0.5)


def measure(command: list[str], cache: Path | None, runs: int) -> list[float]:
    """The start-up times of `runs` runs, after one unmeasured run (page cache, byte-code)."""
    times = []
    with tempfile.TemporaryDirectory() as folder:
        one_run(command, Path(folder), cache)
        for _ in range(runs):
            took = one_run(command, Path(folder), cache)
            if took is not None:
                times.append(took)
    return times


def main() -> None:
    """Time each way of starting the projector and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if shutil.which("tmux") is None:
        print("tmux is not installed; nothing measured")
        return
    venv = Path(sys.executable).parent
    commands = {
        "uv run workshop-tui": ["uv", "run", "workshop-tui"],
        "workshop-tui (installed script)": [str(venv / "workshop-tui")],
        "python -m workshop_tui": [sys.executable, "-m", "workshop_tui"],
    }
    print(f"command to lobby with the QR code drawn (tmux 120×40), {args.runs} runs each")
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"  {'command':<34}{'byte-code':<11}{'min':>7}{'median':>8}{'max':>7}  (s)")
    try:
        with tempfile.TemporaryDirectory() as cache:
            for name, command in commands.items():
                for cached in (True, False):
                    times = measure(command, Path(cache) if cached else None, args.runs)
                    label = f"  {name:<34}{'cached' if cached else 'compiled':<11}"
                    failed = args.runs - len(times)
                    if not times:
                        print(f"{label}no QR code within {TIMEOUT:.0f} s")
                        continue
                    figures = f"{min(times):>7.2f}{statistics.median(times):>8.2f}"
                    figures += f"{max(times):>7.2f}"
                    print(label + figures + (f"  ({failed} timed out)" if failed else ""))
    finally:
        subprocess.run(["tmux", "-L", SOCKET, "kill-server"], capture_output=True)


if __name__ == "__main__":
    main()
