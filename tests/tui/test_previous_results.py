"""A follow-up session shows the group's previous results: each scale item's mean from the
group's latest earlier session beside today's, and the level the group agreed last time."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from tests.export.history_sessions import GROUP, group_year
from tests.tui.conftest import INFO, PEOPLE, answer, screen_text, settle, walk_to
from workshop_tui.cli import _open_hub
from workshop_tui.domain.commands import GoTo, OpenStep, SetRevealed
from workshop_tui.domain.deck import LevelsStep
from workshop_tui.hub import Hub
from workshop_tui.tui.app import ProjectorApp

SIZE = (140, 44)
# Today's card check, five phones: the first item rises from March's 4,0, the second falls.
TODAY = [[5, 3, 4, 4, 4, 4, 4], [4, 3, 4, 4, 4, 4, 4], [4, 3, 4, 4, 4, 4, 4]]
TODAY += [[5, 3, 4, 4, 4, 4, 4], [4, 3, 4, 4, 4, 4, 4]]
RISEN = "medel 4,4 (förra gången 4,0 ▲)"
FALLEN = "medel 3,0 (förra gången 4,0 ▼)"
KEPT = "medel 4,0 (förra gången 4,0 =)"


def _args(folder: Path, group: str | None) -> argparse.Namespace:
    return argparse.Namespace(
        resume=None,
        deck="followup",
        lang="sv",
        names=False,
        sessions_dir=folder,
        max_participants=300,
        no_filter=False,
        group=group,
    )


async def _card_check(app: ProjectorApp) -> str:
    async with app.run_test(size=SIZE) as pilot:
        await walk_to(app, "card-check")
        for pid, ratings in zip(app.hub.state.participants, TODAY, strict=True):
            await answer(app.hub, pid, "card-check", {"ratings": ratings})
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
    assert previous.scales["card-check"]["Återkoppling"] == 4.0
    assert previous.levels["greeting"].level == 2

    text = await _card_check(ProjectorApp(hub, None, info=INFO))
    assert RISEN in text and FALLEN in text and KEPT in text

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
