"""What the projector looks like, step by step, with a fixed session (fixed clock, room, people).

Regenerate with `uv run pytest tests/tui --snapshot-update` and look at the SVGs before keeping.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable

import pytest
from textual.pilot import Pilot

from tests.tui.conftest import MakeApp, settle, walk_to

Compare = Callable[..., bool]


def at_step(step_id: str, keys: Iterable[str] = ()) -> Callable[[Pilot[None]], Awaitable[None]]:
    async def run_before(pilot: Pilot[None]) -> None:
        await walk_to(pilot.app, step_id)  # type: ignore[arg-type]
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
        await settle(pilot)

    return run_before


@pytest.mark.parametrize(
    "step_id",
    ["ideas", "scenario", "areas", "dots", "level", "fist", "campaign", "followup", "end"],
)
def test_step_view(snap_compare: Compare, make_app: MakeApp, step_id: str) -> None:
    assert snap_compare(make_app(), terminal_size=(120, 34), run_before=at_step(step_id))


@pytest.mark.parametrize("size", [(80, 24), (160, 45), (240, 70)])
def test_lobby(snap_compare: Compare, make_app: MakeApp, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(), terminal_size=size, run_before=at_step("lobby"))


def test_prompt_grouped_with_cursor(snap_compare: Compare, make_app: MakeApp) -> None:
    keys = ["g", "down", "down", "s", "down", "h"]
    assert snap_compare(make_app(), terminal_size=(120, 34), run_before=at_step("ideas", keys))


def test_prompt_words(snap_compare: Compare, make_app: MakeApp) -> None:
    assert snap_compare(make_app(), terminal_size=(100, 30), run_before=at_step("ideas", "w"))


def test_results_hidden(snap_compare: Compare, make_app: MakeApp) -> None:
    # Revealed by walk_to, then hidden again with the reveal key.
    assert snap_compare(make_app(), terminal_size=(100, 30), run_before=at_step("scenario", "r"))


def test_campaign_deck_before_reveal(snap_compare: Compare, make_app: MakeApp) -> None:
    keys = ["r", "down"]
    assert snap_compare(make_app(), terminal_size=(120, 34), run_before=at_step("campaign", keys))


def test_levels_small_window(snap_compare: Compare, make_app: MakeApp) -> None:
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=at_step("level"))


def test_notes_and_timer(snap_compare: Compare, make_app: MakeApp) -> None:
    keys = ["n", "plus"]
    assert snap_compare(make_app(), terminal_size=(120, 34), run_before=at_step("ideas", keys))


def test_help_overlay(snap_compare: Compare, make_app: MakeApp) -> None:
    assert snap_compare(make_app(), terminal_size=(100, 34), run_before=at_step("ideas", "?"))


def test_loopback_warning(snap_compare: Compare, make_app: MakeApp) -> None:
    from dataclasses import replace

    from tests.tui.conftest import INFO

    app = make_app(info=replace(INFO, loopback_only=True, join_url="http://127.0.0.1:8765/KQXT"))
    assert snap_compare(app, terminal_size=(100, 30), run_before=at_step("lobby"))


@pytest.mark.parametrize("size", [(120, 34), (160, 45)])
def test_choice_results(snap_compare: Compare, make_app: MakeApp, size: tuple[int, int]) -> None:
    # The counts in digits three rows high, each digit whole (its rows once tore apart here).
    assert snap_compare(make_app(), terminal_size=size, run_before=at_step("scenario"))
