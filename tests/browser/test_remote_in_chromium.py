"""The facilitator's phone remote in Debian's chromium, driving a real projector.

The projector app (Textual, headless through its pilot) runs the session and the participant
server with `--remote`'s `RemoteControl` on a loop in a thread; the remote page on a phone-sized
page steps the workshop, and the projector follows through its own hub subscription.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect
from textual._context import active_app

from tests.browser.conftest import WORKSHOP, new_phone
from tests.tui.conftest import screen_text
from workshop_tui import decks
from workshop_tui.domain.commands import Answer
from workshop_tui.participant_server import RemoteControl
from workshop_tui.session.hub import Hub
from workshop_tui.tui.app import ProjectorApp
from workshop_tui.web import WebServer

NOTES = "Ask for one memory each; wait for the quiet ones."


@dataclass
class Running:
    hub: Hub
    app: ProjectorApp
    remote: RemoteControl
    loop: asyncio.AbstractEventLoop

    def run(self, coro: Any, timeout: float = 10) -> Any:
        """Run a coroutine on the projector's loop as part of the app (Textual finds its app
        through a context variable that a coroutine from another thread would not have)."""

        async def in_app() -> Any:
            active_app.set(self.app)
            return await coro

        return asyncio.run_coroutine_threadsafe(in_app(), self.loop).result(timeout)

    def screen_text(self) -> str:
        async def read() -> str:
            await self.app.up_to_date()
            return screen_text(self.app)

        return str(self.run(read()))


@pytest.fixture
def projector(tmp_path: Path) -> Iterator[Running]:
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, name="test-projector", daemon=True)
    thread.start()
    workshop, cards = decks.load_workshop(WORKSHOP)
    steps = [
        s.model_copy(update={"notes": NOTES}) if s.id == "memory" else s for s in workshop.steps
    ]
    workshop = workshop.model_copy(update={"steps": steps})
    hub = Hub.create(workshop, cards, tmp_path)
    remote = RemoteControl()
    server = WebServer(hub, host="127.0.0.1", port=0, remote_control=remote)
    server.bind()
    app = ProjectorApp(hub, server)
    ready: asyncio.Future[None] = loop.create_future()
    stop = asyncio.Event()

    async def serve() -> None:
        async with app.run_test(size=(120, 40)):
            ready.set_result(None)
            await stop.wait()

    done = asyncio.run_coroutine_threadsafe(serve(), loop)
    asyncio.run_coroutine_threadsafe(asyncio.wait_for(asyncio.shield(ready), 20), loop).result(25)
    try:
        yield Running(hub, app, remote, loop)
    finally:
        loop.call_soon_threadsafe(stop.set)
        done.result(20)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(10)
        loop.close()


@pytest.fixture
def remote_phone(browser: Browser) -> Iterator[Page]:
    page = new_phone(browser)
    yield page
    page.context.close()


def test_the_remote_steps_the_workshop_and_the_projector_follows(
    projector: Running, remote_phone: Page
) -> None:
    hub, page = projector.hub, remote_phone
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    assert projector.remote.url is not None
    page.goto(projector.remote.url)
    # The secret went into a cookie; the page's address holds none.
    assert page.url.endswith("/remote")
    assert projector.remote.token not in page.content()  # type: ignore[operator]
    expect(page.locator("#step")).to_have_text(hub.state.workshop.steps[0].title)

    page.click("#next_step")
    memory = hub.state.workshop.steps[1]
    expect(page.locator("#step")).to_have_text(memory.title)
    assert hub.state.current == 1
    assert memory.title in projector.screen_text()
    expect(page.locator("#notes")).to_have_text(NOTES)
    # The notes are the facilitator's: the room's screen does not show them.
    assert NOTES not in projector.screen_text()

    page.click("#next_step")
    expect(page.locator("#step")).to_have_text(hub.state.workshop.steps[2].title)
    page.click("#previous_step")
    expect(page.locator("#step")).to_have_text(memory.title)
    assert hub.state.current == 1

    page.click("#lock")
    expect(page.locator("#status")).to_contain_text("Locked")
    assert hub.state.steps["memory"].status == "locked"
    page.click("#lock")
    # The prompt's results are live: reveal hides them.
    expect(page.locator("#status")).to_contain_text("Results shown")
    page.click("#reveal")
    expect(page.locator("#status")).not_to_contain_text("Results shown")
    assert not hub.state.steps["memory"].revealed

    async def held_answer() -> None:
        participant, _ = await hub.join("Ann")
        payload = {"answers": [{"text": "what the fuck"}]}
        await hub.execute(Answer(participant.id, "memory", payload, "k1", hub.clock()))

    projector.run(held_answer())
    item = page.locator("#held li", has_text="what the fuck")
    expect(page.locator("#status")).to_contain_text("Answered: 1 of 1")
    assert errors == []
    expect(item).to_be_visible()
    item.get_by_role("button", name="Release held").click()
    expect(page.locator("#held")).to_contain_text("Nothing is held.")
    moderation = list(hub.state.steps["memory"].moderation.values())
    assert moderation and not moderation[0].held and not moderation[0].hidden
    page.click("#reveal")
    expect(page.locator("#status")).to_contain_text("Results shown")
    assert "what the fuck" in projector.screen_text()

    # Revoked on the projector (key d): the page says so and its buttons stop.
    async def revoke() -> None:
        await projector.app.run_action("revoke_remote")

    projector.run(revoke())
    expect(page.locator("#connection")).to_contain_text("no longer works")
    expect(page.locator("#next_step")).to_be_disabled()
    assert hub.state.current == 1
