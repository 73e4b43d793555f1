"""A presenter's clicker on the projector: the blank key shows only the room code until it is
pressed again (or a step key), and no key a clicker sends can quit or lose anything."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from tests.tui.conftest import ROOM, MakeApp, screen_text, settle, until, walk_to
from workshop_tui import decks
from workshop_tui.domain.commands import GoTo
from workshop_tui.domain.deck import LevelsStep
from workshop_tui.tui.app import ProjectorApp
from workshop_tui.tui.bigtext import BigText
from workshop_tui.tui.blank import BlankScreen
from workshop_tui.tui.confirm import DiscardScreen, QuitScreen
from workshop_tui.tui.plan_form import PlanScreen

# What presenters' clickers send: step keys, "black screen" (b and .), start and stop the show
# (F5, Shift+F5, Esc), full screen (F11), and Tab on some.
CLICKER_KEYS = ["escape", "f5", "shift+f5", "f11", "tab", "shift+tab"]


async def on_the_question(app: ProjectorApp) -> str:
    """Go to the first question and return what the room reads there."""
    await walk_to(app, "ideas")
    return "What is good service?"


@pytest.mark.parametrize("key", ["b", "full_stop"])
async def test_the_blank_key_shows_only_the_room_code_until_pressed_again(
    make_app: MakeApp, key: str
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        question = await on_the_question(app)
        await settle(pilot)
        assert question in screen_text(app)
        await pilot.press(key)
        await settle(pilot)
        assert isinstance(app.screen, BlankScreen)
        code = app.screen.query_one(BigText)
        assert code.text == ROOM
        assert code.size_for(code.content_region.width, code.content_region.height) is not None
        # Nothing else: no question, no top bar, no footer, no link.
        shown = screen_text(app)
        assert question not in shown and "Step" not in shown and "8765" not in shown
        await pilot.press(key)
        await settle(pilot)
        assert len(app.screen_stack) == 1 and question in screen_text(app)
        assert app.hub.state.current_step is not None
        assert app.hub.state.current_step.id == "ideas"


@pytest.mark.parametrize("key", ["right", "pagedown", "space", "left", "pageup", "escape"])
async def test_a_step_key_ends_the_blank_without_stepping(make_app: MakeApp, key: str) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await on_the_question(app)
        await settle(pilot)
        index = app.hub.state.current
        await pilot.press("b")
        await settle(pilot)
        assert isinstance(app.screen, BlankScreen)
        await pilot.press(key)
        await settle(pilot)
        assert len(app.screen_stack) == 1
        assert app.hub.state.current == index


@pytest.mark.parametrize("key", CLICKER_KEYS)
async def test_no_clicker_key_quits_or_moves_the_projector(make_app: MakeApp, key: str) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        question = await on_the_question(app)
        await settle(pilot)
        index = app.hub.state.current
        await pilot.press(key, key)
        await settle(pilot)
        assert app.is_running and not app.hub.closed
        assert len(app.screen_stack) == 1 and not isinstance(app.screen, QuitScreen)
        assert app.hub.state.current == index and question in screen_text(app)


async def test_esc_in_the_plan_form_asks_before_throwing_away_what_was_typed(
    make_app: MakeApp,
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await walk_to(app, "campaign")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, PlanScreen)
        # Nothing typed yet: Esc closes the form at once.
        await pilot.press("escape")
        await settle(pilot)
        assert len(app.screen_stack) == 1
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press(*["tab"] * 4, *"Anna")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, DiscardScreen)
        # Esc again (a clicker's second press) keeps the form and what was typed in it.
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, PlanScreen)
        assert app.screen.query_one("#plan-owner", Input).value == "Anna"
        await pilot.press("escape")
        await settle(pilot)
        await pilot.click("#discard-yes")
        await until(pilot, lambda: len(app.screen_stack) == 1, "the form to close")
        assert app.hub.state.steps["campaign"].plan is None


async def test_opening_a_prepared_step_moved_from_b_to_i(make_app: MakeApp) -> None:
    workshop, cards = decks.load_workshop(decks.bundled_dir() / "stjarnklass-en.toml")
    app = make_app(workshop=workshop, card_decks=cards)
    async with app.run_test(size=(120, 40)) as pilot:
        step = next(step for step in workshop.steps if isinstance(step, LevelsStep))
        await app.hub.execute(GoTo(workshop.steps.index(step), app.hub.clock()))
        await settle(pilot)
        assert app.hub.state.steps[step.id].status == "preparing"
        await pilot.press("b")
        await settle(pilot)
        assert isinstance(app.screen, BlankScreen)
        assert app.hub.state.steps[step.id].status == "preparing"
        await pilot.press("b", "i")
        await until(pilot, lambda: app.hub.state.steps[step.id].status == "open", "the step open")


async def test_the_console_can_blank_and_unblank_the_projector(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await on_the_question(app)
        await settle(pilot)
        assert await app.remote_key("blank") is None
        await settle(pilot)
        assert isinstance(app.screen, BlankScreen)
        assert await app.remote_key("blank") is None
        await settle(pilot)
        assert len(app.screen_stack) == 1
