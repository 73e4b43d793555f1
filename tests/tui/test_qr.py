"""The join QR code scans: decoded from the app's own SVG screenshot, at every supported size."""

from __future__ import annotations

from io import BytesIO

import cairosvg
import pytest
import zxingcpp
from PIL import Image
from rich.style import Style

from tests.tui.conftest import INFO, MakeApp, settle
from workshop_tui.tui.app import ProjectorApp
from workshop_tui.tui.qr import QRCode, best_scale, draw, qr_matrix


def decode_screenshot(app: ProjectorApp) -> list[str]:
    """Render the app's SVG screenshot to PNG and read every barcode in it."""
    svg = app.export_screenshot()
    png = cairosvg.svg2png(bytestring=svg.encode(), output_width=2000)
    image = Image.open(BytesIO(png)).convert("L")
    return [result.text for result in zxingcpp.read_barcodes(image)]


def test_scale_fits_the_room_it_has() -> None:
    modules = len(qr_matrix(INFO.join_url))
    assert modules == 33  # version 2 (25 modules) plus a 4-module quiet zone on each side
    assert best_scale(modules, 33, 17) == 1
    assert best_scale(modules, 32, 40) == 0
    assert best_scale(modules, 33, 16) == 0
    assert best_scale(modules, 66, 33) == 2
    assert best_scale(modules, 120, 68) == 3


def test_drawn_in_fixed_black_and_white_with_a_quiet_zone() -> None:
    matrix = qr_matrix(INFO.join_url)
    text = draw(matrix, 1)
    lines = text.plain.split("\n")
    assert len(lines) == 17 and all(len(line) == 33 for line in lines)
    colours = set()
    for span in text.spans:
        style = span.style
        assert isinstance(style, Style) and style.color and style.bgcolor
        colours |= {style.color.name, style.bgcolor.name}
    assert colours == {"#000000", "#ffffff"}
    # The quiet zone: four light modules all round, so the first two rows are blank.
    assert set(lines[0]) == {" "} and set(lines[1]) == {" "}
    assert not any(any(row[:4]) or any(row[-4:]) for row in matrix)


# Every size the projector supports, from a zoomed 80×24 to a large 240×70.
SIZES = [(80, 24), (120, 34), (160, 45), (240, 70)]


@pytest.mark.parametrize("size", SIZES)
async def test_lobby_code_decodes_to_the_join_url(make_app: MakeApp, size: tuple[int, int]) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        assert app.query_one("#lobby-qr", QRCode).scale >= 1
        assert decode_screenshot(app) == [INFO.join_url]


@pytest.mark.parametrize(
    ("size", "scale"), [((80, 24), 1), ((120, 34), 1), ((160, 45), 2), ((240, 70), 3)]
)
async def test_full_screen_code_decodes(
    make_app: MakeApp, size: tuple[int, int], scale: int
) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("right", "f")
        await settle(pilot)
        full = app.screen.query_one("#qr-full", QRCode)
        # The link and room code in block letters keep a fifth of the height below the code.
        assert full.scale == scale
        assert decode_screenshot(app) == [INFO.join_url]
        await pilot.press("escape")
        assert len(app.screen_stack) == 1


async def test_too_small_window_says_so_instead_of_drawing(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(60, 18)) as pilot:
        await settle(pilot)
        code = app.query_one("#lobby-qr", QRCode)
        assert code.scale == 0
        assert "enlarge the window or make the font smaller" in code.render().plain
        assert "enlarge" in app.export_screenshot()
        assert decode_screenshot(app) == []
