"""The follow-up workshop on the projector after a session whose fist of five did not agree:
the level it looks back on is a draft, its card carries the group's levels, and its next
campaign is proposed after the open one ends. On real session files
(`tests.export.draft_sessions`)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input

from tests.export.draft_sessions import FOLLOWUP_AT, draft_session, followed_up, followup_hub
from tests.export.export_sessions import clock_at
from tests.tui.conftest import INFO, screen_text, settle, walk_to
from workshop_tui.session.hub import Hub
from workshop_tui.tui.app import ProjectorApp
from workshop_tui.tui.plan_form import PlanScreen

SIZE = (140, 50)
AGREED_LAST_TIME = "Nivån ni kom överens om förra gången"
DRAFT_HEADING = "Nivån från förra gången är ett utkast"


@pytest.mark.parametrize("size", [SIZE, (120, 34), (80, 24)])
async def test_the_followup_heads_a_draft_as_a_draft(tmp_path: Path, size: tuple[int, int]) -> None:
    folder = tmp_path / "sessions"
    await draft_session(folder)
    app = ProjectorApp(followup_hub(folder), None, info=INFO)
    async with app.run_test(size=size) as pilot:
        await walk_to(app, "result")
        await settle(pilot)
        text = screen_text(app)
    assert AGREED_LAST_TIME not in text
    # However small the projector, the room is told the level was a draft.
    assert DRAFT_HEADING in text, text
    if size == SIZE:
        assert "Kampanjen har inte börjat än – den börjar 2026-12-07." in text


async def test_the_next_campaign_is_proposed_after_the_open_one_ends(tmp_path: Path) -> None:
    folder = tmp_path / "sessions"
    await draft_session(folder)
    app = ProjectorApp(followup_hub(folder), None, info=INFO)
    async with app.run_test(size=SIZE) as pilot:
        await walk_to(app, "next-campaign")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, PlanScreen)
        # The open campaign runs 2026-12-07 – 2027-01-17 (a Sunday): the Monday after.
        assert screen.query_one("#plan-start", Input).value == "2027-01-18"


async def test_the_followups_summary_carries_the_groups_levels(tmp_path: Path) -> None:
    folder = tmp_path / "sessions"
    _, followup = await followed_up(folder)
    app = ProjectorApp(Hub.resume(followup, clock_at(FOLLOWUP_AT)), None, info=INFO)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        text = screen_text(app)
    assert "Inga nivåer är låsta än" not in text
    assert "utkast från 2026-11-02, inte överenskommen" in text, text
