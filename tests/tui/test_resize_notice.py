"""After the projector's window is resized, a notice names what the step no longer shows and
the pre-flight check to run; when everything fits, there is none."""

from __future__ import annotations

from typing import Any

from tests.tui.conftest import MakeApp, settle, until
from workshop_tui.tui.app import ProjectorApp


def notices(app: ProjectorApp) -> list[str]:
    """Record what the app tells the facilitator from now on."""
    shown: list[str] = []
    notify = app.notify

    def record(message: str, **options: Any) -> None:
        shown.append(message)
        notify(message, **options)

    app.notify = record  # type: ignore[method-assign]
    return shown


async def test_a_resize_that_cuts_the_step_says_what_and_how_to_check(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        shown = notices(app)
        await pilot.resize_terminal(60, 18)
        await until(pilot, lambda: bool(shown), "the notice after the resize")
        [notice] = shown
        assert "the join QR code" in notice
        assert "workshop-tui check --fit 60x18 mini" in notice
        # Back to a size where it fits: no new notice.
        await pilot.resize_terminal(80, 24)
        await until(pilot, lambda: app.resize_notice.checked_size == (80, 24), "the check at 80x24")
        assert shown == [notice]


async def test_no_notice_when_everything_still_fits(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        shown = notices(app)
        await pilot.resize_terminal(160, 45)
        await until(
            pilot, lambda: app.resize_notice.checked_size == (160, 45), "the check at 160x45"
        )
        assert shown == []
