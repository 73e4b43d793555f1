"""The projector tells the facilitator when the participant server turns phones away: pushed by
the server through `ServerInfo.turned_away`, not found by polling."""

from __future__ import annotations

from dataclasses import replace

from tests.tui.conftest import FIXED_NOW, INFO, MakeApp, screen_text
from workshop_tui.participant_server import TurnedAway


async def test_the_projector_shows_phones_queued_and_turned_away(make_app: MakeApp) -> None:
    turned_away = TurnedAway()
    app = make_app(info=replace(INFO, turned_away=turned_away))
    async with app.run_test(size=(120, 34)) as pilot:
        app.changed()
        await pilot.pause()
        assert "join queue" not in screen_text(app)
        assert not app.banner.has_class("shown")

        for _ in range(3):
            turned_away.record("queued", FIXED_NOW)
        turned_away.record("session_full", FIXED_NOW)
        # What the frame timer runs: it redraws only what was marked stale, here by the push.
        app.changed()
        await pilot.pause()
        shown = screen_text(app)
        assert app.banner.has_class("shown")
        assert "Phones waiting in the join queue (last minute): 3" in shown
        assert "--joins-per-minute" in shown
        assert "the room is full (last minute): 1" in shown


async def test_the_notice_goes_once_its_minute_is_over(make_app: MakeApp) -> None:
    now = [FIXED_NOW]
    turned_away = TurnedAway()
    app = make_app(info=replace(INFO, turned_away=turned_away), clock=lambda: now[0])
    async with app.run_test(size=(120, 34)) as pilot:
        turned_away.record("joining_closed", now[0])
        app.changed()
        await pilot.pause()
        assert "the room is closed (last minute): 1" in screen_text(app)
        now[0] += TurnedAway.WINDOW
        app._notice_over()
        app.changed()
        await pilot.pause()
        assert "the room is closed" not in screen_text(app)
        assert not app.banner.has_class("shown")
