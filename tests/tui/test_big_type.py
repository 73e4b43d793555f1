"""Big type where the room must read it: the link and room code in block letters on the lobby
and the full-screen QR at every size, the countdown and the answer count large while a timer
runs, and a top bar whose title wraps instead of being cut."""

from __future__ import annotations

import pytest

from tests.tui.conftest import INFO, ROOM, MakeApp, join, screen_text, settle
from tests.tui.test_qr import decode_screenshot
from workshop_tui.domain.deck import CardDeck, Workshop
from workshop_tui.domain.names import ROOM_ALPHABET
from workshop_tui.participant_server import ServerInfo
from workshop_tui.tui.app import ProjectorApp
from workshop_tui.tui.bigtext import BigText, best_size, block_letters, drawable, measure, sizes
from workshop_tui.tui.qr import QRCode
from workshop_tui.tui.views.lobby import short_link

SIZES = [(80, 24), (120, 34), (160, 45), (240, 70)]
LINK = short_link(INFO.join_url)


def screen_lines(app: ProjectorApp) -> list[str]:
    """The screen on top as the terminal would get it, one string per row."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


def assert_in_block_letters(app: ProjectorApp, widget: BigText, text: str) -> None:
    """`widget` shows all of `text` in block letters, on the screen, inside its own region."""
    assert widget.text == text
    region = widget.content_region
    size = widget.size_for(region.width, region.height)
    assert size is not None, f"{text!r} fell back to plain text in {region} {widget.most_rows}"
    drawn = measure(text, size)
    assert drawn.width <= region.width and drawn.height <= region.height
    expected = block_letters(text, size).plain.split("\n")
    lines = screen_lines(app)[region.y : region.y + drawn.height]
    assert [line[region.x : region.x + drawn.width] for line in lines] == expected


def test_every_character_of_a_room_code_and_a_link_has_a_glyph() -> None:
    assert drawable(ROOM_ALPHABET)
    assert drawable("0123456789.:/-") and drawable("workshop.local")
    assert not drawable("räksmörgås") and not drawable("")


def test_the_largest_letters_that_fit_are_chosen() -> None:
    assert sizes(3) == [(2, 1), (1, 1)]
    # Square letters 10 rows high are too wide: narrow ones as high before square ones lower.
    assert best_size("KQXT", 80, 13) == (4, 4)
    assert best_size("KQXT", 100, 13) == (8, 4)
    assert best_size("KQXT", 200, 13) == (8, 4)
    assert best_size("KQXT", 80, 5) == (4, 2)
    assert best_size(LINK, 80, 3) == (1, 1)
    # Too narrow for even the smallest letters, or a character the font lacks: plain text.
    assert best_size(LINK, 40, 3) is None
    assert best_size("Å", 80, 13) is None
    for size in sizes(13):
        assert measure("KQXT", size).height <= 13


@pytest.mark.parametrize("size", SIZES)
async def test_the_lobby_shows_link_and_room_code_in_block_letters(
    make_app: MakeApp, size: tuple[int, int]
) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        assert_in_block_letters(app, app.query_one("#lobby-link", BigText), LINK)
        assert_in_block_letters(app, app.query_one("#lobby-code", BigText), ROOM)
        assert app.view is not None and app.view.cut == ()


@pytest.mark.parametrize("size", SIZES)
async def test_the_full_screen_code_has_link_and_room_code_in_block_letters(
    make_app: MakeApp, size: tuple[int, int]
) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)
        link, code = (
            app.screen.query_one("#qr-link", BigText),
            app.screen.query_one("#qr-room", BigText),
        )
        assert_in_block_letters(app, link, LINK)
        assert_in_block_letters(app, code, ROOM)
        # Larger screens, larger letters.
        if size == (240, 70):
            assert code.content_region.height >= 8 and link.content_region.height >= 8


async def test_a_link_too_long_for_block_letters_is_written_plainly_in_full(
    make_app: MakeApp,
) -> None:
    url = f"http://projector-laptop.workshop.example:8765/{ROOM}"
    long = ServerInfo(url, url.removesuffix(f"/{ROOM}"), ROOM, "projector-laptop", 8765, False)
    app = make_app(info=long)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        link = app.query_one("#lobby-link", BigText)
        assert link.size_for(link.content_region.width, link.content_region.height) is None
        region = link.content_region
        lines = screen_lines(app)[region.y : region.bottom]
        assert short_link(url) in "".join(line[region.x : region.right].strip() for line in lines)
        assert_in_block_letters(app, app.query_one("#lobby-code", BigText), ROOM)


@pytest.mark.parametrize(("size", "rows"), [((80, 24), 3), ((160, 45), 5), ((240, 70), 10)])
async def test_the_countdown_and_the_count_are_large_while_the_timer_runs(
    make_app: MakeApp, size: tuple[int, int], rows: int
) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await join(app.hub, "Anna", "Bo", "Cecilia")
        await pilot.press("right")
        await settle(pilot)
        # The step's timer is set but paused: small, in the top bar.
        assert not app.band.display or not app.band.has_class("shown")
        assert "‖ 3:00 paused" in screen_text(app)
        await pilot.press("t")
        await settle(pilot)
        assert app.band.has_class("shown")
        assert_in_block_letters(app, app.band.time, "3:00")
        assert_in_block_letters(app, app.band.count, "0/3")
        assert app.band.time.content_region.height == rows
        assert "answered" in screen_text(app)
        await pilot.press("t")
        await settle(pilot)
        assert not app.band.has_class("shown")
        assert app.band.region.height == 0
        assert "‖ 3:00 paused" in screen_text(app)


async def test_the_top_bar_wraps_a_long_title_instead_of_cutting_it(
    make_app: MakeApp, mini: tuple[Workshop, dict[str, CardDeck]]
) -> None:
    workshop, cards = mini
    title = "Our service promise, in one sentence that all of us sign"
    steps = list(workshop.steps)
    steps[1] = steps[1].model_copy(update={"title": title})
    app = make_app(workshop=workshop.model_copy(update={"steps": steps}), card_decks=cards)
    async with app.run_test(size=(80, 24)) as pilot:
        await join(app.hub, *(f"Person {n}" for n in range(12)))
        await pilot.press("right")
        await settle(pilot)
        lines = screen_lines(app)
        where = app.topbar.query_one("#where").region
        shown = " ".join(line[where.x : where.right] for line in lines[where.y : where.bottom])
        assert " ".join(title.split()) in " ".join(shown.split())
        assert "0/12 answered" in lines[0] and ROOM in lines[0]


async def test_the_code_keeps_its_rows_when_a_short_link_could_take_them(
    make_app: MakeApp,
) -> None:
    # A short address fits in large letters above the room code, but at 80×24 those rows are
    # the code's: the letters stand side by side instead.
    url = f"http://192.0.2.2:8765/{ROOM}"
    app = make_app(
        info=ServerInfo(url, url.removesuffix(f"/{ROOM}"), ROOM, "192.0.2.2", 8765, False)
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)
        assert app.screen.query_one("#qr-full", QRCode).scale == 1
        assert decode_screenshot(app) == [url]
        assert_in_block_letters(app, app.screen.query_one("#qr-link", BigText), short_link(url))
        assert_in_block_letters(app, app.screen.query_one("#qr-room", BigText), ROOM)
