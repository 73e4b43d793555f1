"""The projector driven from the keyboard through a whole workshop, with phones simulated
through the hub; each check reads what the screen shows."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from typing import Any

from textual.widgets import Input

from tests.tui.conftest import (
    FIXED_NOW,
    HOSTILE,
    PEOPLE,
    SCRIPT,
    MakeApp,
    answer,
    join,
    screen_text,
    settle,
    until,
)
from workshop_tui.domain.deck import CardDeck, Workshop
from workshop_tui.session.store import StoreError
from workshop_tui.tui.app import ProjectorApp
from workshop_tui.tui.plan_form import PlanScreen
from workshop_tui.tui.views.prompt import PromptView


async def answer_all(app: ProjectorApp, step_id: str) -> None:
    hub = app.hub
    for pid, payload in zip(hub.state.participants, SCRIPT[step_id], strict=False):
        await answer(hub, pid, step_id, payload)


async def test_walk_the_whole_workshop(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 34)) as pilot:
        hub = app.hub
        await settle(pilot)
        assert "Nobody has joined yet" in screen_text(app)
        await join(hub, *PEOPLE)
        await settle(pilot)
        lobby = screen_text(app)
        assert "5 joined" in lobby and "Cecilia" in lobby and "192.168.1.20:8765/KQXT" in lobby

        # Prompt: live wall, hostile text shown literally, moderation with the cursor.
        await pilot.press("right")
        await answer_all(app, "ideas")
        await settle(pilot)
        wall = screen_text(app)
        assert "What is good service?" in wall and "5/5 answered" in wall
        assert HOSTILE in wall
        await pilot.press("down", "h")
        await settle(pilot)
        view = app.view
        assert isinstance(view, PromptView)
        hidden = [m for m in hub.state.steps["ideas"].moderation.values() if m.hidden]
        assert len(hidden) == 1 and "(hidden answer)" in screen_text(app)
        await pilot.press("s")
        await settle(pilot)
        assert any(m.highlighted for m in hub.state.steps["ideas"].moderation.values())
        await pilot.press("w")
        await settle(pilot)
        assert "Most common words" in screen_text(app)

        # Choice: the counts hidden until revealed (no anchoring on early votes), the options up.
        await pilot.press("right")
        await answer_all(app, "scenario")
        await settle(pilot)
        assert "Results are hidden" in screen_text(app)
        assert "Ask the caller to hold" in screen_text(app) and "60 %" not in screen_text(app)
        await pilot.press("r")
        await settle(pilot)
        choice = screen_text(app)
        assert "Ask the caller to hold" in choice and "60 %" in choice

        await pilot.press("right")
        await answer_all(app, "areas")
        await pilot.press("r")
        await settle(pilot)
        assert "mean 3.6" in screen_text(app) and "spread ±1.0" in screen_text(app)

        await pilot.press("right")
        await answer_all(app, "dots")
        await pilot.press("r")
        await settle(pilot)
        votes = screen_text(app)
        assert "1. A warm smile at the door" in votes and "6 dots" in votes

        await pilot.press("right")
        await answer_all(app, "routines")
        await pilot.press("right")
        await answer_all(app, "level")
        await pilot.press("r")
        await settle(pilot)
        ladder = screen_text(app)
        assert "Greeting" in ladder and "◀ LEVEL" in ladder and "▲ aspiration" in ladder
        await pilot.press("l")
        await settle(pilot)
        assert hub.state.steps["level"].levels == {"greeting": 1, "calls": 0}
        assert "◆ LOCKED" in screen_text(app) and "LOCKED" in screen_text(app)

        await pilot.press("right")
        await answer_all(app, "fist")
        await settle(pilot)
        fist = screen_text(app)
        assert "The level we are confirming" in fist and "I greet everyone I meet" in fist
        await pilot.press("r")
        await settle(pilot)
        assert "Everyone is at 3 or more" in screen_text(app)

        # Campaign: browse the deck, reveal the shortlist, plan the top card.
        await pilot.press("right")
        await answer_all(app, "campaign")
        await settle(pilot)
        assert "Card 1/3" in screen_text(app)
        await pilot.press("down")
        await settle(pilot)
        assert "Card 2/3" in screen_text(app) and "Call back the same day" in screen_text(app)
        await pilot.press("r", "up")
        await settle(pilot)
        assert "Shortlist" in screen_text(app) and "6 votes" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, PlanScreen)
        assert app.screen.query_one("#plan-start", Input).value == "2026-01-05"
        # The form opens on the purpose; the owner is four fields further down.
        await pilot.press(*["tab"] * 4, *"Anna", "enter")
        await settle(pilot)
        plan = hub.state.steps["campaign"].plan
        assert plan is not None and plan.card_id == "greeting" and plan.owner == "Anna"
        assert "Our campaign" in screen_text(app)

        await pilot.press("right")
        await answer_all(app, "followup")
        await pilot.press("r")
        await settle(pilot)
        assert "Customers say hello back" in screen_text(app)

        await pilot.press("right")
        await settle(pilot)
        card = screen_text(app)
        assert "Our service card" in card and "I greet everyone I meet" in card
        assert "Greeting contest" in card

        # Quitting asks first.
        await pilot.press("q")
        await settle(pilot)
        assert "Quit the workshop?" in screen_text(app)
        await pilot.press("n")
        await settle(pilot)
        assert len(app.screen_stack) == 1
        await pilot.press("q", "y")
        await settle(pilot)
    assert hub.closed


async def test_timer_runs_down_and_locks_the_step(make_app: MakeApp) -> None:
    now = [FIXED_NOW]
    app = make_app(clock=lambda: now[0])
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("right")
        await settle(pilot)
        assert "3:00" in screen_text(app) and "paused" in screen_text(app)
        await pilot.press("plus", "t")
        now[0] += 60
        # What the countdown's own ticker does while the timer runs (this clock is not real).
        app.band.tick()
        await settle(pilot)
        # Running, it is in the band of large figures under the top bar.
        assert app.band.time.text == "3:00"
        now[0] += 181
        app.hub.check_deadline()
        await until(pilot, lambda: "LOCKED" in screen_text(app), "the lock at zero")
        assert app.hub.state.steps["ideas"].status == "locked"
        assert "LOCKED" in screen_text(app) and "0:00" in screen_text(app)


async def test_refusals_are_shown_not_raised(make_app: MakeApp) -> None:
    app = make_app()
    shown: list[str] = []
    notify = app.notify

    def record(message: str, **options: Any) -> None:
        shown.append(message)
        notify(message, **options)

    app.notify = record  # type: ignore[method-assign]
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("right", "right")
        await pilot.press("t")  # the choice step has no timer
        await settle(pilot)
        assert shown == ["Not done: The timer has no time left; add a minute first."]


async def test_notes_help_and_banners(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 34)) as pilot:
        await pilot.press("right")
        await settle(pilot)
        assert "Let people write for three minutes" not in screen_text(app)
        await pilot.press("n")
        await settle(pilot)
        assert "Let people write for three minutes" in screen_text(app)
        await pilot.press("question_mark")
        await settle(pilot)
        assert "Keys" in screen_text(app) and "Hide answer" in screen_text(app)
        await pilot.press("escape")

        def full_disk(batch: object) -> None:
            raise StoreError("disk full")

        # The disk refuses the facilitator's next key: the banner says so.
        app.hub.store.append = full_disk  # type: ignore[method-assign, assignment]
        app.info = replace(app.info, loopback_only=True) if app.info else None
        await pilot.press("t")
        await settle(pilot)
        text = screen_text(app)
        assert "SAVING FAILED: disk full" in text
        assert "phones cannot reach this computer" in text


async def test_flood_of_answers_keeps_the_keyboard(
    make_app: MakeApp,
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 34)) as pilot:
        hub = app.hub
        people = await join(hub, *(f"P{n}" for n in range(250)))
        await pilot.press("right")
        sends = [
            answer(hub, pid, "ideas", {"answers": [{"text": f"idea {n}", "column": 0}]})
            for n, pid in enumerate(people)
        ]
        flood = asyncio.gather(*sends)
        await pilot.press("n")
        assert app.show_notes
        await flood
        await settle(pilot)
        assert "250/250 answered" in screen_text(app)


async def test_labels_follow_the_session_language(
    make_app: MakeApp, mini: tuple[Workshop, dict[str, CardDeck]]
) -> None:
    workshop, cards = mini
    swedish = workshop.model_copy(
        update={"workshop": workshop.workshop.model_copy(update={"language": "sv"})}
    )
    app = make_app(workshop=swedish, card_decks=cards)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "Nästa" in text and "Skanna koden" in text and "Ingen har anslutit" in text
