"""Debian's chromium driven by Playwright against a real server on 127.0.0.1 (free port)."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Awaitable, Callable, Iterator
from concurrent.futures import Future
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

import pytest
from playwright.sync_api import Browser, Page

from tests.browser.browser_server import Served
from workshop_tui import decks
from workshop_tui.session.hub import Hub
from workshop_tui.web import Limits, WebServer

WORKSHOP = Path(__file__).parents[1] / "web" / "data" / "every-kind.toml"
T = TypeVar("T")


@pytest.fixture
def served(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Served]:
    """The every-kind workshop served on 127.0.0.1; parametrize indirectly for another language,
    or with {"language": ..., "on_key": (step ids), "joins_per_minute": n} for steps that wait
    to be opened and a join limit of its own."""
    param = getattr(request, "param", "en")
    language = param if isinstance(param, str) else param.get("language", "en")
    on_key = () if isinstance(param, str) else tuple(param.get("on_key", ()))
    joins = None if isinstance(param, str) else param.get("joins_per_minute")

    async def make_hub() -> Hub:
        workshop, cards = decks.load_workshop(WORKSHOP)
        info = workshop.workshop.model_copy(update={"language": language})
        steps = [
            s.model_copy(update={"opens": "on_key"}) if s.id in on_key else s
            for s in workshop.steps
        ]
        workshop = workshop.model_copy(update={"workshop": info, "steps": steps})
        return Hub.create(workshop, cards, tmp_path)

    with serve(make_hub, Limits(joins_per_minute=joins)) as served:
        yield served


@contextmanager
def serve(make_hub: Callable[[], Awaitable[Hub]], limits: Limits) -> Iterator[Served]:
    """The hub `make_hub` makes, started with a real WebServer on 127.0.0.1 (a free port), on
    a loop of its own in a thread, as long as the block runs."""
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, name="test-server", daemon=True)
    thread.start()

    async def start() -> tuple[Hub, WebServer, str]:
        hub = await make_hub()
        await hub.start()
        server = WebServer(hub, host="127.0.0.1", port=0, limits=limits)
        return hub, server, (await server.start()).base_url

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


def new_phone(
    browser: Browser, width: int = 390, height: int = 844, locale: str | None = None
) -> Page:
    """A phone-sized page; with `locale`, a browser in that language (its Accept-Language)."""
    context = browser.new_context(
        locale=locale,
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


@pytest.fixture
def tablet(browser: Browser) -> Iterator[Page]:
    page = new_phone(browser, 820, 1180)
    yield page
    page.context.close()
