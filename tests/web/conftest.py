"""A session of the every-kind workshop, and the participant server for it on a test client."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest

from workshop_tui import decks
from workshop_tui.domain.state import Settings
from workshop_tui.export.outcome import Outcome
from workshop_tui.session.hub import Hub
from workshop_tui.web import Limits, create_app, pocket_image

DATA = Path(__file__).parent / "data"


async def start_hub(sessions: Path, settings: Settings | None = None) -> Hub:
    """A started hub running a fresh session of the every-kind workshop."""
    workshop, cards = decks.load_workshop(DATA / "every-kind.toml")
    hub = Hub.create(workshop, cards, sessions, settings=settings)
    await hub.start()
    return hub


@pytest.fixture
def make_hub() -> Callable[[Path, Settings | None], Awaitable[Hub]]:
    return start_hub


@pytest.fixture
async def hub(tmp_path: Path) -> AsyncIterator[Hub]:
    hub = await start_hub(tmp_path)
    yield hub
    await hub.close()


@pytest.fixture
def limits() -> Limits:
    return Limits()


@pytest.fixture
async def client(hub: Hub, limits: Limits, aiohttp_client: Any) -> Any:
    return await aiohttp_client(create_app(hub, limits))


@pytest.fixture
def room(hub: Hub) -> str:
    return hub.state.room


@pytest.fixture
def drawn(monkeypatch: pytest.MonkeyPatch) -> list[Outcome]:
    """Every outcome the server draws a card image of, in order (each is still drawn)."""
    drawn: list[Outcome] = []
    draw = pocket_image._draw

    def counting(outcome: Outcome) -> bytes:
        drawn.append(outcome)
        return draw(outcome)

    monkeypatch.setattr(pocket_image, "_draw", counting)
    return drawn
