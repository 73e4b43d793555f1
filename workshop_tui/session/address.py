"""Where a session is served, kept in its header: phones hold a link to that address, so a resume
comes up on it again (and the hint printed after a stop names it)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Address:
    """The host the facilitator asked for (None: the laptop's LAN address, chosen at each start),
    the port phones reach and the public URL in front of it (`--public-url`), if any."""

    host: str | None
    port: int
    public_url: str | None = None

    def to_stored(self) -> dict[str, Any]:
        """The address as the session's header keeps it."""
        return {"host": self.host, "port": self.port, "public_url": self.public_url}

    @classmethod
    def from_meta(cls, meta: dict[str, Any]) -> Address | None:
        """The address a session's header keeps; None for a session saved before headers kept
        one (or one whose address is unreadable): it resumes as it always did."""
        stored = meta.get("address")
        if not isinstance(stored, dict):
            return None
        host, port, public_url = stored.get("host"), stored.get("port"), stored.get("public_url")
        # bool is an int to Python, never a port.
        if not isinstance(port, int) or isinstance(port, bool) or not 0 <= port <= 65535:
            return None
        if not (host is None or isinstance(host, str)):
            return None
        if not (public_url is None or isinstance(public_url, str)):
            return None
        return cls(host, port, public_url)
