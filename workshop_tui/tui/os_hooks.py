"""What the projector installs in the process while it runs, and removes on the way out.

A log handler (Python's last-resort handler writes warnings to stderr, which would tear the
screen) and handlers for SIGTERM/SIGHUP (Textual does not shut down on them by itself).
"""

from __future__ import annotations

import asyncio
import logging
import signal
import threading
from collections.abc import Callable

from textual.logging import TextualHandler


class OsHooks:
    """The log handler and signal handlers the projector installed."""

    def __init__(self) -> None:
        self._log_handler: logging.Handler | None = None
        self._signals: list[signal.Signals] = []

    def install(self, stop: Callable[[], None]) -> None:
        """Route logging to Textual and call `stop` on SIGTERM/SIGHUP (on the running loop)."""
        root = logging.getLogger()
        if not root.handlers:
            self._log_handler = TextualHandler()
            root.addHandler(self._log_handler)
        # Signal handlers can only be installed from the main thread (tests may run the app
        # elsewhere).
        loop = asyncio.get_running_loop()
        if threading.current_thread() is not threading.main_thread():
            return
        for sig in (signal.SIGTERM, signal.SIGHUP):
            try:
                loop.add_signal_handler(sig, stop)
            except (NotImplementedError, RuntimeError, ValueError):
                # A platform or loop without signal handlers: `q` still closes cleanly.
                continue
            self._signals.append(sig)

    def remove_signals(self) -> None:
        """Remove the signal handlers (first on the way out: a second signal must not re-enter)."""
        loop = asyncio.get_running_loop()
        for sig in self._signals:
            loop.remove_signal_handler(sig)

    def remove_logging(self) -> None:
        """Remove the log handler (last on the way out: closing the session may still log)."""
        if self._log_handler is not None:
            logging.getLogger().removeHandler(self._log_handler)
