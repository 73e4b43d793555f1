"""The ladder read from the back row: every rung the room sees is whole, the group's level and
the aspiration are always on screen, and whatever does not fit says so and where it is."""

from __future__ import annotations

from textual.pilot import Pilot

from tests.tui.conftest import MakeApp, answer, join, screen_text, settle, until
from tests.tui.long_ladder import PICKS, long_ladder
from workshop_tui.domain.commands import GoTo, SetRevealed
from workshop_tui.domain.deck import CardDeck, LevelsStep, Workshop
from workshop_tui.tui.app import ProjectorApp
from workshop_tui.tui.ladder_screen import LadderScreen
from workshop_tui.tui.theme import DARK
from workshop_tui.tui.views.levels import LevelsView

Mini = tuple[Workshop, dict[str, CardDeck]]
# With PICKS, everyone accepts rung 2 (the level) and most would go to rung 5 (the aspiration).
LEVEL, ASPIRATION = 2, 5


async def _answered(pilot: Pilot[None], app: ProjectorApp) -> None:
    """Go to the long ladder, let twelve people answer and reveal the results."""
    hub = app.hub
    people = await join(hub, *(f"P{n}" for n in range(len(PICKS))))
    index = [s.id for s in hub.state.workshop.steps].index("level")
    await hub.execute(GoTo(index, hub.clock()))
    step = hub.state.workshop.steps[index]
    assert isinstance(step, LevelsStep)
    for pid, pick in zip(people, PICKS, strict=True):
        await answer(hub, pid, "level", {"rungs": {area.id: pick for area in step.areas}})
    await hub.execute(SetRevealed("level", True))
    await until(pilot, lambda: isinstance(app.view, LevelsView) and bool(app.view.ctx))
    await settle(pilot)


def _whole(shown: str, area: int, rung: int) -> bool:
    """Whether rung `rung` of area `area` is on screen from its first word to its last."""
    return f"A{area}R{rung}start" in shown and f"A{area}R{rung}end" in shown


def _view(app: ProjectorApp) -> LevelsView:
    assert isinstance(app.view, LevelsView)
    return app.view


async def test_at_80x24_the_level_and_the_aspiration_stay_on_screen_in_full(
    make_app: MakeApp, mini: Mini
) -> None:
    app = make_app(workshop=long_ladder(mini[0]))
    async with app.run_test(size=(80, 24)) as pilot:
        await _answered(pilot, app)
        shown = screen_text(app)
        assert _whole(shown, 1, LEVEL) and _whole(shown, 1, ASPIRATION)
        assert "◀ LEVEL" in shown and "▲ aspiration" in shown
        # The rungs that do not fit are named where they would be, and reported.
        assert "+2 more: rungs 3–4" in shown
        assert "Area 1 of 6 (↑↓)" in shown
        assert _view(app).cut == ("Greeting: rungs 3–4 do not fit",)
        below_question = shown.split("Which rung do you commit to?", 1)[1]
        assert "…" not in below_question, "no rung is cut short"


async def test_the_area_keys_page_through_the_areas(make_app: MakeApp, mini: Mini) -> None:
    app = make_app(workshop=long_ladder(mini[0]))
    async with app.run_test(size=(160, 45)) as pilot:
        await _answered(pilot, app)
        shown = screen_text(app)
        assert "Areas 1–2 of 6 (↑↓)" in shown
        assert all(_whole(shown, area, rung) for area in (1, 2) for rung in range(1, 7))
        assert _view(app).cut == ()
        await pilot.press("down")
        await until(pilot, lambda: "Areas 3–4 of 6" in screen_text(app))
        shown = screen_text(app)
        assert _whole(shown, 3, LEVEL) and _whole(shown, 4, ASPIRATION)
        assert "A1R" not in shown
        await pilot.press("down", "down")
        await until(pilot, lambda: "Areas 5–6 of 6" in screen_text(app))
        await pilot.press("up")
        await until(pilot, lambda: "Areas 3–4 of 6" in screen_text(app))
        await pilot.press("up", "up")
        await until(pilot, lambda: "Areas 1–2 of 6" in screen_text(app))


async def test_a_small_window_shows_one_area_at_a_time(make_app: MakeApp, mini: Mini) -> None:
    app = make_app(workshop=long_ladder(mini[0]))
    async with app.run_test(size=(80, 24)) as pilot:
        await _answered(pilot, app)
        await pilot.press("down")
        await until(pilot, lambda: "Area 2 of 6" in screen_text(app))
        shown = screen_text(app)
        assert _whole(shown, 2, LEVEL) and _whole(shown, 2, ASPIRATION)
        assert _view(app).cut == ("Availability: rungs 3–4 do not fit",)


async def test_a_ladder_that_fits_is_shown_whole_with_nothing_reported(
    make_app: MakeApp, mini: Mini
) -> None:
    app = make_app(workshop=long_ladder(mini[0]))
    async with app.run_test(size=(240, 70)) as pilot:
        await _answered(pilot, app)
        shown = screen_text(app)
        assert all(_whole(shown, area, rung) for area in range(1, 7) for rung in range(1, 7))
        assert "of 6" not in shown and "more:" not in shown
        assert _view(app).cut == ()


async def test_arranging_a_long_ladder_at_80x24_keeps_rungs_status_and_keys_readable(
    make_app: MakeApp, mini: Mini
) -> None:
    app = make_app(workshop=long_ladder(mini[0]))
    async with app.run_test(size=(80, 24)) as pilot:
        await _answered(pilot, app)
        await pilot.press("a")
        await until(pilot, lambda: isinstance(app.screen, LadderScreen))
        await settle(pilot)
        shown = screen_text(app)
        assert _whole(shown, 1, 6), "the top rung wraps instead of running off the screen"
        assert "12 people already answered round 1" in shown
        assert "Esc close" in shown
        # The cursor row reads as text on the selection colour, not white on the accent.
        assert isinstance(app.screen, LadderScreen)
        cursor = app.screen.options.get_component_rich_style("option-list--option-highlighted")
        assert cursor.bgcolor is not None and cursor.color is not None
        assert (cursor.bgcolor.name, cursor.color.name) == (DARK.selection, DARK.text)


async def test_a_ladder_being_prepared_shows_its_top_rungs_and_says_what_is_below(
    make_app: MakeApp, mini: Mini
) -> None:
    workshop = long_ladder(mini[0])
    steps = [
        s.model_copy(update={"opens": "on_key"}) if s.id == "level" else s for s in workshop.steps
    ]
    app = make_app(workshop=workshop.model_copy(update={"steps": steps}))
    async with app.run_test(size=(80, 24)) as pilot:
        index = [s.id for s in workshop.steps].index("level")
        await app.hub.execute(GoTo(index, app.hub.clock()))
        await until(pilot, lambda: "Round 1 is being prepared" in screen_text(app))
        shown = screen_text(app)
        # Nothing is marked before anyone answers: the most ambitious rungs come first.
        assert _whole(shown, 1, 6) and "+2 more: rungs 1–2" in shown
        assert _view(app).cut == ("Greeting: rungs 1–2 do not fit",)
