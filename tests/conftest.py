"""Fixtures shared by every test folder: the compact test workshop and a running hub."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from workshop_tui import decks
from workshop_tui.domain.deck import CardDeck, Workshop
from workshop_tui.domain.state import SessionState
from workshop_tui.hub import Hub

DATA = Path(__file__).parent / "data"
FIXED_NOW = 1_767_225_600.0  # 2026-01-01 00:00 UTC


@pytest.fixture
def mini() -> tuple[Workshop, dict[str, CardDeck]]:
    """A small workshop with one step of every kind, and its card deck."""
    return decks.load_workshop(DATA / "mini.toml")


@pytest.fixture
def mini_state(mini: tuple[Workshop, dict[str, CardDeck]]) -> SessionState:
    workshop, card_decks = mini
    return SessionState(workshop=workshop, card_decks=card_decks, room="ABCD")


@pytest.fixture
async def hub(mini: tuple[Workshop, dict[str, CardDeck]], tmp_path: Path) -> AsyncIterator[Hub]:
    """A started hub on the mini workshop, saving under a temporary folder."""
    workshop, card_decks = mini
    running = Hub.create(workshop, card_decks, tmp_path / "sessions")
    await running.start()
    yield running
    await running.close()
