"""The console's clock: the day is measured from when each step was entered, against the deck's
plan, and a late day is offered the deck's optional steps to shorten or skip."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, cast

from tests.tui.conftest import screen_text
from workshop_tui import decks
from workshop_tui.domain.commands import GoTo
from workshop_tui.domain.console import behind, console_view, spare
from workshop_tui.domain.parallel import first_difference
from workshop_tui.session.hub import Hub
from workshop_tui.tui.console_app import ConsoleApp

# A session made the evening before; the group arrives the next morning.
MADE = 1_767_600_000.0
MORNING = MADE + 15 * 3600


class Clock:
    """A hand-set clock for the hub."""

    def __init__(self) -> None:
        self.now = MADE

    def __call__(self) -> float:
        return self.now


def _hub(tmp_path: Path, clock: Clock, language: str = "en") -> Hub:
    workshop, cards = decks.load_workshop(decks.bundled_dir() / f"stjarnklass-{language}.toml")
    return Hub.create(workshop, cards, tmp_path / "sessions", clock=clock)


@asynccontextmanager
async def _late_session(tmp_path: Path) -> AsyncIterator[tuple[Hub, Clock]]:
    """A started hub whose welcome (4 min planned) was entered in the morning and left after
    10 minutes."""
    clock = Clock()
    hub = _hub(tmp_path, clock)
    await hub.start()
    try:
        clock.now = MORNING
        await hub.execute(GoTo(0, clock()))
        clock.now = MORNING + 10 * 60
        await hub.execute(GoTo(1, clock()))
        yield hub, clock
    finally:
        await hub.close()


async def test_each_step_keeps_when_it_was_entered_and_replays_so(tmp_path: Path) -> None:
    async with _late_session(tmp_path) as (hub, clock):
        await hub.execute(GoTo(1, clock()))  # the same step again is no new entry
        clock.now += 60
        await hub.execute(GoTo(0, clock()))
    steps = hub.state.steps
    assert steps["welcome"].entered_at == [MORNING, MORNING + 11 * 60]
    assert steps["memory"].entered_at == [MORNING + 10 * 60]
    assert steps["memory-vote"].entered_at == []
    again = Hub.resume(hub.path, clock=clock)
    assert again.state.steps["welcome"].entered_at == [MORNING, MORNING + 11 * 60]
    assert again.state.steps["memory"].entered_at == [MORNING + 10 * 60]


async def test_the_plan_counts_from_the_first_step_not_the_sessions_creation(
    tmp_path: Path,
) -> None:
    async with _late_session(tmp_path) as (hub, clock):
        clock.now += 60
        view = console_view(hub.state, clock(), hub.started_at)
    # 11 minutes gone since the welcome; the plan has 4 of them for the welcome, 1 in memory.
    assert behind(view, clock()) == 6 * 60
    assert spare(view) == [{"title": "What makes the difference", "seconds": 180.0}]


async def test_a_step_left_early_puts_the_day_ahead(tmp_path: Path) -> None:
    clock = Clock()
    hub = _hub(tmp_path, clock)
    await hub.start()
    clock.now = MORNING
    await hub.execute(GoTo(0, clock()))
    clock.now += 60
    await hub.execute(GoTo(1, clock()))
    await hub.close()
    clock.now += 60
    # 2 minutes gone; the plan is at 4 for the welcome and 1 in memory.
    assert behind(console_view(hub.state, clock(), hub.started_at), clock()) == -3 * 60
    # Staying in memory 11 minutes, past its 6 planned, makes the day late: 12 gone, 10 planned.
    clock.now += 10 * 60
    assert behind(console_view(hub.state, clock(), hub.started_at), clock()) == 2 * 60


def test_the_languages_of_a_workshop_skip_the_same_steps() -> None:
    def load(language: str) -> Any:
        return decks.load_workshop(decks.bundled_dir() / f"stjarnklass-{language}.toml")

    (en, en_cards), (sv, sv_cards) = load("en"), load("sv")
    assert first_difference(en, en_cards, sv, sv_cards) is None
    steps = [
        step.model_copy(update={"optional": False}) if step.id == "memory-vote" else step
        for step in sv.steps
    ]
    found = first_difference(en, en_cards, sv.model_copy(update={"steps": steps}), sv_cards)
    assert found is not None and found.field == "optional"


async def _shown(state: dict[str, Any], size: tuple[int, int]) -> str:
    app = ConsoleApp(asyncio.StreamReader(), cast("asyncio.StreamWriter", None), state)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        return screen_text(app)  # type: ignore[arg-type]


async def test_the_console_says_how_late_and_what_can_go(tmp_path: Path) -> None:
    async with _late_session(tmp_path) as (hub, clock):
        clock.now += 60
        view = console_view(hub.state, clock(), hub.started_at)
    text = await _shown(view, (160, 45))
    assert "6 min behind the plan" in text, text
    assert "Can be shortened or skipped: What makes the difference (3 min)" in text, text
    # The time gone is the morning's, not the night's.
    assert "11 of 120 min gone" in text, text


async def test_the_remote_link_is_shown_whole_on_one_line(tmp_path: Path) -> None:
    url = "http://192.168.100.200:8765/remote/" + "k" * 43
    async with _late_session(tmp_path) as (hub, clock):
        view = console_view(hub.state, clock(), hub.started_at, remote_url=url)
    text = await _shown(view, (100, 40))
    assert any(line.strip() == url for line in text.splitlines()), text
