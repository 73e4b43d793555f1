"""When the projector redraws: pushed, coalesced and paced.

Each change the hub has written asks for a redraw (`HubChanged`), as does anything else the
projector shows beside the session (`ProjectorChanged`: phones turned away, a console coming or
going, a notice's minute running out). At most one of each kind waits in the app's queue, and
no more than one redraw is drawn a `FRAME`: a flood of answers costs five redraws a second, not
one per answer. A facilitator's own key is drawn at once, without the pacing.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

from textual.app import App
from textual.message import Message

# The shortest time between two redraws the hub asks for. Five a second keeps the answer wall
# live to the eye; a redraw of a full wall costs 20-30 ms of the projector's loop (and, shared
# with the phones before the session had a loop of its own, ack p99 at 1,000 phones was 140 ms
# with a redraw per change, 79 ms at ten a second, 66 ms at five: benchmarks/load.py).
FRAME = 0.2


class HubChanged(Message):
    """The hub wrote a change: redraw from the newest state (unless that is drawn already)."""


class ProjectorChanged(Message):
    """Something the projector shows beside the session changed: redraw."""


class Redraws:
    """The app's redraw requests and what it has drawn, for whoever waits on the screen."""

    def __init__(self, app: App[None]) -> None:
        self._app = app
        # The kinds of request waiting in the queue (at most one of each).
        self._posted: set[type[Message]] = set()
        self._last = 0.0
        # The hub version last drawn, and a signal for whoever waits for the screen.
        self.drawn_version = -1
        self._drawn = asyncio.Event()

    def ask(self, kind: type[Message]) -> None:
        """Ask for a redraw of `kind`: posted now, or when the frame since the last is over."""
        if kind in self._posted:
            return
        self._posted.add(kind)
        wait = self._last + FRAME - time.monotonic()
        if wait > 0:
            self._app.set_timer(wait, lambda: self._app.post_message(kind()))
        else:
            self._app.post_message(kind())

    def taken(self, kind: type[Message]) -> None:
        """A request of `kind` is being handled: the next change may post another."""
        self._posted.discard(kind)

    def drawing(self) -> None:
        """A redraw starts now (the next paced one waits a frame from here)."""
        self._last = time.monotonic()

    def drawn(self, version: int) -> None:
        """The hub's `version` is on the screen."""
        self.drawn_version = version
        self._drawn.set()

    async def until_drawn(self, version: Callable[[], int]) -> None:
        """Return once the version `version()` says is drawn."""
        while self.drawn_version < version():
            self._drawn.clear()
            await self._drawn.wait()
