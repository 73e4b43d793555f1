"""The session's own asyncio loop, in a thread of its own: where the hub (and its store writer),
the participant server and the console link run when the projector paints a real terminal.

A frame of the projector — layout, paint and the write to the terminal — holds its loop for
tens of milliseconds; on a shared loop every phone's acknowledgement waited behind it
(docs/performance.md). Here the phones' requests are answered on a loop nothing of the
projector ever runs on. The projector reaches the hub only through `run` (its commands), and
the hub reaches the projector only through calls that are safe from another thread.
"""

from __future__ import annotations

import asyncio
import sys
import threading
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

T = TypeVar("T")

# How long a thread that holds the interpreter lock keeps it while the other waits. Python's
# default (5 ms) is paid at each hand-over, several times per request while the projector
# paints; 1 ms lets the session's loop in sooner, at a cost the paint does not notice.
SWITCH_INTERVAL = 0.001

# How long closing waits for the loop's thread after the session is closed on it; the thread
# is a daemon, so a stuck one never keeps the terminal.
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
        sys.setswitchinterval(min(sys.getswitchinterval(), SWITCH_INTERVAL))
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
