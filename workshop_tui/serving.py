"""The contract between the projector app and the participant server.

`tui/` and `web/` never import each other: the CLI builds a participant server (from `web/`) and
hands it to the projector app (in `tui/`) as something that fits `ParticipantServer`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol


@dataclass(frozen=True)
class ServerInfo:
    """Where phones reach the session.

    `join_url` is what goes into the QR code (``http://<address>:<port>/<ROOM>``);
    `loopback_only` is true when the only address found was 127.0.0.1, so phones cannot reach it
    and the projector must warn; `warnings` are sentences for the facilitator.
    """

    join_url: str
    base_url: str
    room: str
    host: str
    port: int
    loopback_only: bool
    warnings: tuple[str, ...] = field(default_factory=tuple)


class ParticipantServer(Protocol):
    """A server phones join; started and stopped on the projector app's asyncio loop."""

    async def start(self) -> ServerInfo:
        """Start listening and say where."""
        ...

    async def stop(self) -> None:
        """End every open stream and stop listening (promptly, not after a timeout)."""
        ...
