"""Debian's chromium driven by Playwright against a real server on 127.0.0.1 (free port).

The server and hub run on their own asyncio loop in a thread, because Playwright's sync API
must not run inside an event loop; tests reach the hub through `Served.run`.
"""

from __future__ import annotations

import asyncio
import os
import threading
from collections.abc import Coroutine, Iterator
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from workshop_tui import decks
from workshop_tui.domain.commands import GoTo
from workshop_tui.hub import Hub
from workshop_tui.web import WebServer

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-quic",
    "--disable-sync",
]
WORKSHOP = Path(__file__).parents[1] / "web" / "data" / "every-kind.toml"
T = TypeVar("T")


@dataclass
class Served:
    hub: Hub
    base_url: str
    loop: asyncio.AbstractEventLoop

    @property
    def room(self) -> str:
        return self.hub.state.room

    @property
    def join_url(self) -> str:
        return f"{self.base_url}/{self.room}"

    def run(self, coro: Coroutine[Any, Any, T], timeout: float = 10) -> T:
        """Run a coroutine on the server's loop and wait (bounded) for its result."""
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout)

    def goto(self, step_id: str) -> None:
        """Move the group to a step, as the facilitator's key press would."""
        index = [s.id for s in self.hub.state.workshop.steps].index(step_id)
        self.run(self.hub.execute(GoTo(index, self.hub.clock())))


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is missing: install Debian's chromium package"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, name="test-server", daemon=True)
    thread.start()

    async def start() -> tuple[Hub, WebServer, str]:
        workshop, cards = decks.load_workshop(WORKSHOP)
        hub = Hub.create(workshop, cards, tmp_path)
        await hub.start()
        server = WebServer(hub, host="127.0.0.1", port=0)
        info = await server.start()
        return hub, server, info.base_url

    started: Future[tuple[Hub, WebServer, str]] = asyncio.run_coroutine_threadsafe(start(), loop)
    hub, server, base_url = started.result(10)
    try:
        yield Served(hub, base_url, loop)
    finally:

        async def stop() -> None:
            await server.stop()
            await hub.close()

        asyncio.run_coroutine_threadsafe(stop(), loop).result(10)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(10)
        loop.close()


def new_phone(browser: Browser, width: int = 390, height: int = 844) -> Page:
    context = browser.new_context(
        viewport={"width": width, "height": height},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
    )
    context.set_default_timeout(5000)
    return context.new_page()


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    page = new_phone(browser)
    yield page
    page.context.close()


@pytest.fixture
def small_phone(browser: Browser) -> Iterator[Page]:
    page = new_phone(browser, 320, 640)
    yield page
    page.context.close()
