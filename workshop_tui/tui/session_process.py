"""The session in a process of its own: what `workshop-tui run` does.

A thread of its own was not enough (docs/performance.md): the projector's paint and the phones'
acknowledgements are both Python, and one interpreter lock made them take turns. So the hub,
its store writer, the participant server and the console link run in a child process, forked
before the projector takes the terminal (so it inherits the hub, the server's bound socket and
the remote's secret without any of them crossing a pipe), and the two use both cores.

What crosses the pipe is small and plain: the projector's commands one way; each written batch
(`Written`, the commands as stored), the replies, the keys the console or the phone remote
pressed, phones turned away, a console coming or going, the other. The child owns the session
file from the fork on; the parent never touches the store. The child dies with the parent
(`PR_SET_PDEATHSIG`): a killed projector loses nothing acknowledged, as before, and leaves no
server holding the port or the session's lock.
"""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import gc
import itertools
import multiprocessing
import signal
import threading
from dataclasses import fields
from multiprocessing.connection import Connection
from typing import Any

from workshop_tui.domain.commands import Command
from workshop_tui.domain.verdict import Applied, Refused
from workshop_tui.participant_server import (
    ParticipantServer,
    RemoteControl,
    ServerInfo,
    TurnedAway,
)
from workshop_tui.session.follow import Written
from workshop_tui.session.hub import Hub
from workshop_tui.session.own_loop import STOP_WAIT
from workshop_tui.tui.collector import pace_for_session
from workshop_tui.tui.console_link import ConsoleLink
from workshop_tui.tui.console_start import start_console
from workshop_tui.tui.session_link import Hooks, SessionLink

_PR_SET_PDEATHSIG = 1
# What the child sends in answer to a request (the rest are the app's to handle).
_REPLIES = frozenset({"reply", "info", "no_server", "failed"})


