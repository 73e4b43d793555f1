"""A participant server with simulated phones attached, for `workshop-tui demo`."""

from __future__ import annotations

from workshop_tui.demo.phones import DemoPhones
from workshop_tui.participant_server import ParticipantServer, ServerInfo


class WithDemoPhones:
    """Wraps a real participant server: once it listens, `count` simulated phones join it
    through its HTTP API; they leave before it stops. Real phones can join beside them."""

    def __init__(self, server: ParticipantServer, count: int, language: str) -> None:
        self.server = server
        self.count = count
        self.language = language
        self.phones: DemoPhones | None = None

    async def start(self) -> ServerInfo:
        """Start the server, then the phones."""
        info = await self.server.start()
        self.phones = DemoPhones(info.join_url, self.count, self.language)
        await self.phones.start()
        return info

    async def stop(self) -> None:
        """Stop the phones, then the server."""
        if self.phones is not None:
            await self.phones.stop()
        await self.server.stop()
