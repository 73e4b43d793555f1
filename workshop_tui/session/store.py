"""Durable storage of one session: a TinyDB file plus a write-ahead journal.

Every accepted command is written down; the state is rebuilt by replaying them. Two files per
session, side by side in the sessions folder:

- ``<date>_<workshop>_<ROOM>.json``: a TinyDB database with a ``meta`` table (the workshop and
  card decks as they were when the session started, so a later edit of a deck file cannot break
  a resume) and a ``commands`` table. It is only ever replaced whole: written to a temporary file,
  fsynced, renamed over the old one, and the folder fsynced.
- ``<same name>.wal``: commands accepted since the database was last written, one line each
  (``<crc32> <json>``), appended and fsynced in batches. A batch costs the same whatever the size
  of the session; the database is rewritten only when the journal has grown as long as it, so
  that cost per command stays flat too.

A command counts as stored once its journal line is fsynced. A torn last line (the process was
killed while writing it) was never acknowledged and is dropped on open; damage anywhere else is
reported and the files are left alone.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import zlib
from collections.abc import Iterable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.middlewares import CachingMiddleware
from tinydb.storages import Storage

FORMAT = "workshop-tui-session"
# The database is rewritten once the journal holds as many commands as the database does, so a
# rewrite's cost (proportional to the session) is spread over as many commands: flat per command.
CHECKPOINT_MIN = 1000
VERSION = 1
JSON = dict[str, Any]


class StoreError(Exception):
    """A session file that cannot be read, written or locked; the message says what to do."""


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class AtomicJSONStorage(Storage):
    """TinyDB storage that replaces the file whole, so a crash leaves the old or the new file."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)

    def read(self) -> dict[str, dict[str, Any]] | None:
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        if not text:
            return None
        data = json.loads(text)
        if not isinstance(data, dict):
            raise ValueError("not a TinyDB database")
        return data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        tmp = self.path.with_name(self.path.name + ".tmp")
        with open(tmp, "w", encoding="utf-8") as handle:
            json.dump(data, handle, ensure_ascii=False, separators=(",", ":"))
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, self.path)
        _fsync_dir(self.path.parent)

    def close(self) -> None:
        pass


def session_filename(workshop_id: str, room: str, when: datetime) -> str:
    """The file name of a new session: date, time, workshop and room code."""
    return f"{when:%Y-%m-%d_%H%M}_{workshop_id}_{room}.json"


def _line(seq: int, command: JSON) -> bytes:
    body = json.dumps({"seq": seq, "command": command}, ensure_ascii=False, separators=(",", ":"))
    data = body.encode("utf-8")
    return b"%08x " % zlib.crc32(data) + data + b"\n"


def _parse_line(raw: bytes) -> JSON | None:
    """A journal line's record, or None if the line is damaged."""
    crc, _, data = raw.rstrip(b"\n").partition(b" ")
    try:
        if int(crc, 16) != zlib.crc32(data):
            return None
        record = json.loads(data)
    except ValueError:
        return None
    return record if isinstance(record, dict) else None


