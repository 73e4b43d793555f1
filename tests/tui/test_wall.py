"""The answer wall as the room sees it while answers keep arriving."""

from __future__ import annotations

from tests.tui.conftest import MakeApp, answer, join, screen_text, settle
from workshop_tui.domain.commands import GoTo, SetRevealed


async def test_the_newest_answers_stay_in_view_when_the_cursor_goes_down(
    make_app: MakeApp,
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 24)) as pilot:
        hub = app.hub
        people = await join(hub, *(f"P{i}" for i in range(40)))
        await hub.execute(GoTo(1, hub.clock()))
        await hub.execute(SetRevealed("ideas", True))
        for number, pid in enumerate(people):
            await answer(hub, pid, "ideas", {"answers": [{"text": f"Idea {number}"}]})
        await settle(pilot)
        assert "Idea 39" in screen_text(app)
        # The facilitator walks the cursor far down the wall...
        await pilot.press(*["down"] * 30)
        await settle(pilot)
        shown = screen_text(app)
        # ...and the newest answer is still at the top, the cursor's answer is shown too, and
        # the wall says how many answers are between them.
        assert "Idea 39" in shown
        assert "▶ Idea 9" in shown
        assert "more answers in between" in shown
        # A new answer arrives: it is on screen at once.
        (late,) = await join(hub, "Late")
        await answer(hub, late, "ideas", {"answers": [{"text": "Idea late"}]})
        await settle(pilot)
        assert "Idea late" in screen_text(app)
