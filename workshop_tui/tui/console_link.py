"""The channel between the projector and the facilitator's console: a local Unix socket.

The projector app stays the only owner of the hub. It listens on `<session>.json.console`,
beside the session file, for one console at a time; the console sends commands and receives
state, and never opens the session file. One JSON object a line, both ways:

- projector → console: `{"type": "state", "state": {...}}` (`domain.console.console_view`),
  pushed at attach and on each change of the hub, coalesced like the phones' streams: a slow
  console skips states in between, never the newest one. Every console message gets one
  `{"type": "ok"}` or `{"type": "error", "code": …, "message": …}` in return. A second console
  gets `{"type": "refused", "code": "busy"}` and is closed.
- console → projector: `{"key": ACTION}` (the projector's own keys: `next_step`, `reveal`, …,
  run as if pressed on the projector) or `{"command": "release" | "reject", "step_id": …,
  "item_id": …}` for an answer the word filter holds.

The socket is the facilitator's trusted local channel (docs/security.md): created with only its
owner allowed to connect (mode 0600, under a umask so it never exists with more), and only in a
sessions folder that no one else can write to, where nobody could put a socket of their own.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import json
import logging
import os
import socket
import stat
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from workshop_tui.domain.console import console_view
from workshop_tui.domain.verdict import Refused
from workshop_tui.participant_server import KeyHandler, RemoteControl
from workshop_tui.session.hub import Hub

log = logging.getLogger(__name__)

SUFFIX = ".console"
# A console's commands are a few dozen bytes; a line longer than this is not one.
MAX_LINE = 64 * 1024
# The console reads whole states: many held answers and a hall's names can make them long.
MAX_STATE_LINE = 16 * 1024 * 1024
# What `sockaddr_un` holds on Linux (108 bytes with the terminating zero).
_MAX_PATH = 107


class ConsoleError(Exception):
    """The console cannot attach; `code` says why (`not_running`, `busy`, `none`, `several`,
    `unsafe_folder`), `path` is the session concerned, `found` what a search found."""

    def __init__(self, code: str, path: Path | None = None, found: tuple[Path, ...] = ()) -> None:
        super().__init__(code)
        self.code = code
        self.path = path
        self.found = found


def socket_path(session: Path) -> Path:
    """Where the console socket of a session file is: beside it, `<session>.json.console`."""
    if session.name.endswith(SUFFIX):
        return session
    return session.with_name(session.name + SUFFIX)


def session_of(sock: Path) -> Path:
    """The session file a console socket belongs to."""
    return sock.with_name(sock.name.removesuffix(SUFFIX))


def check_folder(folder: Path) -> None:
    """Refuse a folder that someone else owns or may write to: they could replace the socket
    with their own and read what the projector sends (`unsafe_folder`)."""
    info = folder.stat()
    if info.st_uid != os.getuid() or info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        raise ConsoleError("unsafe_folder", folder)


@contextlib.contextmanager
def _address(path: Path) -> Iterator[str]:
    """An address for `path` that fits `sockaddr_un`: the path itself, or for a long one (a
    deep sessions folder) the same file through the folder's descriptor in /proc."""
    if len(os.fsencode(path)) <= _MAX_PATH:
        yield str(path)
        return
    folder = os.open(path.parent, os.O_RDONLY | os.O_DIRECTORY)
    try:
        yield f"/proc/self/fd/{folder}/{path.name}"
    finally:
        os.close(folder)


def encode(message: dict[str, Any]) -> bytes:
    """One protocol line."""
    return json.dumps(message, ensure_ascii=False, separators=(",", ":")).encode() + b"\n"


