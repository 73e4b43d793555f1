"""A running hub on the every-kind workshop (one step of each kind), as the phones meet it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from workshop_tui import decks
from workshop_tui.session.hub import Hub

EVERY_KIND = Path(__file__).resolve().parents[1] / "web" / "data" / "every-kind.toml"


@pytest.fixture
async def hub(tmp_path: Path) -> AsyncIterator[Hub]:
    workshop, cards = decks.load_workshop(EVERY_KIND)
    running = Hub.create(workshop, cards, tmp_path / "sessions")
    await running.start()
    yield running
    await running.close()


@pytest.fixture
def room(hub: Hub) -> str:
    return hub.state.room
