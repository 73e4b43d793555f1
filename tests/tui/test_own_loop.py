"""Phones never wait for the projector's paint: with the session on a loop of its own (in a
thread, or in a process as `workshop-tui run` does), a phone is acknowledged while the
projector's loop is busy, and the projector then shows what the phones saved, from its own
copy."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

import aiohttp
import pytest

from tests.tui.conftest import screen_text, settle
from workshop_tui.domain.deck import CardDeck, Workshop
from workshop_tui.domain.state import snapshot
from workshop_tui.session.hub import Hub
from workshop_tui.session.rebuild import read_state
from workshop_tui.tui.app import ProjectorApp
from workshop_tui.tui.session_process import SessionProcess
from workshop_tui.web import WebServer

# A bound on how long the projector's loop is held in the test (a paint never takes this long).
HELD = 10.0


def phone_in_a_thread(
    url: str, step: str, go: threading.Event, acknowledged: threading.Event
) -> threading.Thread:
    """A phone on a loop of its own that joins, and answers once `go` is set: the projector's
    loop is held meanwhile, so nothing of the test may run on it."""

    async def phone() -> None:
        async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as http:
            async with http.post(f"{url}/join") as joined:
                assert joined.status == 201
            go.wait(HELD)
            body = {"step": step, "key": "k1", "payload": {"answers": [{"text": "Own loop"}]}}
            async with http.post(f"{url}/answer", json=body) as answered:
                if answered.status == 200:
                    acknowledged.set()

    thread = threading.Thread(target=lambda: asyncio.run(phone()), daemon=True)
    thread.start()
    return thread


@pytest.mark.parametrize("apart", ["thread", "process"])
async def test_a_phone_is_acknowledged_while_the_projector_is_busy(
    mini: tuple[Workshop, dict[str, CardDeck]], tmp_path: Path, apart: str
) -> None:
    hub = Hub.create(*mini, tmp_path / "sessions")
    server = WebServer(hub, host="127.0.0.1", port=0)
    if apart == "process":
        # As `workshop-tui run` does: forked before the projector starts.
        server.bind()
        app = ProjectorApp(hub, server, session=SessionProcess.fork(hub, server, None))
    else:
        app = ProjectorApp(hub, server, own_loop=True)
    async with app.run_test(size=(120, 34)) as pilot:
        await pilot.press("right")
        await settle(pilot)
        assert app.session.state.current_step is not None
        step = app.session.state.current_step.id
        assert app.info is not None
        url = f"{app.info.base_url}/api/{app.session.state.room}"
        go, acknowledged = threading.Event(), threading.Event()
        phone = phone_in_a_thread(url, step, go, acknowledged)
        # The projector's loop held as a long paint would hold it: the phone's answer must
        # be stored and acknowledged meanwhile (on a shared loop it waits for the paint).
        go.set()
        answered_meanwhile = acknowledged.wait(HELD)
        phone.join(HELD)
        assert answered_meanwhile, "the phone waited for the projector's loop"
        await settle(pilot)
        # The projector shows it from its own copy, the same as the hub's state.
        assert "Own loop" in screen_text(app)
        assert app.session.state is not hub.state
    # Closed cleanly: everything acknowledged is in the file, as the projector showed it.
    _, saved = read_state(hub.path)
    assert snapshot(saved) == snapshot(app.session.state)
    assert len(saved.participants) == 1
