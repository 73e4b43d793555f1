"""A choice step before its reveal: the options are up for the room to read, the counts wait."""

from __future__ import annotations

from tests.tui.conftest import MakeApp, screen_text, settle, walk_to


async def test_the_options_show_while_the_results_are_hidden(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 34)) as pilot:
        await walk_to(app, "scenario")
        await pilot.press("r")
        await settle(pilot)
        assert not app.hub.state.steps["scenario"].revealed
        hidden = screen_text(app)
        for line in ("A  Finish the call", "B  Nod and smile", "C  Ask the caller to hold"):
            assert line in hidden
        assert "Results are hidden" in hidden
        assert "%" not in hidden, "no count or share before the reveal"
        await pilot.press("r")
        await settle(pilot)
        assert "60 %" in screen_text(app)