class SessionStore:
    """One session's files, opened by one process at a time."""

    def __init__(
        self, path: Path, meta: JSON, commands: list[JSON], checkpointed: int, lock: Any
    ) -> None:
        self.path = path
        self._lock = lock
        self.meta = meta
        self._commands = commands
        self._checkpointed = checkpointed
        self._wal = path.with_name(path.name + ".wal")
        self._wal_handle = open(self._wal, "ab")  # noqa: SIM115 - kept open for appends
        self._wal_size = self._wal_handle.tell()

    @property
    def commands(self) -> list[JSON]:
        """Every stored command, oldest first."""
        return self._commands

    @classmethod
    def create(cls, folder: Path, name: str, meta: JSON) -> SessionStore:
        """Make a new session file; refuses to touch an existing one."""
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(
                f"cannot create the sessions folder {folder}: {exc.strerror}; "
                "choose another with --sessions-dir"
            ) from None
        path = folder / name
        if path.exists():
            raise StoreError(f"{path} already exists; resume it with --resume instead")
        lock = _lock(path)
        try:
            header = {"format": FORMAT, "version": VERSION, **meta}
            _checkpoint(path, header, [])
        except OSError as exc:
            lock.close()
            raise StoreError(
                f"cannot write the session file {path}: {exc.strerror}; check that the folder "
                "is writable and the disk has space, or choose another with --sessions-dir"
            ) from None
        return cls(path, header, [], 0, lock)

    @classmethod
    def open(cls, path: Path) -> SessionStore:
        """Open an existing session for resuming; damaged or foreign files are never changed."""
        if not path.is_file():
            raise StoreError(f"{path}: no such session file (sessions are .json files)")
        lock = _lock(path)
        try:
            meta, commands = _read_database(path)
            checkpointed = len(commands)
            tail, good_size = _read_journal(path.with_name(path.name + ".wal"), checkpointed)
            commands.extend(tail)
            wal = path.with_name(path.name + ".wal")
            if wal.exists() and wal.stat().st_size != good_size:
                # Only a torn final line gets here: it was never acknowledged.
                with open(wal, "r+b") as handle:
                    handle.truncate(good_size)
                    os.fsync(handle.fileno())
            with contextlib.suppress(FileNotFoundError):
                path.with_name(path.name + ".tmp").unlink()
        except BaseException:
            lock.close()
            raise
        return cls(path, meta, commands, checkpointed, lock)

    def append(self, commands: Sequence[JSON]) -> None:
        """Make a batch of commands durable with one write and one fsync (group commit)."""
        first = len(self._commands)
        try:
            data = b"".join(_line(first + i + 1, c) for i, c in enumerate(commands))
        except (UnicodeEncodeError, TypeError, ValueError, RecursionError) as exc:
            # Nothing was written: the batch is refused whole and the journal is as it was.
            raise StoreError(
                f"a command could not be written down ({exc}); nothing of this batch was saved"
            ) from None
        try:
            self._wal_handle.write(data)
            self._wal_handle.flush()
            os.fsync(self._wal_handle.fileno())
            self._wal_size += len(data)
        except Exception as exc:
            # Whatever failed, the journal is cut back so that it holds only what was stored.
            self._recover_journal()
            why = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            # The reason first: the projector's banner may have room for one line only.
            raise StoreError(
                f"{why}: the session could not be saved (nothing from this batch was kept); "
                f"free disk space or check the permissions of {self._wal.parent}"
            ) from None
        self._commands.extend(commands)
        pending = len(self._commands) - self._checkpointed
        if pending >= max(CHECKPOINT_MIN, self._checkpointed):
            self.checkpoint()

    def _recover_journal(self) -> None:
        """After a failed append, cut the journal back to what was stored before it."""
        with contextlib.suppress(OSError):
            self._wal_handle.close()
        with contextlib.suppress(OSError), open(self._wal, "r+b") as handle:
            handle.truncate(self._wal_size)
        self._wal_handle = open(self._wal, "ab")  # noqa: SIM115

    def update_meta(self, changes: JSON) -> None:
        """Change the header and write it down at once (with every command, as a checkpoint
        does). Only while no batch is being written: the hub calls it before it starts."""
        self.meta.update(changes)
        self.checkpoint()

    def checkpoint(self) -> None:
        """Write every command into the database file, then empty the journal."""
        try:
            _checkpoint(self.path, self.meta, self._commands)
        except Exception:
            # The journal still holds everything; try again at the next checkpoint.
            return
        self._checkpointed = len(self._commands)
        self._wal_handle.seek(0)
        self._wal_handle.truncate(0)
        self._wal_handle.flush()
        os.fsync(self._wal_handle.fileno())
        self._wal_size = 0

    def close(self) -> None:
        """Checkpoint and release the files."""
        with contextlib.suppress(OSError):
            if len(self._commands) > self._checkpointed:
                self.checkpoint()
        self._wal_handle.close()
        self._lock.close()


