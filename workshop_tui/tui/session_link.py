"""The projector's end of the session: its own copy of the state, and the one way to the hub.

With `own_loop`, the hub (and whatever the app starts on the session: the participant server,
the console link) runs on a loop in a thread of its own (`session/own_loop.py`), so no frame
the projector paints ever sits between a phone's request and its acknowledgement. Either way
the projector draws from its own copy (`session/follow.py`), moved on only between two of its
drawings by the batches the hub has written: it never reads a state in the middle of a change,
and it shows nothing that is not on disk.
"""

from __future__ import annotations

import asyncio
import threading
from collections import deque
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any, TypeVar

from workshop_tui.domain.commands import Command
from workshop_tui.domain.state import SessionState
from workshop_tui.domain.verdict import Applied
from workshop_tui.session.follow import Copy, Written, own_copy
from workshop_tui.session.hub import Hub
from workshop_tui.session.own_loop import OwnLoop, on_loop

T = TypeVar("T")


class SessionLink:
    """The session as the projector sees it, and how the projector acts on it.

    `changed` is called on the projector's loop when written batches wait to be drawn: at most
    one call is waiting, however many batches arrive meanwhile; `catch_up` applies them.
    """

    def __init__(self, hub: Hub, changed: Callable[[], None], *, own_loop: bool = False) -> None:
        self.hub = hub
        self._changed = changed
        self._own = OwnLoop() if own_loop else None
        self._lock = threading.Lock()
        self._waiting: deque[Written] = deque()
        self._woken = False
        # The session as it stands before it starts (nothing runs on it yet), so that whatever
        # the projector draws while the hub starts has a state to read; `start` takes the copy
        # the hub hands over with its first follower.
        self._copy = Copy(own_copy(hub.state), hub.version)
        self._stop_following: Callable[[], None] | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    @property
    def own_loop(self) -> bool:
        """Whether the session runs on a loop of its own."""
        return self._own is not None

    async def start(self) -> None:
        """Start the hub (on its own loop, with `own_loop`) and follow what it writes."""
        self._loop = asyncio.get_running_loop()
        if self._own is not None:
            self._own.start()
        state, version, self._stop_following = await self.run(self._start_hub())
        self._copy = Copy(state, version)

    async def _start_hub(self) -> tuple[SessionState, int, Callable[[], None]]:
        await self.hub.start()
        return await self.hub.follow(self._written)

    async def close(self) -> None:
        """Finish the session's writes and close it; stop its loop."""
        if self._stop_following is not None:
            self._stop_following()
            self._stop_following = None
        await self.run(self.hub.close())
        if self._own is not None:
            await self._own.stop()

    # -- what the projector reads ------------------------------------------------------------

    @property
    def copy(self) -> Copy:
        """The projector's own copy."""
        return self._copy

    @property
    def state(self) -> SessionState:
        """The session as written, as far as the projector has caught up."""
        return self.copy.state

    @property
    def version(self) -> int:
        """The hub's version the copy holds."""
        return self.copy.version

    @property
    def store_error(self) -> str | None:
        """Why saving fails, while it does (as of the copy's version)."""
        return self.copy.store_error

    def behind(self) -> bool:
        """Whether the hub has told of a change the copy does not hold yet."""
        return self.hub.version > self.copy.version

    def catch_up(self) -> None:
        """Apply every batch written since the last time, in order (on the projector's loop)."""
        with self._lock:
            waiting = list(self._waiting)
            self._waiting.clear()
        for written in waiting:
            self.copy.apply(written)

    def _written(self, written: Written) -> None:
        # On the hub's loop: queue it, and wake the projector unless a wake-up is on its way.
        with self._lock:
            self._waiting.append(written)
            wake = not self._woken
            self._woken = True
        if wake and self._loop is not None and not self._loop.is_closed():
            self._loop.call_soon_threadsafe(self._wake)

    def _wake(self) -> None:
        with self._lock:
            self._woken = False
        self._changed()

    # -- how the projector acts --------------------------------------------------------------

    async def run(self, work: Coroutine[Any, Any, T]) -> T:
        """Run `work` where the session runs (its own loop, or this one) and return its result."""
        if self._own is None:
            return await work
        return await self._own.run(work)

    async def execute(self, command: Command) -> Applied:
        """Send a command to the hub; returns once it is on disk (Refused as the hub says)."""
        return await self.run(self.hub.execute(command))

    async def written(self) -> None:
        """Return once every command applied so far is written (see `Hub.written`)."""
        await self.run(self.hub.written())

    def for_projector(self, press: Callable[[str], Awaitable[T]]) -> Callable[[str], Awaitable[T]]:
        """`press` made callable from the session's loop: it runs on the projector's."""
        assert self._loop is not None, "the session link is not started"
        return on_loop(self._loop, press)

    def to_projector(self, call: Callable[..., None]) -> Callable[..., None]:
        """`call` made callable from any thread: it is called on the projector's loop soon."""
        loop = self._loop
        assert loop is not None, "the session link is not started"

        def soon(*args: Any) -> None:
            if not loop.is_closed():
                loop.call_soon_threadsafe(call, *args)

        return soon