class SessionProcess(SessionLink):
    """The projector's end of a session running in a child process (`fork`)."""

    def __init__(
        self,
        hub: Hub,
        process: multiprocessing.process.BaseProcess,
        conn: Connection,
        remote: RemoteControl | None,
    ) -> None:
        super().__init__(hub)
        self._process = process
        self._conn = conn
        self._remote = remote
        self._ids = itertools.count()
        self._replies: dict[int, asyncio.Future[Any]] = {}
        self._hooks: Hooks | None = None
        self._turned_away = TurnedAway()
        self._info: asyncio.Future[ServerInfo | None] | None = None
        self._console_attached = False
        self._hub_version = self.copy.version
        # The console's and the remote's keys being run (kept, so none is collected midway).
        self._pressing: set[asyncio.Task[None]] = set()

    @classmethod
    def fork(
        cls, hub: Hub, server: ParticipantServer | None, remote: RemoteControl | None
    ) -> SessionProcess:
        """Fork the child that will run `hub` and `server` (call before the projector starts
        any thread: a fork copies only the thread that forks). Nothing runs until `start`."""
        parent, child = multiprocessing.Pipe()
        context = multiprocessing.get_context("fork")
        process = context.Process(
            target=_child_main, args=(child, parent, hub, server), name="workshop-session"
        )
        process.start()
        child.close()
        return cls(hub, process, parent, remote)

    # -- the pipe ------------------------------------------------------------------------------

    def _send(self, *message: Any) -> None:
        # Only the projector's loop sends (the reader thread only reads).
        self._conn.send(message)

    def _read(self) -> None:
        # A thread of the projector's process: it drains the pipe at once, so the child never
        # waits for the projector's loop to read what it sent.
        loop = self._loop
        assert loop is not None
        while True:
            try:
                message = self._conn.recv()
            except (EOFError, OSError):
                with contextlib.suppress(RuntimeError):  # the loop closed first
                    loop.call_soon_threadsafe(self._child_gone)
                return
            if message[0] == "written":
                self._written(message[1])
            elif message[0] in _REPLIES:
                # Only a future to settle: straight onto the loop, even while the app is busy
                # mounting (it waits for the server's address).
                with contextlib.suppress(RuntimeError):
                    loop.call_soon_threadsafe(self._received, message)
            else:
                # A key, a notice: the app's, run in the app's context.
                self._call(self._received, message)

    def _received(self, message: tuple[Any, ...]) -> None:
        kind = message[0]
        hooks = self._hooks
        assert hooks is not None
        if kind == "reply":
            _, number, ok, value = message
            future = self._replies.pop(number, None)
            if future is not None and not future.done():
                if ok:
                    future.set_result(value)
                else:
                    code, text, detail = value
                    future.set_exception(Refused(code, text, **detail))
        elif kind == "info" and self._info is not None:
            self._info.set_result(self._server_info(message[1]))
        elif kind == "no_server" and self._info is not None:
            self._info.set_result(None)
        elif kind == "failed" and self._info is not None:
            self._call(hooks.failed, message[1])
            self._info.set_result(None)
        elif kind == "press":
            _, number, action = message
            task = asyncio.ensure_future(self._press(number, action))
            self._pressing.add(task)
            task.add_done_callback(self._pressing.discard)
        elif kind == "console":
            self._console_attached = message[1]
            hooks.console_attached(message[1])
        elif kind == "warn":
            hooks.warn(message[1])
        elif kind == "turned_away":
            _, at, reason = message
            self._turned_away.record(reason, at)

    async def _press(self, number: int, action: str) -> None:
        assert self._hooks is not None
        self._send("pressed", number, await self._hooks.press(action))

    def _child_gone(self) -> None:
        for future in self._replies.values():
            if not future.done():
                future.set_exception(Refused("closed", "the session has ended"))
        self._replies.clear()
        if self._info is not None and not self._info.done():
            self._info.set_result(None)

    def _server_info(self, fields: dict[str, Any]) -> ServerInfo:
        # The parent's copy of the remote (the fork's) says whether it is active; revoking it
        # asks the child, which serves it.
        return ServerInfo(**fields, turned_away=self._turned_away, remote=self._remote)

    async def _request(self, *message: Any) -> Any:
        loop = asyncio.get_running_loop()
        number = next(self._ids)
        future: asyncio.Future[Any] = loop.create_future()
        self._replies[number] = future
        if not self._process.is_alive():
            self._child_gone()
        else:
            self._send(message[0], number, *message[1:])
        return await future

    # -- what the projector does ---------------------------------------------------------------

    async def start(self, server: ParticipantServer | None, hooks: Hooks) -> ServerInfo | None:
        """Let the child start the hub, the console link and the server; returns where phones
        join (None without a server, or when it could not start: `hooks.failed` says why)."""
        self._loop = asyncio.get_running_loop()
        self._changed = hooks.changed
        self._call = hooks.call
        self._hooks = hooks
        self._info = self._loop.create_future()
        threading.Thread(target=self._read, name="session-pipe", daemon=True).start()
        self._send("start")
        return await self._info

    async def close(self, server: ParticipantServer | None) -> None:
        """Ask the child to stop the server and the console, finish its writes and close the
        session; wait for it (bounded: `STOP_WAIT`, then it is killed)."""
        if self._process.is_alive():
            with contextlib.suppress(Refused):
                await self._request("stop")
        await asyncio.to_thread(self._process.join, STOP_WAIT)
        if self._process.is_alive():
            self._process.kill()
        self._conn.close()

    async def execute(self, command: Command) -> Applied:
        """Send a command to the hub in the child; returns once it is on disk."""
        applied: Applied = await self._request("execute", command)
        return applied

    async def written(self) -> None:
        """Return once every command applied so far is written, and know the hub's version."""
        self._hub_version = await self._request("written")

    @property
    def console_attached(self) -> bool:
        """Whether the facilitator's console is attached now (as the child last said)."""
        return self._console_attached

    async def revoke_remote(self, remote: RemoteControl) -> None:
        """End the phone remote's secret link in the child, and say so here too."""
        await self._request("revoke")
        remote.revoke()

    def hub_version(self) -> int:
        """The hub's version as of the last `written`."""
        return max(self._hub_version, self.copy.version)


# -- the child -----------------------------------------------------------------------------------


def _child_main(
    conn: Connection, parents_end: Connection, hub: Hub, server: ParticipantServer | None
) -> None:
    """The child process: serve the session until the projector says stop or is gone."""
    parents_end.close()
    with contextlib.suppress(OSError, AttributeError):
        # Killed with the projector: no orphan keeps the port or the session's lock.
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    # Everything the fork brought lives as long as the session (`collector.py`).
    pace_for_session()
    # The terminal's signals are the projector's to handle; the child ends when it is told.
    for number in (signal.SIGINT, signal.SIGHUP, signal.SIGTERM, signal.SIGTSTP):
        signal.signal(number, signal.SIG_IGN)
    asyncio.run(_ChildSession(conn, hub, server).serve())


