"""Preparing a ladder before anyone votes, rounds that start clean, a consensus check that
decides something, and a vote that never stays empty, all from the projector's keys."""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot

from tests.tui.conftest import PEOPLE, MakeApp, answer, join, screen_text, settle, until, walk_to
from workshop_tui.domain.deck import CardDeck, Workshop
from workshop_tui.domain.service_card import service_card
from workshop_tui.domain.verdict import Refused
from workshop_tui.export.markdown import outcome_markdown
from workshop_tui.export.outcome import build_outcome
from workshop_tui.export.pocket import pocket_paragraphs
from workshop_tui.export.source import load_session
from workshop_tui.tui.app import ProjectorApp
from workshop_tui.tui.ladder_screen import LadderScreen
from workshop_tui.web.views import card_view

GREETING = ["I greet customers", "I greet everyone I meet", "I greet by name when I can"]
PROPOSAL = "Say hello to everyone in the corridor"


def prepared(workshop: Workshop) -> Workshop:
    """The mini workshop with its ladder waiting to be opened, as a deck's levels step does
    by default, and two minutes on its timer."""
    steps = [
        s.model_copy(update={"opens": "on_key", "time_limit": 120}) if s.id == "level" else s
        for s in workshop.steps
    ]
    return workshop.model_copy(update={"steps": steps})


def showing(app: ProjectorApp, step_id: str) -> bool:
    view = app.view
    return view is not None and view.ctx is not None and view.ctx.step.id == step_id


async def to_level(pilot: Pilot[None], app: ProjectorApp) -> None:
    """Play the session up to the proposals, then go on to the ladder with the key."""
    await walk_to(app, "routines")
    await pilot.press("right")
    await until(pilot, lambda: showing(app, "level"))


async def refused(app: ProjectorApp, step_id: str, payload: dict[str, object]) -> str:
    with pytest.raises(Refused) as caught:
        await answer(app.hub, next(iter(app.hub.state.participants)), step_id, payload)
    return caught.value.code


Mini = tuple[Workshop, dict[str, CardDeck]]


async def test_the_ladder_is_prepared_while_the_phones_wait_then_opened(
    make_app: MakeApp, mini: Mini
) -> None:
    app = make_app(workshop=prepared(mini[0]))
    async with app.run_test(size=(120, 40)) as pilot:
        await to_level(pilot, app)
        level = app.hub.state.steps["level"]
        assert level.status == "preparing"
        shown = screen_text(app)
        assert "PREPARING" in shown and "Round 1 is being prepared" in shown
        assert "i Open for answers" in shown
        assert await refused(app, "level", {"rungs": {"greeting": 0}}) == "preparing"

        await pilot.press("a")
        await until(pilot, lambda: isinstance(app.screen, LadderScreen))
        await until(pilot, lambda: "the phones wait" in screen_text(app))
        # The proposal asks where it goes; the second place from the top is between the
        # deck's two most ambitious rungs.
        await pilot.press("end", "up", "enter")
        await until(pilot, lambda: f"Where does “{PROPOSAL}” go?" in screen_text(app))
        await pilot.press("down", "enter")
        await until(
            pilot, lambda: level.ladders["greeting"] == [*GREETING[:2], PROPOSAL, GREETING[2]]
        )
        # A dropped rung comes back with undo.
        await pilot.press("home", "x")
        await until(pilot, lambda: level.ladders["greeting"] == [*GREETING[:2], PROPOSAL])
        await pilot.press("z")
        await until(
            pilot, lambda: level.ladders["greeting"] == [*GREETING[:2], PROPOSAL, GREETING[2]]
        )
        assert "Undone" in screen_text(app)

        await pilot.press("i")
        await until(pilot, lambda: level.status == "open")
        await answer(
            app.hub, next(iter(app.hub.state.participants)), "level", {"rungs": {"greeting": 3}}
        )
        assert len(level.current_answers) == 1
        await pilot.press("escape")
        await until(pilot, lambda: not isinstance(app.screen, LadderScreen))
        assert "PREPARING" not in screen_text(app)


async def test_a_new_round_of_the_ladder_starts_clean(make_app: MakeApp, mini: Mini) -> None:
    app = make_app(workshop=prepared(mini[0]))
    async with app.run_test(size=(120, 40)) as pilot:
        await to_level(pilot, app)
        hub, level = app.hub, app.hub.state.steps["level"]
        await pilot.press("i")
        await until(pilot, lambda: level.status == "open")
        for pid in hub.state.participants:
            await answer(hub, pid, "level", {"rungs": {"greeting": 1, "calls": 1}})
        await pilot.press("r", "t", "plus")
        await until(pilot, lambda: level.revealed and level.timer.remaining == 180)
        await pilot.press("l")
        await until(pilot, lambda: "◆ LOCKED" in screen_text(app))
        # Unlocking takes the level back: no lock marks are left behind.
        await pilot.press("l")
        await until(pilot, lambda: level.status == "open")
        assert level.levels is None
        assert "LOCKED" not in screen_text(app)

        await pilot.press("l", "v")
        await until(pilot, lambda: level.round == 2)
        assert (level.status, level.revealed) == ("preparing", False)
        assert (level.timer.remaining, level.timer.running) == (120, False)
        shown = screen_text(app)
        assert "Round 2 is being prepared" in shown and "LOCKED" not in shown
        assert len(level.answers[1]) == len(PEOPLE), "the first round's answers are kept"