def _lock(path: Path) -> Any:
    lock_path = path.with_name(path.name + ".lock")
    try:
        handle = open(lock_path, "a+")  # noqa: SIM115 - held for the session's lifetime
    except OSError as exc:
        raise StoreError(
            f"cannot create {lock_path}: {exc.strerror}; check that the sessions folder is "
            "writable, or choose another with --sessions-dir"
        ) from None
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.close()
        raise StoreError(
            f"{path.name} is already open in another workshop-tui; close that one first"
        ) from None
    return handle


def _checkpoint(path: Path, meta: JSON, commands: Iterable[JSON]) -> None:
    db = TinyDB(path, storage=AtomicJSONStorage)
    try:
        db.storage.write(
            {
                "meta": {"1": meta},
                "commands": {str(i): {"command": c} for i, c in enumerate(commands, start=1)},
            }
        )
    finally:
        db.close()


def _read_database(path: Path) -> tuple[JSON, list[JSON]]:
    # Cached: TinyDB reads its storage once per table, and the file holds both tables (parsed
    # once, and both from the same version of the file). Nothing is written through it;
    # tinydb leaves the middleware untyped.
    reader = CachingMiddleware(AtomicJSONStorage)  # type: ignore[no-untyped-call]
    db = TinyDB(path, storage=reader)
    try:
        metas = db.table("meta").all()
        rows = db.table("commands").all()
    except (ValueError, UnicodeDecodeError, AttributeError, TypeError):
        raise StoreError(
            f"{path} is not a readable session file (damaged or not JSON); it was left as it is"
        ) from None
    finally:
        db.close()
    if len(metas) != 1 or metas[0].get("format") != FORMAT:
        raise StoreError(f"{path} is not a workshop-tui session file; it was left as it is")
    if metas[0].get("version") != VERSION:
        raise StoreError(
            f"{path} was written by another version of workshop-tui "
            f"(format {metas[0].get('version')}, this one reads {VERSION})"
        )
    ordered = sorted(rows, key=lambda row: row.doc_id)
    return dict(metas[0]), [dict(row["command"]) for row in ordered]


def _read_journal(wal: Path, checkpointed: int) -> tuple[list[JSON], int]:
    """The journal's commands after `checkpointed`, and the size of its undamaged part."""
    try:
        raw = wal.read_bytes()
    except FileNotFoundError:
        return [], 0
    commands: list[JSON] = []
    offset = 0
    lines = raw.split(b"\n")
    for index, line in enumerate(lines):
        last = index == len(lines) - 1
        if last and not line:
            break
        record = _parse_line(line)
        if record is None or last:
            # Without its newline even a line whose checksum matches was cut short.
            if index >= len(lines) - 2:
                break
            raise StoreError(
                f"{wal} is damaged at line {index + 1}; it was left as it is. Restore it from a "
                "backup or start a new session."
            )
        seq = record.get("seq")
        if isinstance(seq, int) and seq > checkpointed:
            if seq != checkpointed + len(commands) + 1:
                raise StoreError(f"{wal} skips commands at line {index + 1}; it was left as it is")
            commands.append(record["command"])
        offset += len(line) + 1
    return commands, offset


def _identity(path: Path) -> tuple[int, int, int]:
    stat = path.stat()
    return stat.st_ino, stat.st_mtime_ns, stat.st_size


def read_session(path: Path, attempts: int = 5) -> tuple[JSON, list[JSON]]:
    """A session's header and every stored command, read without locking or changing anything.

    Safe while another process has the session open: a checkpoint there replaces the database
    and then empties the journal, so a read that saw the database change starts again.
    """
    if not path.is_file():
        raise StoreError(f"{path}: no such session file (sessions are .json files)")
    wal = path.with_name(path.name + ".wal")
    for _ in range(attempts):
        before = _identity(path)
        try:
            meta, commands = _read_database(path)
            tail, _ = _read_journal(wal, len(commands))
        except StoreError:
            if _identity(path) == before:
                raise
            continue
        if _identity(path) == before:
            return meta, commands + tail
    raise StoreError(f"{path} kept changing while it was read; try the export again")
