"""The session's own asyncio loop, in a thread of its own: where the hub (and its store writer),
the participant server and the console link can run apart from the projector within one
process (`workshop-tui run` puts them in a process of their own: `tui/session_process.py`).

A frame of the projector — layout, paint and the write to the terminal — holds its loop for
tens of milliseconds; on a shared loop every phone's acknowledgement waited behind it
(docs/performance.md). Here the phones' requests are answered on a loop nothing of the
projector ever runs on (the interpreter lock is still shared: docs/performance.md). The
projector reaches the hub only through `run` (its commands), and
the hub reaches the projector only through calls that are safe from another thread.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

T = TypeVar("T")

# How long closing waits for the session's thread (or process: `tui/session_process.py`) after
# the session is closed there; past it, the thread (a daemon) is left and the process killed,
# so a stuck one never keeps the terminal.
STOP_WAIT = 10.0


class OwnLoop:
    """An asyncio loop running in its own thread, from `start` until `stop`."""

    def __init__(self, name: str = "session") -> None:
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        try:
            self._loop.run_forever()
        finally:
            # Whatever is still pending (a stream cancelled by the server's stop) ends here.
            tasks = asyncio.all_tasks(self._loop)
            for task in tasks:
                task.cancel()
            if tasks:
                self._loop.run_until_complete(asyncio.gather(*tasks, return_exceptions=True))
            self._loop.close()

    def start(self) -> None:
        """Start the thread; its loop takes work from the first `run` on."""
        self._thread.start()

    @property
    def running(self) -> bool:
        """Whether the loop's thread is alive."""
        return self._thread.is_alive()

    async def run(self, work: Coroutine[Any, Any, T]) -> T:
        """Run `work` on this loop and return (or raise) what it does, awaited from another."""
        future = asyncio.run_coroutine_threadsafe(work, self._loop)
        return await asyncio.wrap_future(future)

    def call(self, function: Callable[[], None]) -> None:
        """Call `function` on this loop soon (from any thread), without waiting for it."""
        self._loop.call_soon_threadsafe(function)

    async def stop(self) -> None:
        """Stop the loop and wait for its thread (bounded: `STOP_WAIT`)."""
        if not self._thread.is_alive():
            return
        self._loop.call_soon_threadsafe(self._loop.stop)
        await asyncio.to_thread(self._thread.join, STOP_WAIT)
