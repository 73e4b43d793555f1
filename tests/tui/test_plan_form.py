"""The campaign form and the projector's dialogs from the keyboard, as a facilitator uses them:
Tab and Shift-Tab go round every field, and a reopened plan keeps what was saved."""

from __future__ import annotations

from dataclasses import replace

import pytest
from textual.containers import VerticalScroll
from textual.widgets import Input

from tests.tui.conftest import MakeApp, screen_text, settle, walk_to
from workshop_tui.domain.state import CampaignPlan
from workshop_tui.tui.app import ProjectorApp
from workshop_tui.tui.confirm import QuitScreen
from workshop_tui.tui.help import HelpScreen
from workshop_tui.tui.plan_form import LongField, PlanScreen

# Every stop of the plan form, in the order Tab visits them.
PLAN_STOPS = [
    "plan-purpose",
    "plan-goal",
    "plan-start",
    "plan-end",
    "plan-owner",
    "plan-followup",
    "plan-save",
    "plan-cancel",
]


def focused(app: ProjectorApp) -> str | None:
    widget = app.screen.focused
    return None if widget is None else widget.id


def form(app: ProjectorApp) -> dict[str, str]:
    """What the open plan form's fields hold."""
    screen = app.screen
    assert isinstance(screen, PlanScreen)
    return {
        stop.removeprefix("plan-"): screen.value(stop.removeprefix("plan-"))
        for stop in PLAN_STOPS
        if stop not in ("plan-save", "plan-cancel")
    }


async def test_tab_and_shift_tab_go_round_every_field_of_the_plan_form(
    make_app: MakeApp,
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await walk_to(app, "campaign")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, PlanScreen)
        assert focused(app) == "plan-purpose"
        start = PLAN_STOPS.index("plan-purpose")
        rounds = range(1, len(PLAN_STOPS) + 1)
        forward = []
        for _ in rounds:
            await pilot.press("tab")
            forward.append(focused(app))
        assert forward == [PLAN_STOPS[(start + i) % len(PLAN_STOPS)] for i in rounds]
        backward = []
        for _ in rounds:
            await pilot.press("shift+tab")
            backward.append(focused(app))
        assert backward == [PLAN_STOPS[(start - i) % len(PLAN_STOPS)] for i in rounds]
        # Tab lands in a field the facilitator then edits, and Enter there saves the form.
        await pilot.press("tab", "tab", "end", "backspace", "backspace", "1", "2")
        await pilot.press("tab", "tab", *"Anna", "enter")
        await settle(pilot)
        plan = app.hub.state.steps["campaign"].plan
        assert plan is not None and (plan.start, plan.end) == ("2026-01-12", "2026-01-25")
        assert plan.owner == "Anna"


async def test_tab_moves_between_the_quit_dialogs_answers(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 34)) as pilot:
        await settle(pilot)
        await pilot.press("q")
        await settle(pilot)
        assert isinstance(app.screen, QuitScreen)
        assert focused(app) == "quit-no"
        await pilot.press("shift+tab")
        assert focused(app) == "quit-yes"
        await pilot.press("tab")
        assert focused(app) == "quit-no"
        await pilot.press("tab")
        assert focused(app) == "quit-yes"
        # The one Tab chose is the one Enter presses: staying is one Tab away.
        await pilot.press("tab", "enter")
        await settle(pilot)
        assert not isinstance(app.screen, QuitScreen) and app.is_running


async def test_over_the_help_tab_does_not_reach_the_facilitators_keys(
    make_app: MakeApp,
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 34)) as pilot:
        await settle(pilot)
        before = app.hub.state.current_step
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        # The help has nothing to focus; the keys behind it (→ for the next step) stay off.
        await pilot.press("tab", "shift+tab", "right")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        assert app.hub.state.current_step == before


async def test_a_reopened_plan_shows_what_was_saved_and_keeps_its_dates(
    make_app: MakeApp,
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await walk_to(app, "campaign")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        # The group moves the campaign to February and names an owner.
        for stop, value in (
            ("plan-start", "2026-02-02"),
            ("plan-end", "2026-02-22"),
            ("plan-followup", "2026-03-02"),
            ("plan-owner", "Anna"),
        ):
            field = app.screen.query_one(f"#{stop}", Input)
            field.focus()
            field.value = value
        await pilot.press("enter")
        await settle(pilot)
        saved = app.hub.state.steps["campaign"].plan
        assert saved is not None and saved.start == "2026-02-02" and saved.owner == "Anna"

        await pilot.press("enter")
        await settle(pilot)
        assert form(app) == {
            "purpose": saved.purpose,
            "goal": saved.goal,
            "start": "2026-02-02",
            "end": "2026-02-22",
            "owner": "Anna",
            "followup": "2026-03-02",
        }
        # Saved again untouched: the same plan, not one moved after itself.
        await pilot.press("enter")
        await settle(pilot)
        assert app.hub.state.steps["campaign"].plan == saved

        # Only what the facilitator edits changes; the period stays.
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press(*["tab"] * 4, "end", *" and Bo", "enter")
        await settle(pilot)
        assert app.hub.state.steps["campaign"].plan == replace(saved, owner="Anna and Bo")
        assert "2026-02-02" in screen_text(app)


async def test_planning_a_different_card_starts_from_it_without_moving_past_the_old_plan(
    make_app: MakeApp,
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await walk_to(app, "campaign")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press(*["tab"] * 4, *"Anna", "enter")
        await settle(pilot)
        first = app.hub.state.steps["campaign"].plan
        assert isinstance(first, CampaignPlan) and first.start == "2026-01-05"
        # The group changes its mind: the next card replaces this step's campaign, so the
        # period is the same first free window, not the one after the plan it replaces.
        await pilot.press("down", "enter")
        await settle(pilot)
        values = form(app)
        screen = app.screen
        assert isinstance(screen, PlanScreen) and screen.card.id != first.card_id
        assert values["purpose"] == screen.card.purpose and values["owner"] == ""
        assert values["start"] == "2026-01-05"


@pytest.mark.parametrize("size", [(120, 34), (80, 24)])
async def test_the_plan_form_opens_at_the_top_with_its_long_fields_whole(
    make_app: MakeApp, size: tuple[int, int]
) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await walk_to(app, "campaign")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, PlanScreen)
        # Opened at the top: the purpose has the focus and nothing above it is scrolled away.
        assert focused(app) == "plan-purpose"
        assert screen.query_one(VerticalScroll).scroll_y == 0
        for name in ("purpose", "goal"):
            field = screen.query_one(f"#plan-{name}", LongField)
            # A card's sentence as long as the bundled workshops' (the test deck's are short).
            field.text = " ".join([field.text] * 4)
            await settle(pilot)
            assert len(field.text) > field.content_region.width, "the text fits one row"
            # Wrapped over as many rows as it takes, every row of it on the screen.
            assert field.wrapped_document.height > 1
            assert field.content_region.height >= field.wrapped_document.height
            assert screen.region.contains_region(field.region), f"{name} off screen"
            assert screen.query_one("#plan-start", Input).region.width == field.region.width
