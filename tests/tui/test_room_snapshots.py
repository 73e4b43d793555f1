"""Every step kind as the room sees it at 80x24, 120x34 and 160x45, filled with the most a group
can write: the worst-case content of `check --fit` (a room of 50 with names at the length limit,
every answer at its limit, the longest card, a running countdown), on the bundled workshops.

Regenerate with `uv run pytest tests/tui/test_room_snapshots.py --snapshot-update` and look at
the SVGs before keeping them.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.tui.conftest import ROOM
from workshop_tui import decks
from workshop_tui.session import hub as hub_module
from workshop_tui.tui.app import ProjectorApp
from workshop_tui.tui.fit.check import bring_to, worst_case_app

Compare = Callable[..., bool]

SIZES = [(80, 24), (120, 34), (160, 45)]
# Per step kind, the bundled workshop that has it and the moments that draw it differently.
SHOWN = [
    ("stjarnklass-en", "lobby", "open"),
    ("stjarnklass-en", "prompt", "open"),
    ("stjarnklass-en", "prompt", "grouped"),
    ("stjarnklass-en", "vote", "revealed"),
    ("stjarnklass-en", "choice", "revealed"),
    ("stjarnklass-en", "scale", "revealed"),
    ("stjarnklass-en", "levels", "preparing"),
    ("stjarnklass-en", "levels", "revealed"),
    ("stjarnklass-en", "levels", "locked"),
    ("stjarnklass-en", "consensus", "revealed"),
    ("stjarnklass-en", "campaign", "open"),
    ("stjarnklass-en", "campaign", "revealed"),
    ("stjarnklass-en", "campaign", "planned"),
    ("stjarnklass-en", "summary", "open"),
    ("followup-en", "followup", "revealed"),
]


def first_of_kind(deck: str, kind: str, moment: str) -> str:
    """The id of the deck's first step of `kind` that is drawn at `moment`: for a prompt
    grouped by column, the first with columns."""
    workshop, _ = decks.load_workshop(decks.bundled_dir() / f"{deck}.toml")
    for step in workshop.steps:
        if step.kind == kind and (moment != "grouped" or len(getattr(step, "columns", [])) > 1):
            return step.id
    raise LookupError(f"{deck} has no {kind} step")


def at(step_id: str, moment: str) -> Callable[[Pilot[None]], Awaitable[None]]:
    async def run_before(pilot: Pilot[None]) -> None:
        app = pilot.app
        assert isinstance(app, ProjectorApp)
        await bring_to(app, pilot, step_id, f"fit_moment_{moment}")

    return run_before


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
@pytest.mark.parametrize(
    ("deck", "kind", "moment"), SHOWN, ids=lambda value: str(value).removesuffix("-en")
)
def test_step_kind_with_the_most_a_room_writes(
    snap_compare: Compare,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    size: tuple[int, int],
    deck: str,
    kind: str,
    moment: str,
) -> None:
    monkeypatch.setattr(hub_module, "room_code", lambda: ROOM)
    workshop, card_decks = decks.load_workshop(decks.bundled_dir() / f"{deck}.toml")
    app = worst_case_app(workshop, card_decks, tmp_path / "sessions")
    step_id = first_of_kind(deck, kind, moment)
    assert snap_compare(app, terminal_size=size, run_before=at(step_id, moment))
