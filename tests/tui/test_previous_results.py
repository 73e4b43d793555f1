"""A follow-up session shows the group's previous results: each scale item's mean from the
group's latest earlier session beside today's, and the level the group agreed last time."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from tests.export.history_sessions import GROUP, group_year
from tests.tui.conftest import INFO, PEOPLE, answer, screen_text, settle, walk_to
from workshop_tui import cli
from workshop_tui.cli import _open_hub
from workshop_tui.domain.commands import GoTo, OpenStep, SetRevealed
from workshop_tui.domain.deck import LevelsStep, ScaleStep
from workshop_tui.session.hub import Hub
from workshop_tui.tui.app import ProjectorApp

SIZE = (140, 44)
# Today's card check, five phones: the first item rises from March's 4,0, the second falls.
# Today's ratings of the card as a whole and of the managers' commitments, per person; the
# group's own areas (first on the card check when it has a history) are all rated 4.
TODAY = [(5, 3), (4, 3), (4, 3), (5, 3), (4, 3)]
RISEN = "medel 4,4 (förra gången 4,0 ▲)"
FALLEN = "medel 3,0 (förra gången 4,0 ▼)"


def _args(folder: Path, group: str | None) -> argparse.Namespace:
    """`workshop-tui run followup --lang sv` as the command line parses it."""
    argv = ["run", "followup", "--lang", "sv", "--sessions-dir", str(folder)]
    return cli._parser().parse_args([*argv, *(["--group", group] if group else [])])


async def _card_check(app: ProjectorApp) -> str:
    async with app.run_test(size=SIZE) as pilot:
        await walk_to(app, "card-check")
        step = app.hub.state.workshop.step("card-check")
        assert isinstance(step, ScaleStep)
        areas = [4] * (len(step.items) - 2)
        for pid, (card, managers) in zip(app.hub.state.participants, TODAY, strict=True):
            await answer(app.hub, pid, "card-check", {"ratings": [*areas, card, managers]})
        await settle(pilot)
        return screen_text(app)


async def test_the_followup_workshop_shows_the_groups_previous_results(tmp_path: Path) -> None:
    folder = tmp_path / "sessions"
    # January star class, March follow-up (the card check: 4,0 on every item), May star class
    # again with the level re-agreed.
    await group_year(folder)
    hub = _open_hub(_args(folder, GROUP.upper()))
    history = hub.meta["history"]
    # Plain JSON in the header, and anonymous: means and the agreed levels, never a name.
    assert json.loads(json.dumps(history)) == history
    assert not any(name in json.dumps(history) for name in ("Åsa", "Päivi", "Örjan"))
    previous = hub.state.previous
    assert previous is not None
    assert previous.scales["card-check"]["Servicekortet som helhet"] == 4.0
    assert previous.levels["greeting"].level == 2
    # The card check asks first about the areas the group locked, in the words it locked them.
    step = hub.state.workshop.step("card-check")
    assert isinstance(step, ScaleStep)
    assert step.items[: len(previous.levels)] == [p.name for p in previous.levels.values()]

    text = await _card_check(ProjectorApp(hub, None, info=INFO))
    assert RISEN in text and FALLEN in text

    # The level the group agreed in May, per area, where the follow-up looks back.
    greeting = previous.levels["greeting"]
    assert greeting.text is not None
    app = ProjectorApp(Hub.resume(hub.path), None, info=INFO)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        # Resumed, the same session shows the same figures from its own header.
        resumed = screen_text(app)
        assert RISEN in resumed and FALLEN in resumed
        await walk_to(app, "result")
        await settle(pilot)
        followup = screen_text(app)
    assert "Nivån ni kom överens om förra gången" in followup
    assert greeting.name in followup and greeting.text[:30] in followup


async def test_a_session_without_history_shows_no_previous_results(tmp_path: Path) -> None:
    folder = tmp_path / "sessions"
    await group_year(folder)
    for group in ("Another group", None):
        hub = _open_hub(_args(folder, group))
        assert "history" not in hub.meta and hub.state.previous is None
        text = await _card_check(ProjectorApp(hub, None, info=INFO))
        assert "medel 4,4" in text and "förra gången" not in text
    assert len(PEOPLE) == len(TODAY)


async def test_the_levels_step_marks_the_level_agreed_last_time(tmp_path: Path) -> None:
    folder = tmp_path / "sessions"
    await group_year(folder)
    args = _args(folder, GROUP)
    args.deck = "stjarnklass"
    hub = _open_hub(args)
    app = ProjectorApp(hub, None, info=INFO)
    async with app.run_test(size=(170, 60)) as pilot:
        people = [(await hub.join(name))[0].id for name in PEOPLE]
        index = [s.id for s in hub.state.workshop.steps].index("level")
        await hub.execute(GoTo(index, hub.clock()))
        await hub.execute(OpenStep("level"))
        step = hub.state.workshop.steps[index]
        assert isinstance(step, LevelsStep)
        for pid in people:
            await answer(hub, pid, "level", {"rungs": {area.id: 0 for area in step.areas}})
        await hub.execute(SetRevealed("level", True))
        await settle(pilot)
        text = screen_text(app)
    # May's levels (one area raised to the third rung, one lowered to the first) are marked.
    assert "· ◇ förra gångens nivå" in text
    assert text.count("◇") == 1 + len(step.areas)
