"""The projector with the facilitator's console attached shows only what the room should see."""

from __future__ import annotations

import asyncio
import json
from typing import Any

from workshop_tui.domain.commands import Answer, GoTo
from workshop_tui.tui.app import ProjectorApp
from workshop_tui.tui.console_link import connect, encode

from .conftest import MakeApp, join, screen_text, settle

TIMEOUT = 5.0


async def reply(reader: asyncio.StreamReader) -> dict[str, Any]:
    """The projector's next answer to the console (pushed states skipped)."""
    while True:
        message: dict[str, Any] = json.loads(await asyncio.wait_for(reader.readline(), TIMEOUT))
        if message["type"] != "state":
            return message


async def test_notes_and_the_release_key_leave_the_projector_while_a_console_is_attached(
    make_app: MakeApp,
) -> None:
    app: ProjectorApp = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        hub = app.hub
        await join(hub, "Ada")
        (person,) = hub.state.participants
        await hub.execute(GoTo(1, hub.clock()))
        payload = {"answers": [{"text": "what a shitty queue", "column": 0}]}
        await hub.execute(Answer(person, "ideas", payload, "k1", hub.clock()))
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert app.notes.has_class("shown") and "Release held" in screen_text(app)

        # The first state comes once the projector counts the console as attached.
        reader, writer, state = await connect(hub.path)
        assert state["held"][0]["text"] == "what a shitty queue"
        await settle(pilot)
        assert app.console_attached and not app.notes.has_class("shown")
        shown = screen_text(app)
        assert "Release held" not in shown and "Notes" not in shown
        assert "shitty" not in shown

        writer.write(encode({"key": "next_step"}))
        assert await reply(reader) == {"type": "ok"}
        assert hub.state.current == 2
        writer.write(encode({"key": "hide"}))  # the projector's own cursor is not the console's
        assert (await reply(reader))["code"] == "unknown_key"
        writer.write(encode({"key": "choose"}))
        assert (await reply(reader))["code"] == "unknown_key"

        # Detached (the projector hangs up its end too): the notes come back on request.
        writer.close()
        while await asyncio.wait_for(reader.read(4096), TIMEOUT):
            pass
        await settle(pilot)
        assert not app.console_attached and app.notes.has_class("shown")
