"""The console's socket: owner-only, one console at a time, state pushed, bad lines answered.

Every test listens on a socket beside a session file under pytest's `tmp_path`, whose path is
longer than a Unix socket address holds: the link reaches it through the folder's descriptor.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import socket
import stat
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from workshop_tui.domain.commands import Answer
from workshop_tui.session.hub import Hub
from workshop_tui.tui.console_link import (
    ConsoleError,
    ConsoleLink,
    connect,
    encode,
    find_running,
    socket_path,
)

TIMEOUT = 5.0


class Keys:
    """Stands in for the projector: records the keys pressed and says no to `bad`."""

    def __init__(self) -> None:
        self.pressed: list[str] = []
        self.attached: list[bool] = []

    async def press(self, action: str) -> str | None:
        if action == "bad":
            return "not_now"
        self.pressed.append(action)
        return None


@pytest.fixture
async def link(hub: Hub) -> AsyncIterator[tuple[ConsoleLink, Keys]]:
    keys = Keys()
    running = ConsoleLink(hub, keys.press, keys.attached.append)
    await running.start()
    yield running, keys
    await running.stop()


async def line(reader: asyncio.StreamReader) -> dict[str, Any]:
    """The projector's next message, or fail within TIMEOUT."""
    raw = await asyncio.wait_for(reader.readline(), TIMEOUT)
    assert raw, "the projector hung up"
    message: dict[str, Any] = json.loads(raw)
    return message


async def reply(reader: asyncio.StreamReader) -> dict[str, Any]:
    """The next message that is not a pushed state."""
    while (message := await line(reader))["type"] == "state":
        pass
    return message


async def until_state(
    reader: asyncio.StreamReader, wanted: Callable[[dict[str, Any]], bool]
) -> dict[str, Any]:
    """Read pushed states until one is as wanted (each push is a change, so this is bounded)."""
    while True:
        message = await line(reader)
        state: dict[str, Any] = message.get("state", {})
        if message["type"] == "state" and wanted(state):
            return state


async def send(writer: asyncio.StreamWriter, message: dict[str, Any] | bytes) -> None:
    writer.write(message if isinstance(message, bytes) else encode(message))
    await writer.drain()


async def test_the_socket_is_beside_the_session_owner_only_and_gone_after(hub: Hub) -> None:
    link = ConsoleLink(hub, Keys().press)
    await link.start()
    path = socket_path(hub.path)
    assert path == hub.path.with_name(hub.path.name + ".console")
    mode = path.lstat().st_mode
    assert stat.S_ISSOCK(mode)
    assert stat.S_IMODE(mode) == 0o600
    await link.stop()
    assert not path.exists()


async def test_a_console_gets_the_state_and_its_keys_reach_the_projector(
    hub: Hub, link: tuple[ConsoleLink, Keys], goto: Callable[[Hub, str], Awaitable[None]]
) -> None:
    running, keys = link
    reader, writer, state = await connect(hub.path)
    assert state["title"] == hub.state.workshop.workshop.title
    await send(writer, {"key": "next_step"})
    assert await reply(reader) == {"type": "ok"}
    assert keys.pressed == ["next_step"]
    assert keys.attached == [True] and running.attached
    await send(writer, {"key": "bad"})
    assert (await reply(reader))["code"] == "not_now"
    # A change in the hub is pushed, without the console asking.
    await goto(hub, "ideas")
    pushed = await until_state(reader, lambda s: s["step"]["id"] == "ideas")
    assert pushed["notes"] == "Let people write for three minutes."
    assert pushed["next"]["id"] == "scenario"
    writer.close()
    await writer.wait_closed()


async def test_a_second_console_is_refused(hub: Hub, link: tuple[ConsoleLink, Keys]) -> None:
    first = await connect(hub.path)
    with pytest.raises(ConsoleError) as refused:
        await connect(hub.path)
    assert refused.value.code == "busy"
    first[1].close()
    await first[1].wait_closed()


async def test_no_running_projector_is_refused_clearly(tmp_path: Path) -> None:
    session = tmp_path / "2026-01-01_1000_mini_ABCD.json"
    with pytest.raises(ConsoleError) as missing:
        await connect(session)
    assert missing.value.code == "not_running"
    # A socket a killed projector left behind: nothing listens on it.
    with _short(socket_path(session)) as address:
        left = socket.socket(socket.AF_UNIX)
        left.bind(address)
        left.close()
    with pytest.raises(ConsoleError) as stale:
        await connect(session)
    assert stale.value.code == "not_running"


