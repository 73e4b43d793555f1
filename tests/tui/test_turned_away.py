"""The projector tells the facilitator when the participant server turns phones away: pushed by
the server through `ServerInfo.turned_away`, not found by polling."""

from __future__ import annotations

from dataclasses import replace

from tests.tui.conftest import FIXED_NOW, INFO, MakeApp, screen_text, settle, until
from workshop_tui.participant_server import TurnedAway


async def test_the_projector_shows_phones_queued_and_turned_away(make_app: MakeApp) -> None:
    turned_away = TurnedAway()
    app = make_app(info=replace(INFO, turned_away=turned_away))
    async with app.run_test(size=(120, 34)) as pilot:
        await settle(pilot)
        assert "join queue" not in screen_text(app)
        assert not app.banner.has_class("shown")

        for _ in range(3):
            turned_away.record("queued", FIXED_NOW)
        turned_away.record("session_full", FIXED_NOW)
        # The record pushes to the projector: no key, no polling.
        await until(pilot, lambda: app.banner.has_class("shown"), "the notice")
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
        await until(pilot, lambda: app.banner.has_class("shown"), "the notice")
        assert "the room is closed (last minute): 1" in screen_text(app)
        now[0] += TurnedAway.WINDOW
        # What the notice's own timer does when its minute is over (this clock is not real).
        app.banner.notice_over()
        await until(pilot, lambda: not app.banner.has_class("shown"), "the notice to go")
        assert "the room is closed" not in screen_text(app)
        assert not app.banner.has_class("shown")