class ConsoleLink:
    """The projector's end: listens beside the session file, one console at a time.

    `on_key` runs a projector key for the console and returns None, or a code saying why not;
    `on_attach` is told when a console comes or goes, so the projector can hide what is now
    the console's to show.
    """

    def __init__(
        self, hub: Hub, on_key: KeyHandler, on_attach: Callable[[bool], None] | None = None
    ) -> None:
        self.hub = hub
        self.path = socket_path(hub.path)
        self._on_key = on_key
        self._on_attach = on_attach
        self._server: asyncio.Server | None = None
        self._client: asyncio.StreamWriter | None = None
        self._started_at = hub.started_at
        # The phone remote (`--remote`), whose link the console shows while it works.
        self.remote: RemoteControl | None = None
        self._refreshed = asyncio.Event()

    @property
    def attached(self) -> bool:
        return self._client is not None

    async def start(self) -> None:
        """Listen; raises ConsoleError("unsafe_folder") or OSError when it cannot."""
        check_folder(self.path.parent)
        # Only this app holds the session (its lock), so a socket file here is one a killed
        # projector left behind.
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            with _address(self.path) as address:
                # The umask makes the socket owner-only from its first moment; chmod says it
                # again in case the process's umask was already stricter in some other way.
                old = os.umask(0o177)
                try:
                    sock.bind(address)
                finally:
                    os.umask(old)
            os.chmod(self.path, 0o600)
            self._server = await asyncio.start_unix_server(self._serve, sock=sock, limit=MAX_LINE)
        except BaseException:
            sock.close()
            with contextlib.suppress(FileNotFoundError):
                self.path.unlink()
            raise

    async def stop(self) -> None:
        """Close the console's connection and remove the socket file."""
        server, self._server = self._server, None
        if server is None:
            return
        server.close()
        if self._client is not None:
            self._client.close()
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()
        await server.wait_closed()

    def view(self) -> dict[str, Any]:
        """What the console is sent now."""
        remote = self.remote
        url = remote.url if remote is not None and remote.active else None
        return console_view(self.hub.state, self.hub.clock(), self._started_at, remote_url=url)

    def refresh(self) -> None:
        """Send the console its view again for a change outside the hub (the remote revoked)."""
        self._refreshed.set()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        if self._client is not None:
            writer.write(encode({"type": "refused", "code": "busy"}))
            with contextlib.suppress(ConnectionError):
                await writer.drain()
            writer.close()
            return
        self._client = writer
        self._attached(True)
        push = asyncio.create_task(self._push(writer), name="console-push")
        try:
            await self._listen(reader, writer)
        except ConnectionError:
            pass
        finally:
            push.cancel()
            with contextlib.suppress(asyncio.CancelledError, ConnectionError):
                await push
            self._client = None
            writer.close()
            self._attached(False)

    def _attached(self, attached: bool) -> None:
        if self._on_attach is not None:
            self._on_attach(attached)

    async def _push(self, writer: asyncio.StreamWriter) -> None:
        # Subscribed before the first state is sent, so no change can fall in between.
        subscription = self.hub.subscribe()
        try:
            while not self.hub.closed:
                self._refreshed.clear()
                writer.write(encode({"type": "state", "state": self.view()}))
                await writer.drain()
                changed = asyncio.ensure_future(subscription.wait())
                refreshed = asyncio.ensure_future(self._refreshed.wait())
                try:
                    await asyncio.wait({changed, refreshed}, return_when=asyncio.FIRST_COMPLETED)
                finally:
                    changed.cancel()
                    refreshed.cancel()
        finally:
            subscription.close()

    async def _listen(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        while True:
            try:
                line = await reader.readline()
            except (ValueError, asyncio.LimitOverrunError):
                # Too long to be a command: say so and hang up, since the rest of the line
                # would be read as more messages.
                too_long = _error("line_too_long", "a message is one line of at most 64 KiB")
                writer.write(encode(too_long))
                await writer.drain()
                return
            if not line:
                return
            if not line.strip():
                continue
            writer.write(encode(await self._handle(line)))
            await writer.drain()

    async def _handle(self, line: bytes) -> dict[str, Any]:
        """Answer one console message; nothing a console sends can raise out of here."""
        try:
            message = json.loads(line)
        except ValueError:
            return _error("bad_json", "each line must be one JSON object")
        if not isinstance(message, dict):
            return _error("bad_json", "each line must be one JSON object")
        try:
            if isinstance(message.get("key"), str) and len(message) == 1:
                code = await self._on_key(message["key"])
                return {"type": "ok"} if code is None else _error(code, "that key does nothing now")
            command = message.get("command")
            step_id, item_id = message.get("step_id"), message.get("item_id")
            ids = isinstance(step_id, str) and isinstance(item_id, str)
            if command in ("release", "reject") and ids:
                await self._moderate(str(step_id), str(item_id), reject=command == "reject")
                return {"type": "ok"}
        except Refused as exc:
            return _error(exc.code, exc.message, **exc.detail)
        except Exception:  # a console must never take the projector down
            log.exception("console message failed: %r", line[:200])
            return _error("internal", "the projector could not do that")
        return _error("bad_message", 'send {"key": ACTION} or {"command": "release"|"reject", …}')

    async def _moderate(self, step_id: str, item_id: str, *, reject: bool) -> None:
        await self.hub.moderate_held(step_id, item_id, reject=reject)


def _error(code: str, message: str, **detail: Any) -> dict[str, Any]:
    return {"type": "error", "code": code, "message": message, **detail}


def find_running(sessions_dir: Path) -> Path:
    """The one session in `sessions_dir` with a console socket; ConsoleError("none") or
    ("several", found=…) otherwise."""
    try:
        found = tuple(
            sorted(
                path
                for path in sessions_dir.glob("*" + SUFFIX)
                if stat.S_ISSOCK(path.lstat().st_mode)
            )
        )
    except OSError:
        found = ()
    if not found:
        raise ConsoleError("none", sessions_dir)
    if len(found) > 1:
        raise ConsoleError("several", sessions_dir, tuple(session_of(p) for p in found))
    return session_of(found[0])


async def connect(
    session: Path,
) -> tuple[asyncio.StreamReader, asyncio.StreamWriter, dict[str, Any]]:
    """The console's end: attach to the projector of `session` and read its first state.
    ConsoleError("not_running") when nothing listens there, ("busy") when another console is
    attached."""
    path = socket_path(session)
    try:
        info = path.lstat()
    except OSError:
        raise ConsoleError("not_running", session_of(path)) from None
    if not stat.S_ISSOCK(info.st_mode):
        raise ConsoleError("not_running", session_of(path))
    try:
        with _address(path) as address:
            reader, writer = await asyncio.open_unix_connection(address, limit=MAX_STATE_LINE)
    except OSError as exc:
        if exc.errno in (errno.ECONNREFUSED, errno.ENOENT):
            raise ConsoleError("not_running", session_of(path)) from None
        raise
    try:
        message = json.loads(await reader.readline() or b"{}")
    except (ValueError, ConnectionError):
        message = {}
    if not isinstance(message, dict) or message.get("type") != "state":
        writer.close()
        code = message.get("code") if isinstance(message, dict) else None
        raise ConsoleError("busy" if code == "busy" else "not_running", session_of(path))
    return reader, writer, message["state"]