@contextlib.contextmanager
def _short(path: Path) -> Iterator[str]:
    """A bindable address for a path under tmp_path (which may be longer than 107 bytes)."""
    folder = os.open(path.parent, os.O_RDONLY | os.O_DIRECTORY)
    try:
        yield f"/proc/self/fd/{folder}/{path.name}"
    finally:
        os.close(folder)


async def test_bad_lines_get_an_error_and_the_projector_carries_on(
    hub: Hub, link: tuple[ConsoleLink, Keys]
) -> None:
    _, keys = link
    reader, writer, _ = await connect(hub.path)
    for bad in (b"{not json\n", b"[1, 2]\n", b'{"key": 3}\n', b'{"command": "drop"}\n'):
        await send(writer, bad)
        answer = await reply(reader)
        assert answer["type"] == "error", bad
        assert answer["code"] in {"bad_json", "bad_message"}
    await send(writer, b"\xff\xfe\n")
    assert (await reply(reader))["code"] == "bad_json"
    await send(writer, {"command": "release", "step_id": "ideas", "item_id": "nobody"})
    assert (await reply(reader))["code"] == "not_held"
    await send(writer, {"key": "reveal"})
    assert await reply(reader) == {"type": "ok"}
    assert keys.pressed == ["reveal"]
    # A line too long to be a command: answered, then hung up; the next console gets in.
    await send(writer, b"x" * (70 * 1024) + b"\n")
    assert (await reply(reader))["code"] == "line_too_long"
    assert await asyncio.wait_for(reader.read(), TIMEOUT) == b""
    again = await connect(hub.path)
    again[1].close()


async def test_held_answers_are_readable_and_released_or_rejected_from_the_console(
    hub: Hub, link: tuple[ConsoleLink, Keys], goto: Callable[[Hub, str], Awaitable[None]]
) -> None:
    await goto(hub, "ideas")
    for text in ("this is shit", "what the fuck"):
        person, _ = await hub.join()
        payload = {"answers": [{"text": text, "column": 0}]}
        await hub.execute(Answer(person.id, "ideas", payload, f"k-{text}", hub.clock()))
    reader, writer, state = await connect(hub.path)
    held = {item["text"]: item for item in state["held"]}
    assert set(held) == {"this is shit", "what the fuck"}

    release = held["this is shit"]
    await send(writer, {"command": "release", **_ids(release)})
    assert await reply(reader) == {"type": "ok"}
    reject = held["what the fuck"]
    await send(writer, {"command": "reject", **_ids(reject)})
    assert await reply(reader) == {"type": "ok"}
    await until_state(reader, lambda s: not s["held"])
    moderation = hub.state.steps["ideas"].moderation
    assert not moderation[release["item_id"]].held and not moderation[release["item_id"]].hidden
    assert not moderation[reject["item_id"]].held and moderation[reject["item_id"]].hidden
    writer.close()


def _ids(item: dict[str, Any]) -> dict[str, str]:
    return {"step_id": item["step_id"], "item_id": item["item_id"]}


async def test_the_running_session_is_found_in_the_sessions_folder(
    hub: Hub, link: tuple[ConsoleLink, Keys], tmp_path: Path
) -> None:
    assert find_running(hub.path.parent) == hub.path
    with pytest.raises(ConsoleError) as none:
        find_running(tmp_path)
    assert none.value.code == "none"
    other = socket.socket(socket.AF_UNIX)
    with _short(hub.path.with_name("2026-01-01_1000_mini_WXYZ.json.console")) as address:
        other.bind(address)
    other.listen()
    try:
        with pytest.raises(ConsoleError) as several:
            find_running(hub.path.parent)
        assert several.value.code == "several" and hub.path in several.value.found
    finally:
        other.close()


async def test_a_folder_others_can_write_to_gets_no_socket(hub: Hub) -> None:
    folder = hub.path.parent
    folder.chmod(0o777)
    try:
        with pytest.raises(ConsoleError) as unsafe:
            await ConsoleLink(hub, Keys().press).start()
        assert unsafe.value.code == "unsafe_folder"
        assert not socket_path(hub.path).exists()
    finally:
        folder.chmod(0o755)
