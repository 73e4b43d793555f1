"""The contract between the projector app and the participant server.

`tui/` and `web/` never import each other: the CLI builds a participant server (from `web/`) and
hands it to the projector app (in `tui/`) as something that fits `ParticipantServer`.
"""

from __future__ import annotations

import hmac
import secrets
import threading
from collections import Counter, deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Protocol

# What the projector (and the console link) run for a remote's key: an action name in, None
# once done or a refusal code out.
KeyHandler = Callable[[str], Awaitable[str | None]]


class Listeners:
    """Callbacks told of a change: `listen` adds one and returns the function that removes it."""

    def __init__(self) -> None:
        self._listeners: list[Callable[[], None]] = []

    def listen(self, listener: Callable[[], None]) -> Callable[[], None]:
        """Call `listener` on every change; returns the function that stops it."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    def tell(self) -> None:
        """Call every listener (a listener may stop listening meanwhile)."""
        for listener in list(self._listeners):
            listener()


class TurnedAway:
    """The phones the participant server did not let in, for the projector to show.

    The server calls `record` with a reason: "queued" (a new phone from an address over
    `--joins-per-minute`, told its turn), "session_full" or "joining_closed". Each record is
    pushed at once to every `listen`er; `recent` counts the last `WINDOW` seconds. Times are the
    hub's clock. At most `max_kept` records are kept, so a flood cannot grow it without bound.
    """

    WINDOW = 60.0

    def __init__(self, max_kept: int = 10_000) -> None:
        self._records: deque[tuple[float, str]] = deque(maxlen=max_kept)
        self._listeners = Listeners()
        # The server records on the session's loop while the projector reads on its own (in
        # another thread when the session has a loop of its own): a deque must not change
        # while it is counted.
        self._lock = threading.Lock()

    def record(self, reason: str, now: float) -> None:
        """Note one phone turned away (or queued) now, and tell every listener."""
        with self._lock:
            self._records.append((now, reason))
        self._listeners.tell()

    def recent(self, now: float) -> dict[str, int]:
        """How many phones were turned away in the last minute, per reason."""
        with self._lock:
            while self._records and self._records[0][0] <= now - self.WINDOW:
                self._records.popleft()
            return dict(Counter(reason for _, reason in self._records))

    def newest(self) -> tuple[float, str] | None:
        """The newest record (when, why), or None when there is none."""
        with self._lock:
            return self._records[-1] if self._records else None

    def until(self) -> float | None:
        """When the newest record leaves the window (None when there is none)."""
        with self._lock:
            return self._records[-1][0] + self.WINDOW if self._records else None

    def listen(self, listener: Callable[[], None]) -> Callable[[], None]:
        """Call `listener` after every record; returns the function that stops it."""
        return self._listeners.listen(listener)


class RemoteControl:
    """The facilitator's phone remote (`--remote`): its secret, and the projector's keys.

    The server checks the secret and serves the remote's page; the projector `attach`es its own
    key handler (the one the console uses), so a button on the remote runs the projector's key
    with the projector's checks, and the projector stays the one owner of the session. The
    secret lives only in this process (never in the session file, never on the projector's
    screen): `revoke` ends it at once and tells every `listen`er (the remote's open streams end),
    and a new one only comes with a new start (`workshop-tui run --resume SESSION --remote`).
    `url` is the secret link, set by the server once it knows its address.
    """

    def __init__(self) -> None:
        # 192 random bits.
        self._token: str | None = secrets.token_urlsafe(24)
        self._press: KeyHandler | None = None
        self._listeners = Listeners()
        self.url: str | None = None

    @property
    def token(self) -> str | None:
        """The secret while it is valid; None once revoked."""
        return self._token

    @property
    def active(self) -> bool:
        return self._token is not None

    def matches(self, token: str | None) -> bool:
        """Whether `token` is the valid secret (compared in constant time)."""
        if self._token is None or not token:
            return False
        return hmac.compare_digest(token.encode(errors="replace"), self._token.encode())

    def revoke(self) -> None:
        """End the secret now: it is refused from the next request on, and open streams end."""
        self._token = None
        self.url = None
        self._listeners.tell()

    def listen(self, listener: Callable[[], None]) -> Callable[[], None]:
        """Call `listener` when the secret is revoked; returns the function that stops it."""
        return self._listeners.listen(listener)

    def attach(self, press: KeyHandler) -> None:
        """The projector's key handler: an action name in, None or a refusal code out."""
        self._press = press

    async def press(self, action: str) -> str | None:
        """Run a projector key for the remote; `no_projector` while none is attached."""
        if self._press is None:
            return "no_projector"
        return await self._press(action)


@dataclass(frozen=True)
class ServerInfo:
    """Where phones reach the session.

    `join_url` is what goes into the QR code (``http://<address>:<port>/<ROOM>``);
    `loopback_only` is true when the only address found was 127.0.0.1, so phones cannot reach it
    and the projector must warn (in its own words: the projector holds the texts).
    """

    join_url: str
    base_url: str
    room: str
    host: str
    port: int
    loopback_only: bool
    # Filled in by the server as phones are turned away; the projector listens to it.
    turned_away: TurnedAway = field(default_factory=TurnedAway, compare=False)
    # The facilitator's phone remote with `--remote`: the projector attaches its keys to it and
    # may revoke it, and never draws its link (that is for the terminal and the console).
    remote: RemoteControl | None = field(default=None, compare=False, repr=False)


# What a WPA network accepts (IEEE 802.11): an SSID is 1-32 bytes, a passphrase 8-63 printable
# ASCII characters or exactly 64 hex digits (the key itself).
_SSID_BYTES = 32
_PASSPHRASE = range(8, 64)


@dataclass(frozen=True)
class WifiNetwork:
    """The room's Wi-Fi (often the facilitator's hotspot), for a code that joins phones to it.

    It lives only in the running process: the CLI hands it to the projector, never to the hub,
    so the password is not saved in the session, logged or exported. It is left out of `repr`
    so that a traceback or a debug log does not print it either. An empty password is an open
    network. A network no phone could join raises `ValueError` with a sentence saying why.
    """

    ssid: str
    password: str = field(default="", repr=False)

    def __post_init__(self) -> None:
        try:
            size = len(self.ssid.encode("utf-8"))
        except UnicodeEncodeError:  # a name from undecodable command-line bytes
            size = 0
        if not 0 < size <= _SSID_BYTES:
            raise ValueError(f"a Wi-Fi name is 1 to {_SSID_BYTES} bytes of text")
        password = self.password
        if not password:
            return
        hex_key = len(password) == 64 and all(c in "0123456789abcdefABCDEF" for c in password)
        printable = all(" " <= c <= "~" for c in password)
        if not hex_key and not (printable and len(password) in _PASSPHRASE):
            raise ValueError(
                "a Wi-Fi password is 8 to 63 characters without accents or emoji "
                "(or empty for an open network)"
            )


class ParticipantServer(Protocol):
    """A server phones join; started and stopped on the projector app's asyncio loop."""

    async def start(self) -> ServerInfo:
        """Start listening and say where."""
        ...

    async def stop(self) -> None:
        """End every open stream and stop listening (promptly, not after a timeout)."""
        ...