class _ChildSession:
    """The hub, the console link and the participant server, served for the projector."""

    def __init__(self, conn: Connection, hub: Hub, server: ParticipantServer | None) -> None:
        self._conn = conn
        self._hub = hub
        self._server = server
        self._console: ConsoleLink | None = None
        self._remote: RemoteControl | None = None
        self._ids = itertools.count()
        self._presses: dict[int, asyncio.Future[str | None]] = {}
        self._stopped = asyncio.Event()
        self._tasks: set[asyncio.Task[None]] = set()
        self._outbox: list[tuple[Any, ...]] = []

    def _send(self, *message: Any) -> None:
        # Only the session's loop sends (the reader thread only reads); a projector gone
        # mid-send is noticed by the reader.
        with contextlib.suppress(OSError):
            self._conn.send(message)

    def _after_phones(self, *message: Any) -> None:
        # A written batch, and the reply to the command that made it, go to the projector only
        # once the phones' streams it woke have had their turn (they were woken first: see
        # `Hub._notify`; a loop runs its callbacks in the order they were scheduled). So the
        # projector's paint of a step change never competes with the phones' fan-out for the
        # machine's cores; it starts a few milliseconds later instead. Replies keep their
        # order behind the batch they wait for: a dialog reads the state its command changed.
        self._outbox.append(message)
        if len(self._outbox) == 1:
            asyncio.get_running_loop().call_soon(self._send_outbox)

    def _send_outbox(self) -> None:
        outbox, self._outbox = self._outbox, []
        for message in outbox:
            self._send(*message)

    async def serve(self) -> None:
        loop = asyncio.get_running_loop()
        started = asyncio.Event()

        def read() -> None:
            while True:
                try:
                    message = self._conn.recv()
                except (EOFError, OSError):
                    message = ("gone",)
                if loop.is_closed():
                    return
                loop.call_soon_threadsafe(self._received, message, started)
                if message[0] in ("gone", "stop"):
                    return

        threading.Thread(target=read, name="projector-pipe", daemon=True).start()
        await started.wait()
        if not self._stopped.is_set():
            await self._start()
        await self._stopped.wait()

    async def _start(self) -> None:
        hub = self._hub
        await hub.start()
        await hub.follow(self._written)
        self._console = await start_console(
            hub,
            self._press,
            lambda attached: self._send("console", attached),
            hub.language,
            lambda message: self._send("warn", message),
        )
        server = self._server
        if server is None:
            self._send("no_server")
            return
        try:
            info = await server.start()
        except OSError as exc:
            self._send("failed", str(exc))
            return
        record = info.turned_away
        record.listen(lambda: self._send("turned_away", *(record.newest() or (0.0, ""))))
        self._remote = info.remote
        if info.remote is not None:
            info.remote.attach(self._press)
            if self._console is not None:
                self._console.remote = info.remote
        # What start-up made (the server, its routes) lives as long as the session too.
        gc.freeze()
        # The plain fields; the parent has its own record of phones turned away and its copy
        # of the remote.
        kept = {field.name for field in fields(info) if field.compare}
        self._send("info", {name: getattr(info, name) for name in kept})

    def _written(self, written: Written) -> None:
        self._after_phones("written", written)

    async def _press(self, action: str) -> str | None:
        number = next(self._ids)
        future: asyncio.Future[str | None] = asyncio.get_running_loop().create_future()
        self._presses[number] = future
        self._send("press", number, action)
        return await future

    def _received(self, message: tuple[Any, ...], started: asyncio.Event) -> None:
        kind = message[0]
        if kind == "start":
            started.set()
        elif kind == "pressed":
            future = self._presses.pop(message[1], None)
            if future is not None and not future.done():
                future.set_result(message[2])
        elif kind in ("execute", "written", "revoke", "stop", "gone"):
            task = asyncio.ensure_future(self._answer(message, started))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    async def _answer(self, message: tuple[Any, ...], started: asyncio.Event) -> None:
        kind, number = message[0], (message[1] if len(message) > 1 else None)
        hub = self._hub
        try:
            if kind == "execute":
                value: Any = await hub.execute(message[2])
            elif kind == "written":
                await hub.written()
                value = hub.version
            elif kind == "revoke":
                self._revoke()
                value = None
            else:
                await self._stop(started)
                value = None
        except Refused as exc:
            self._after_phones("reply", number, False, (exc.code, exc.message, exc.detail))
            return
        if number is not None:
            self._after_phones("reply", number, True, value)

    def _revoke(self) -> None:
        if self._remote is not None:
            self._remote.revoke()
        if self._console is not None:
            self._console.refresh()

    async def _stop(self, started: asyncio.Event) -> None:
        if started.is_set():
            if self._server is not None:
                await self._server.stop()
            if self._console is not None:
                await self._console.stop()
            await self._hub.close()
        for future in self._presses.values():
            if not future.done():
                future.set_result("no_projector")
        started.set()
        self._stopped.set()
