"""Arranging the ladder before the vote, comparing rounds, going back from the consensus check,
following up an earlier campaign and exporting, all from the projector's keys."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from textual.pilot import Pilot

from tests.tui.conftest import (
    FIXED_NOW,
    SCRIPT,
    WALK_PLAN,
    MakeApp,
    answer,
    screen_text,
    settle,
    until,
    walk_to,
)
from workshop_tui.domain.commands import LockLevels, NewRound
from workshop_tui.domain.state import EarlierCampaign
from workshop_tui.export import exports_folder
from workshop_tui.session.hub import Hub
from workshop_tui.tui.app import ProjectorApp
from workshop_tui.tui.ladder_screen import LadderScreen

GREETING = ["I greet customers", "I greet everyone I meet", "I greet by name when I can"]


async def _on(pilot: Pilot[None], app: ProjectorApp, step_id: str) -> None:
    """Wait until the projector has drawn the step with fresh data (its keys work from then)."""
    for _ in range(200):
        view = app.view
        if view is not None and view.ctx is not None and view.ctx.step.id == step_id:
            await settle(pilot)
            return
        await pilot.pause(0.05)
    raise AssertionError(f"the projector never showed {step_id}")


async def _answer_round(app: ProjectorApp, picks: list[dict[str, int]]) -> None:
    for pid, rungs in zip(app.hub.state.participants, picks, strict=False):
        await answer(app.hub, pid, "level", {"rungs": rungs})


async def test_the_facilitator_arranges_the_ladder_from_the_groups_proposals(
    make_app: MakeApp,
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await walk_to(app, "routines")
        await pilot.press("right")
        await _on(pilot, app, "level")
        await pilot.press("a")
        await until(pilot, lambda: isinstance(app.screen, LadderScreen))
        await settle(pilot)
        shown = screen_text(app)
        assert "Arrange the ladder: Greeting (1/2)" in shown
        assert "The group's proposals (Routines)" in shown
        assert "Say hello to everyone in the corridor" in shown
        assert "Return calls before lunch" in shown
        # The first proposal goes in as the top rung (the first place offered); one step down;
        # the deck's top rung dropped.
        await pilot.press("end", "up", "enter")
        await until(pilot, lambda: "▸ put it here" in screen_text(app))
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("J")
        ladders = app.hub.state.steps["level"].ladders
        proposal = "Say hello to everyone in the corridor"
        await until(pilot, lambda: ladders["greeting"] == [*GREETING[:2], proposal, GREETING[2]])
        await until(pilot, lambda: "✓ on the ladder" in screen_text(app))
        await pilot.press("home", "x")
        await until(pilot, lambda: ladders["greeting"] == [*GREETING[:2], proposal])
        # Merging keeps the words of the rung the cursor is on when m is pressed again.
        await pilot.press("home", "down", "m", "up", "m")
        await until(pilot, lambda: ladders["greeting"] == [GREETING[0], proposal])
        await pilot.press("escape")
        await until(pilot, lambda: not isinstance(app.screen, LadderScreen))


async def test_after_answers_the_ladder_needs_a_new_round_and_the_screen_says_so(
    make_app: MakeApp,
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await walk_to(app, "level")
        await _answer_round(app, [r["rungs"] for r in SCRIPT["level"]])
        await _on(pilot, app, "level")
        await pilot.press("a")
        notice = "5 people already answered round 1, so its ladder cannot change"
        await until(pilot, lambda: notice in screen_text(app))
        before = list(app.hub.state.steps["level"].ladders["greeting"])
        await pilot.press("x")
        await until(pilot, lambda: "start a new round first" in screen_text(app))
        assert app.hub.state.steps["level"].ladders["greeting"] == before
        await pilot.press("v", "home", "x")
        level = app.hub.state.steps["level"]
        await until(pilot, lambda: level.round == 2 and level.ladders["greeting"] == before[:-1])
        assert len(level.answers[1]) == 5, "the first round's answers are kept"


async def test_compare_shows_the_previous_rounds_figures_by_rung(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await walk_to(app, "level")
        await _answer_round(app, [{"greeting": 0, "calls": 0}] * 5)
        await app.hub.execute(NewRound("level"))
        await _answer_round(app, [{"greeting": 2, "calls": 1}] * 5)
        await _on(pilot, app, "level")
        await pilot.press("r", "p")  # a new round starts hidden
        await until(pilot, lambda: "compared with round 1 (in brackets)" in screen_text(app))
        shown = screen_text(app)
        assert "Round 2" in shown
        assert "5 accept (5)" in shown and "5 accept (0)" in shown


async def test_a_consensus_below_the_threshold_sends_the_group_back_to_the_ladder(
    make_app: MakeApp,
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        hub = app.hub
        await walk_to(app, "fist")
        people = list(hub.state.participants)
        for pid, fist in zip(people, (1, 4, 4, 3, 5), strict=True):
            await answer(hub, pid, "fist", {"fist": fist})
        await _on(pilot, app, "fist")
        await until(pilot, lambda: "✘ 1 below 3" in screen_text(app))
        assert "c goes back to the ladder" in screen_text(app)
        await pilot.press("c")
        await _on(pilot, app, "level")
        await until(pilot, lambda: hub.state.steps["level"].round == 2)
        await _answer_round(app, [{"greeting": 0, "calls": 0}] * 5)
        await hub.execute(LockLevels("level"))
        await pilot.press("right")
        await _on(pilot, app, "fist")
        await pilot.press("r")  # the new fist round starts hidden, as the step reveals on key
        await until(pilot, lambda: "Round 1: 5 answers, 1 below 3" in screen_text(app))
        shown = screen_text(app)
        assert "Round 2" in shown and "Round 1: 5 answers, 1 below 3" in shown


async def test_a_followup_session_shows_the_campaign_it_follows_up(
    make_app: MakeApp, tmp_path: Path
) -> None:
    plan = replace(WALK_PLAN, title="Greeting contest")
    app = make_app()
    workshop, cards = app.hub.state.workshop, app.hub.state.card_decks
    app.hub.store.close()
    hub = Hub.create(
        workshop,
        cards,
        tmp_path / "later",
        clock=lambda: FIXED_NOW,
        followup_of=EarlierCampaign("earlier.json", "campaign", plan),
    )
    later = ProjectorApp(hub, None, info=app.info)
    async with later.run_test(size=(120, 40)) as pilot:
        index = [s.id for s in workshop.steps].index("followup")
        for _ in range(index):
            await pilot.press("right")
        await _on(pilot, later, "followup")
        shown = screen_text(later)
        assert "The campaign we are following up" in shown
        assert "Greeting contest" in shown and "2026-01-05 – 2026-01-25" in shown


async def test_the_export_key_writes_every_format_beside_the_sessions_folder(
    make_app: MakeApp,
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await walk_to(app, "end")
        await _on(pilot, app, "end")
        session = app.hub.path
        before = session.read_bytes()
        await pilot.press("e")
        folder = exports_folder(session)
        for _ in range(300):
            exporting = [w for w in app.workers if w.group == "export" and not w.is_finished]
            if len(list(folder.glob("*"))) == 7 and not exporting:
                break
            await settle(pilot)
        names = sorted(p.name.removeprefix(session.stem) for p in folder.iterdir())
        assert names == [
            "-answers.csv",
            "-campaign.ics",
            "-card.html",
            "-card.pdf",
            "-card.png",
            "-outcome.json",
            "-outcome.md",
        ]
        assert folder == session.parent.parent / "exports"
        assert session.read_bytes() == before


async def test_a_locked_ladder_explains_its_locked_mark_not_the_open_ones(
    make_app: MakeApp,
) -> None:
    app = make_app()
    async with app.run_test(size=(140, 44)) as pilot:
        hub = app.hub
        await walk_to(app, "level")
        await _on(pilot, app, "level")
        await until(pilot, lambda: "◀ LEVEL: the highest rung everyone accepts" in screen_text(app))
        await hub.execute(LockLevels("level"))
        await until(pilot, lambda: "◆ LOCKED: the level the fist of five" in screen_text(app))
        assert "◀ LEVEL:" not in screen_text(app)
