from tests.tui.test_plan_form import *
from textual.widgets import Static
async def test_dbg(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await walk_to(app, "campaign")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("shift+tab", "shift+tab", "end", "backspace", "backspace", "1", "2")
        print(focused(app), form(app))
        await pilot.press("enter")
        await settle(pilot)
        print(focused(app), app.screen, app.screen.query_one("#plan-error", Static).render())
        assert 0