async def test_a_new_round_of_the_consensus_check_starts_clean(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await walk_to(app, "fist")
        fist = app.hub.state.steps["fist"]
        await until(pilot, lambda: showing(app, "fist"))
        await pilot.press("t", "plus", "l")
        await until(pilot, lambda: fist.status == "locked" and "LOCKED" in screen_text(app))
        await pilot.press("v")
        await until(pilot, lambda: fist.round == 2)
        # The check opens on arrival, so its new round takes answers at once, hidden again.
        assert (fist.status, fist.revealed, fist.timer.running) == ("open", False, False)
        assert fist.timer.remaining == app.hub.state.workshop.step("fist").time_limit
        assert "LOCKED" not in screen_text(app) and "Results are hidden" in screen_text(app)


async def test_a_check_below_the_threshold_makes_the_card_a_draft_and_leads_back(
    make_app: MakeApp,
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        hub = app.hub
        await walk_to(app, "fist")
        people = list(hub.state.participants)
        fists: list[dict[str, Any]] = [
            {"fist": 1, "reason": "Name tags for everyone"},
            {"fist": 4},
            {"fist": 2, "reason": "A quieter reception desk"},
            {"fist": 3},
            {"fist": 5},
        ]
        for pid, payload in zip(people, fists, strict=True):
            await answer(hub, pid, "fist", payload)
        await until(pilot, lambda: "✘ 2 below 3" in screen_text(app))
        # The footer is rebuilt after the view: let it catch up before reading its keys.
        await settle(pilot)
        shown = screen_text(app)
        # The reasons in alphabetical order, not in the order they came, and with no names.
        assert "What would bring people up to 3 (anonymous):" in shown
        assert shown.index("A quieter reception desk") < shown.index("Name tags for everyone")
        assert not any(name in shown for name in PEOPLE)
        assert "c Back to the ladder" in shown

        for _ in range(3):  # the campaign, the follow-up, the service card
            await pilot.press("right")
        await until(pilot, lambda: showing(app, "end"))
        shown = screen_text(app)
        assert "DRAFT — the level is not agreed: 2 below 3 in the fist of five." in shown
        assert "c goes back to the ladder" in shown
        assert service_card(hub.state).draft and card_view(hub.state)["draft"]
        await hub.written()
        outcome = build_outcome(load_session(hub.path))
        draft = "DRAFT — the level is not agreed: 2 below 3 in the fist of five."
        assert f"**{draft}**" in outcome_markdown(outcome)
        pocket = ["".join(run.text for run in p.runs) for p in pocket_paragraphs(outcome)]
        assert draft in pocket

        await pilot.press("c")
        await until(pilot, lambda: showing(app, "level"))
        level = hub.state.steps["level"]
        await until(pilot, lambda: level.round == 2)
        assert level.levels is None and level.current_answers == {}
        assert not service_card(hub.state).draft, "no longer a draft: not agreed *yet*"


async def test_a_vote_on_an_empty_prompt_takes_its_options_again(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        hub = app.hub
        await join(hub, *PEOPLE)
        # The clicker slips past the ideas before anyone has answered.
        for _ in range(4):
            await pilot.press("right")
        await until(pilot, lambda: showing(app, "dots"))
        dots = hub.state.steps["dots"]
        assert dots.options == []
        shown = screen_text(app)
        assert "This vote has no options: “Good service” had no answers when it opened." in shown
        assert "v New round" in shown
        told: list[str] = []
        notify = app.notify

        def record(message: str, **options: object) -> None:
            told.append(message)
            notify(message, **options)  # type: ignore[arg-type]

        app.notify = record  # type: ignore[method-assign]
        await pilot.press("v")
        await until(pilot, lambda: told == ["Not done: The prompt has no answers to vote on yet."])
        assert dots.round == 1

        # Back to the ideas for the group's answers, then on to the vote again.
        for _ in range(3):
            await pilot.press("left")
        await until(pilot, lambda: showing(app, "ideas"))
        for pid, text in zip(hub.state.participants, ("Smile", "Listen"), strict=False):
            await answer(hub, pid, "ideas", {"answers": [{"text": text, "column": 0}]})
        for _ in range(3):
            await pilot.press("right")
        await until(pilot, lambda: showing(app, "dots"))
        await pilot.press("v")
        await until(pilot, lambda: dots.round == 2)
        assert sorted(dots.options) == ["Listen", "Smile"]
        assert dots.options_history == {1: []}, "the empty round is kept"
        listen = str(dots.options.index("Listen"))
        await answer(hub, next(iter(hub.state.participants)), "dots", {"dots": {listen: 3}})
        await pilot.press("r")
        await until(pilot, lambda: "1. Listen" in screen_text(app))
        assert "Round 2" in screen_text(app)
