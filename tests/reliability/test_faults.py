"""Faults around the session: a restart with phones connected, a sessions folder that cannot be
written, a disk that fills in the middle of the workshop."""

from __future__ import annotations

import asyncio
import errno
import json
import os
import socket
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from tests.tui.conftest import INFO, screen_text, settle
from workshop_tui import cli, decks
from workshop_tui.domain.commands import GoTo
from workshop_tui.session.hub import Hub
from workshop_tui.tui.app import ProjectorApp
from workshop_tui.web import create_app
from workshop_tui.web.server import WebServer

MINI = Path(__file__).resolve().parents[1] / "data" / "mini.toml"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


async def first_view(response: aiohttp.ClientResponse) -> dict[str, Any]:
    """The first `view` event of a stream, after its `retry:` line."""
    assert (await asyncio.wait_for(response.content.readline(), 5)).startswith(b"retry:")
    while True:
        line = await asyncio.wait_for(response.content.readline(), 5)
        if line.startswith(b"data: "):
            data: dict[str, Any] = json.loads(line[6:])
            return data


async def test_after_a_restart_a_phones_stream_reconnects_as_the_same_participant(
    tmp_path: Path,
) -> None:
    workshop, cards = decks.load_workshop(MINI)
    hub = Hub.create(workshop, cards, tmp_path)
    await hub.start()
    port = free_port()
    server = WebServer(hub, host="127.0.0.1", port=port)
    base = (await server.start()).base_url
    room = hub.state.room
    jar = aiohttp.CookieJar(unsafe=True)
    async with aiohttp.ClientSession(cookie_jar=jar) as phone:
        joined = await (await phone.post(f"{base}/api/{room}/join")).json()
        me = joined["view"]["me"]["id"]
        await hub.execute(GoTo(1, hub.clock()))
        body = {"step": "ideas", "key": "k1", "payload": {"answers": [{"text": "Smile"}]}}
        assert (await phone.post(f"{base}/api/{room}/answer", json=body)).status == 200
        stream = await phone.get(f"{base}/api/{room}/stream")
        assert (await first_view(stream))["view"]["me"]["id"] == me

        # The facilitator's laptop restarts: the server stops, the session is resumed.
        await server.stop()
        await hub.close()
        assert await asyncio.wait_for(stream.content.read(), 5) is not None
        assert stream.content.at_eof()
        stream.close()
        resumed = Hub.resume(hub.path)
        await resumed.start()
        server = WebServer(resumed, host="127.0.0.1", port=port)
        assert (await server.start()).base_url == base
        try:
            # What EventSource does by itself after `retry` milliseconds: the same request.
            again = await phone.get(f"{base}/api/{room}/stream")
            view = (await first_view(again))["view"]
            again.close()
            assert view["me"]["id"] == me
            # The phone sees its earlier answer, so nobody is asked for it twice.
            assert view["step"]["id"] == "ideas"
            assert view["step"]["answer"]["answers"][0]["text"] == "Smile"
            assert len(resumed.state.participants) == 1
        finally:
            await server.stop()
            await resumed.close()


def test_a_sessions_folder_that_cannot_be_made_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    status = cli.main(["run", str(MINI), "--sessions-dir", str(blocker / "sessions")])
    err = capsys.readouterr().err
    assert status == 1
    assert "cannot create the sessions folder" in err and "--sessions-dir" in err
    assert "Traceback" not in err


def test_a_read_only_sessions_folder_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "sessions"
    folder.mkdir()
    real_open = open

    # Tests run as root in CI, and root writes through a 0o500 folder, so the kernel's refusal
    # is reproduced where the store opens its files.
    def refuse_in_folder(file: Any, *args: Any, **kwargs: Any) -> Any:
        if Path(file).parent == folder:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr("workshop_tui.session.store.open", refuse_in_folder, raising=False)
    status = cli.main(["run", str(MINI), "--sessions-dir", str(folder)])
    err = capsys.readouterr().err
    assert status == 1
    assert "writable" in err and "Permission denied" in err and "Traceback" not in err


async def test_a_disk_that_fills_shows_on_the_projector_and_the_phone_is_not_told_received(
    tmp_path: Path, aiohttp_client: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    workshop, cards = decks.load_workshop(MINI)
    hub = Hub.create(workshop, cards, tmp_path)
    app = ProjectorApp(hub, None, info=INFO)
    async with app.run_test(size=(120, 40)) as pilot:
        phone = await aiohttp_client(create_app(hub))
        room = hub.state.room
        assert (await phone.post(f"/api/{room}/join")).status == 201
        await hub.execute(GoTo(1, hub.clock()))
        real_fsync = os.fsync

        def full(fd: int) -> None:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        monkeypatch.setattr(os, "fsync", full)
        body = {"step": "ideas", "key": "k1", "payload": {"answers": [{"text": "Smile"}]}}
        refused = await phone.post(f"/api/{room}/answer", json=body)
        monkeypatch.setattr(os, "fsync", real_fsync)
        assert refused.status == 503
        assert refused.headers["Retry-After"] == "1"
        assert (await refused.json())["error"]["code"] == "not_stored"
        assert hub.state.steps["ideas"].current_answers == {}
        await settle(pilot)
        assert "SAVING FAILED" in screen_text(app) and "No space left" in screen_text(app)

        # Space again: the phone's retry is stored, and the warning goes away.
        assert (await phone.post(f"/api/{room}/answer", json=body)).status == 200
        await settle(pilot)
        assert "SAVING FAILED" not in screen_text(app)
    resumed = Hub.resume(hub.path)
    assert len(resumed.state.steps["ideas"].current_answers) == 1
    resumed.store.close()
