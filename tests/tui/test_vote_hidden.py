"""A dot vote before its reveal: the options are up for the room to read, the dots wait."""

from __future__ import annotations

from tests.tui.conftest import MakeApp, screen_text, settle, walk_to


async def test_the_vote_options_show_while_the_dots_are_hidden(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 34)) as pilot:
        await walk_to(app, "dots")
        await pilot.press("r")
        await settle(pilot)
        assert not app.hub.state.steps["dots"].revealed
        hidden = screen_text(app)
        options = app.hub.state.steps["dots"].options
        assert options
        for number, option in enumerate(options, start=1):
            assert f"{number}. {option}"[:40] in hidden
        assert "Results are hidden" in hidden
        assert "6 dots" not in hidden, "no dots before the reveal"
        await pilot.press("r")
        await settle(pilot)
        assert "6 dots" in screen_text(app)
