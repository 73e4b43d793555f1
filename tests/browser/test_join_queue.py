"""A phone over the join limit in Debian's chromium: it says plainly that it is in a queue, with
the seconds to wait, and joins by itself when its turn comes (never an endless spinner)."""

from __future__ import annotations

import asyncio
import re
import threading
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.browser_server import Served
from workshop_tui import decks
from workshop_tui.hub import Hub
from workshop_tui.web import Limits, WebServer

pytestmark = pytest.mark.browser
WORKSHOP = Path(__file__).parents[1] / "web" / "data" / "every-kind.toml"
# One new phone every three seconds from one address, twenty at once: the test fills the burst,
# so the phone's turn comes about three seconds after it asks.
PER_MINUTE = 20


@pytest.fixture
def limited(tmp_path: Path) -> Iterator[Served]:
    """The every-kind workshop on 127.0.0.1 with a small join limit."""
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, name="test-server", daemon=True)
    thread.start()

    async def start() -> tuple[Hub, WebServer, str]:
        workshop, cards = decks.load_workshop(WORKSHOP)
        hub = Hub.create(workshop, cards, tmp_path)
        await hub.start()
        server = WebServer(
            hub, host="127.0.0.1", port=0, limits=Limits(joins_per_minute=PER_MINUTE)
        )
        info = await server.start()
        return hub, server, info.base_url

    hub, server, base_url = asyncio.run_coroutine_threadsafe(start(), loop).result(10)
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


def join_from_this_address(served: Served) -> int:
    request = urllib.request.Request(f"{served.base_url}/api/{served.room}/join", method="POST")
    with urllib.request.urlopen(request, timeout=5) as response:
        status: int = response.status
    return status


def test_a_phone_over_the_limit_waits_in_a_queue_and_joins_by_itself(
    limited: Served, phone: Page
) -> None:
    # The rest of the room, arrived a moment earlier through the same address (127.0.0.1).
    assert [join_from_this_address(limited) for _ in range(PER_MINUTE)] == [201] * PER_MINUTE
    phone.goto(limited.join_url)
    queue = phone.get_by_text("You're in the queue to join")
    expect(queue).to_be_visible()
    expect(phone.get_by_role("timer")).to_have_text(re.compile(r"^Your turn in about [1-3] s$"))
    expect(phone.locator("#connection")).to_be_hidden()
    # It asks again when its turn comes, with its place in the queue, and is let in.
    expect(phone.get_by_text("You're in. Wait for the facilitator to start.")).to_be_visible(
        timeout=10_000
    )
    expect(queue).to_be_hidden()
    assert len(limited.hub.state.participants) == PER_MINUTE + 1
