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
import concurrent.futures
import threading
from collections import deque
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass
from typing import Any, TypeVar

from workshop_tui.domain.commands import Command
from workshop_tui.domain.state import SessionState
from workshop_tui.domain.verdict import Applied
from workshop_tui.participant_server import (
    KeyHandler,
    ParticipantServer,
    RemoteControl,
    ServerInfo,
)
from workshop_tui.session.follow import Copy, Written, own_copy
from workshop_tui.session.hub import Hub
from workshop_tui.session.own_loop import OwnLoop
from workshop_tui.tui.console_link import ConsoleLink
from workshop_tui.tui.console_start import start_console

T = TypeVar("T")


@dataclass(frozen=True)
class Hooks:
    """What the session tells the projector, each called on the projector's loop: `changed`
    when written batches wait to be drawn (at most one call waiting, however many batches
    arrive meanwhile; `catch_up` applies them), `press` for a key the console or the phone
    remote pressed (None once done, or a refusal code); `call` is how they all get there;
    `console_attached` as a console comes
    or goes, `warn` for a problem worth a notice, `failed` when the server could not start."""

    changed: Callable[[], None]
    # Runs a callable on the projector's loop, in the app's context, from any thread: the
    # app's `call_later` (Textual posts it as a message, which is safe from another thread).
    call: Callable[..., object]
    press: KeyHandler
    console_attached: Callable[[bool], None]
    warn: Callable[[str], None]
    failed: Callable[[str], None]


class SessionLink:
    """The session as the projector sees it, and how the projector acts on it: on the app's
    loop, or with `own_loop` on a loop in a thread of its own."""

    def __init__(self, hub: Hub, *, own_loop: bool = False) -> None:
        self.hub = hub
        self._changed: Callable[[], None] = lambda: None
        self._call: Callable[..., object] = lambda call, *args: call(*args)
        self.console: ConsoleLink | None = None
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

    async def start(self, server: ParticipantServer | None, hooks: Hooks) -> ServerInfo | None:
        """Start the hub (on its own loop, with `own_loop`) and follow what it writes; start the
        console link and `server` where the session runs. Returns where phones join (None
        without a server, or when it could not start: `hooks.failed` says why)."""
        self._loop = asyncio.get_running_loop()
        self._changed = hooks.changed
        self._call = hooks.call
        if self._own is not None:
            self._own.start()
        state, version, self._stop_following = await self._run(self._start_hub())
        self._copy = Copy(state, version)
        # The console and the phone remote are served where the session runs; what they
        # press runs on the projector's loop, where the keys are.
        press = self.for_projector(hooks.press)
        self.console = await self._run(
            start_console(
                self.hub,
                press,
                self.to_projector(hooks.console_attached),
                self.hub.language,
                self.to_projector(hooks.warn),
            )
        )
        if server is None:
            return None
        try:
            info = await self._run(server.start())
        except OSError as exc:
            hooks.failed(str(exc))
            return None
        if info.remote is not None:
            # The phone remote presses the keys the console may press, with their checks.
            info.remote.attach(press)
            if self.console is not None:
                self.console.remote = info.remote
        return info

    async def _start_hub(self) -> tuple[SessionState, int, Callable[[], None]]:
        await self.hub.start()
        return await self.hub.follow(self._written)

    async def close(self, server: ParticipantServer | None) -> None:
        """Stop `server` and the console link, finish the session's writes and close it; stop
        its loop."""
        if self._stop_following is not None:
            self._stop_following()
            self._stop_following = None
        if server is not None:
            await self._run(server.stop())
        if self.console is not None:
            await self._run(self.console.stop())
        await self._run(self.hub.close())
        if self._own is not None:
            await self._own.stop()

    @property
    def console_attached(self) -> bool:
        """Whether the facilitator's console is attached now."""
        return self.console is not None and self.console.attached

    async def revoke_remote(self, remote: RemoteControl) -> None:
        """End the phone remote's secret link, where its streams and the console are served."""
        console = self.console

        async def revoke() -> None:
            remote.revoke()
            if console is not None:
                console.refresh()

        await self._run(revoke())

    def hub_version(self) -> int:
        """The hub's version as of the last `written` (what `up_to_date` waits to see drawn)."""
        return self.hub.version

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
        """Whether written batches wait to be applied to the copy."""
        return bool(self._waiting)

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
        if wake:
            self._call(self._wake)

    def _wake(self) -> None:
        with self._lock:
            self._woken = False
        self._changed()

    # -- how the projector acts --------------------------------------------------------------

    async def _run(self, work: Coroutine[Any, Any, T]) -> T:
        """Run `work` where the session runs (its own loop, or this one) and return its result."""
        if self._own is None:
            return await work
        return await self._own.run(work)

    async def execute(self, command: Command) -> Applied:
        """Send a command to the hub; returns once it is on disk (Refused as the hub says)."""
        return await self._run(self.hub.execute(command))

    async def written(self) -> None:
        """Return once every command applied so far is written (see `Hub.written`)."""
        await self._run(self.hub.written())

    def for_projector(self, press: Callable[[str], Awaitable[T]]) -> Callable[[str], Awaitable[T]]:
        """`press` made callable from the session's loop: it runs on the projector's, in the
        app's context (a key is the projector's to run)."""
        loop = self._loop
        assert loop is not None, "the session link is not started"

        async def pressed(action: str) -> T:
            if asyncio.get_running_loop() is loop:
                return await press(action)
            done: concurrent.futures.Future[T] = concurrent.futures.Future()

            def begin() -> None:
                task = asyncio.ensure_future(press(action))
                task.add_done_callback(lambda ran: _settle(done, ran))

            self._call(begin)
            return await asyncio.wrap_future(done)

        return pressed

    def to_projector(self, call: Callable[..., None]) -> Callable[..., None]:
        """`call` made callable from any thread: it is called on the projector's loop soon."""
        post = self._call

        def soon(*args: Any) -> None:
            post(call, *args)

        return soon


def _settle(done: concurrent.futures.Future[T], ran: asyncio.Future[T]) -> None:
    """Hand what a task on one loop came to over to a future another loop awaits."""
    if ran.cancelled():
        done.cancel()
    elif (error := ran.exception()) is not None:
        done.set_exception(error)
    else:
        done.set_result(ran.result())
