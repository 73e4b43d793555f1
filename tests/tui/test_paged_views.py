"""What does not fit an 80x24 projector is shown in pages that ↑/↓ turn, each saying which page
of how many it is (issue 24): the campaign's longest card, the culture scale's rated items. The
follow-up reads the goal it judges whole. Each on the bundled workshop, with the most a group
can write (the worst case of `check --fit`)."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.text import Text
from textual.pilot import Pilot

from tests.tui.conftest import ROOM, screen_text
from workshop_tui import decks
from workshop_tui.catalogue import t
from workshop_tui.domain.deck import CampaignStep, ScaleStep
from workshop_tui.session import hub as hub_module
from workshop_tui.tui.app import ProjectorApp
from workshop_tui.tui.fit import worst_case
from workshop_tui.tui.fit.check import bring_to, walk, worst_case_app
from workshop_tui.tui.views.campaign import CampaignView
from workshop_tui.tui.views.paging import Pager
from workshop_tui.tui.views.scale import ScaleView


def projector(deck: str, folder: Path, monkeypatch: pytest.MonkeyPatch) -> ProjectorApp:
    """The worst-case projector of a bundled workshop."""
    monkeypatch.setattr(hub_module, "room_code", lambda: ROOM)
    return worst_case_app(*decks.load_workshop(decks.bundled_dir() / f"{deck}.toml"), folder)


async def bring(app: ProjectorApp, pilot: Pilot[None], kind: str, moment: str) -> None:
    """Play the workshop until its first step of `kind` is on the screen at `moment`."""
    step = next(step for step in app.hub.state.workshop.steps if step.kind == kind)
    await bring_to(app, pilot, step.id, f"fit_moment_{moment}")


async def press(pilot: Pilot[None], key: str) -> str:
    """Press `key` and read the screen once it is drawn."""
    await pilot.press(key)
    await pilot.pause()
    app = pilot.app
    assert isinstance(app, ProjectorApp)
    return screen_text(app)


async def test_a_card_too_long_for_the_screen_is_read_in_pages_before_the_next_card(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = projector("stjarnklass-en", tmp_path, monkeypatch)
    async with app.run_test(size=(80, 24)) as pilot:
        await bring(app, pilot, "campaign", "open")
        view = app.view
        assert isinstance(view, CampaignView)
        step = app.hub.state.current_step
        assert isinstance(step, CampaignStep)
        longest = worst_case.longest_card(app.hub.state.card_decks[step.card_deck])
        weeks = t("en", "weeks", count=longest.weeks)
        total = len(view.cards())
        place = view.cursor
        card = f"Card {place + 1}/{total}"

        first = screen_text(app)
        assert f"{card} · page 1/2" in first
        assert "▼ more below (↓)" in first
        assert weeks not in first
        assert view.cut == ()

        # ↓ turns the card's page: the same card, its last lines.
        second = await press(pilot, "down")
        assert view.cursor == place
        assert f"{card} · page 2/2" in second
        assert weeks in second
        assert "▲ more above (↑)" in second

        # At the card's end ↓ goes on to the next card, on its first page; ↑ comes back.
        await press(pilot, "down")
        assert view.cursor == place + 1
        back = await press(pilot, "up")
        assert view.cursor == place
        assert f"{card} · page 1/2" in back


async def test_rated_items_that_do_not_fit_are_read_in_pages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = projector("stjarnklass-en", tmp_path, monkeypatch)
    async with app.run_test(size=(80, 24)) as pilot:
        await bring(app, pilot, "scale", "revealed")
        view = app.view
        assert isinstance(view, ScaleView)
        step = app.hub.state.current_step
        assert isinstance(step, ScaleStep)
        first, last = step.items[0], step.items[-1]

        shown = screen_text(app)
        assert first in shown
        assert last not in shown
        assert "page 1/2" in shown
        assert view.cut == ()
        # The keys that turn the pages are offered while there are pages.
        assert view.check_action("cursor", (1,))

        shown = await press(pilot, "down")
        assert last in shown
        assert first not in shown
        assert "page 2/2" in shown
        assert "items above (↑)" in shown

        shown = await press(pilot, "up")
        assert first in shown
        assert "page 1/2" in shown


async def test_a_screen_that_holds_every_rated_item_has_no_pages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = projector("stjarnklass-en", tmp_path, monkeypatch)
    async with app.run_test(size=(160, 45)) as pilot:
        await bring(app, pilot, "scale", "revealed")
        view = app.view
        assert isinstance(view, ScaleView)
        shown = screen_text(app)
        assert "page 1/" not in shown
        assert not view.check_action("cursor", (1,))


async def test_the_follow_up_shows_the_goal_it_judges_whole_at_80x24(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = projector("followup-fi", tmp_path, monkeypatch)
    seen = []
    async with app.run_test(size=(80, 24)) as pilot:
        async for moment in walk(app, pilot):
            if moment.step.kind == "followup":
                seen.append(moment.moment)
                view = app.view
                assert view is not None
                # Nothing is cut but the answers beyond the screen, which it counts.
                assert set(view.cut) <= set(view.counted)
                # The campaign's period comes after its goal: on the screen, the goal is whole.
                assert f"{t('fi', 'period')}: " in screen_text(app)
    assert seen == ["fit_moment_open", "fit_moment_revealed"]


def blocks(*heights: int) -> list[list[Text]]:
    """Blocks of `heights` lines, each line naming its block and line ("b2.0")."""
    return [[Text(f"b{n}.{line}") for line in range(height)] for n, height in enumerate(heights)]


def page_of(pager: Pager, laid: list[list[Text]], height: int) -> list[str]:
    """The page `pager` draws of `laid` in `height` lines, as plain lines."""
    lines, _ = pager.page(
        laid, height, lambda n: Text(f"above {n}"), lambda n: Text(f"below {n}"), Text("more")
    )
    return [line.plain for line in lines]


def test_a_pager_counts_its_pages_and_keeps_its_place_through_a_resize() -> None:
    pager = Pager()
    laid = blocks(3, 3, 3, 3)
    # Two blocks and the line below a page; after the line above, two more.
    assert page_of(pager, laid, 7) == [*(f"b{n}.{i}" for n in (0, 1) for i in range(3)), "below 2"]
    assert (pager.number, pager.count) == (1, 2)
    pager.move(1)
    assert page_of(pager, laid, 7)[0] == "above 2"
    assert (pager.number, pager.count) == (2, 2)
    pager.move(1)
    assert pager.number == 2
    # Smaller: one block a page, and the page still starts where it did (block 2).
    assert page_of(pager, laid, 5) == ["above 2", "b2.0", "b2.1", "b2.2", "below 3"]
    assert (pager.number, pager.count) == (3, 4)
    pager.move(1)
    assert page_of(pager, laid, 5)[1] == "b3.0"
    # Larger again: the page that holds block 3 starts at block 2.
    assert page_of(pager, laid, 7)[:2] == ["above 2", "b2.0"]
    assert (pager.number, pager.count) == (2, 2)
    pager.move(-1)
    assert page_of(pager, laid, 7)[0] == "b0.0"
    # Everything fits: no pages, back to the start.
    assert len(page_of(pager, laid, 12)) == 12
    assert (pager.paged, pager.number, pager.count) == (False, 1, 1)
