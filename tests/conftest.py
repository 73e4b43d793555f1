"""Fixtures shared by every test folder: the compact test workshop and a running hub."""

from __future__ import annotations

import os
import shutil
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, sync_playwright

from workshop_tui import decks
from workshop_tui.domain.commands import GoTo
from workshop_tui.domain.deck import CardDeck, Workshop
from workshop_tui.domain.state import SessionState
from workshop_tui.session.hub import Hub

DATA = Path(__file__).parent / "data"
CHROMIUM = Path("/usr/bin/chromium")
# Without the background-networking flags chromium keeps calling Google's hosts, which a closed
# room network refuses; Playwright cannot download a browser here, so Debian's is used.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-quic",
    "--disable-sync",
]
FIXED_NOW = 1_767_225_600.0  # 2026-01-01 00:00 UTC
# CI installs tmux (.ci/run); there a missing tmux must fail the run, not skip it.
needs_tmux = pytest.mark.skipif(
    shutil.which("tmux") is None and not os.environ.get("CI"), reason="needs tmux"
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Start the slow tests first: the workers hand out tests in order, and one started last
    would leave its worker running alone long after the others are done."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)


@pytest.fixture
def mini() -> tuple[Workshop, dict[str, CardDeck]]:
    """A small workshop with one step of every kind, and its card deck."""
    return decks.load_workshop(DATA / "mini.toml")


@pytest.fixture
def mini_state(mini: tuple[Workshop, dict[str, CardDeck]]) -> SessionState:
    workshop, card_decks = mini
    return SessionState(workshop=workshop, card_decks=card_decks, room="ABCD")


@pytest.fixture
def goto() -> Callable[[Hub, str], Awaitable[None]]:
    """Make the step with a given id the current one, as the facilitator would."""

    async def go_to(hub: Hub, step_id: str) -> None:
        index = [s.id for s in hub.state.workshop.steps].index(step_id)
        await hub.execute(GoTo(index, hub.clock()))

    return go_to


@pytest.fixture
async def hub(mini: tuple[Workshop, dict[str, CardDeck]], tmp_path: Path) -> AsyncIterator[Hub]:
    """A started hub on the mini workshop, saving under a temporary folder."""
    workshop, card_decks = mini
    running = Hub.create(workshop, card_decks, tmp_path / "sessions")
    await running.start()
    yield running
    await running.close()


# Module scope, not session: while Playwright's sync API is running it owns an event loop in
# this thread, and every async test collected after it would fail to start its own.
@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Debian's chromium, headless. Missing, it skips locally and fails in CI (CI is set)."""
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is missing: install Debian's chromium package"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()
