"""The projector's themes: every text/background pair the screens paint is readable (WCAG
contrast), and no projector module paints a colour of its own outside the theme."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from workshop_tui.tui.theme import PALETTES, READABLE, Palette, theme

TUI = Path(__file__).parents[2] / "workshop_tui" / "tui"
HEX = re.compile(r"#[0-9a-fA-F]{6}\b")


def relative_luminance(colour: str) -> float:
    """WCAG 2.x relative luminance of a #rrggbb colour."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    """WCAG contrast ratio between two colours (1 to 21)."""
    a, b = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def token(palette: Palette, name: str) -> str:
    if name.startswith("series["):
        return palette.series[int(name[len("series[") : -1])]
    value = getattr(palette, name)
    assert isinstance(value, str)
    return value


def test_contrast_of_black_on_white_is_21() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize("name", sorted(PALETTES))
def test_every_pair_the_screens_paint_is_readable(name: str) -> None:
    palette = PALETTES[name]
    poor = [
        f"{fg} on {bg}: {contrast(token(palette, fg), token(palette, bg)):.2f} < {least}"
        for fg, bg, least in READABLE
        if contrast(token(palette, fg), token(palette, bg)) < least
    ]
    assert not poor, f"{name} theme: " + "; ".join(poor)


@pytest.mark.parametrize("name", sorted(PALETTES))
def test_the_theme_carries_every_token_as_a_css_variable(name: str) -> None:
    variables = theme(name).variables
    assert variables["on-accent"] == PALETTES[name].on_accent
    assert len([key for key in variables if key.startswith("series-")]) == len(
        PALETTES[name].series
    )


def test_no_projector_module_paints_its_own_hex_colour() -> None:
    painted = {
        str(path.relative_to(TUI)): HEX.findall(path.read_text(encoding="utf-8"))
        for path in sorted([*TUI.rglob("*.py"), *TUI.rglob("*.tcss")])
        if path.name != "theme.py"
    }
    # The QR code is drawn in explicit black and white whatever the theme: a scanner needs
    # dark modules on a light ground, and a dark theme must not invert it.
    painted.pop("qr.py", None)
    assert not {path: found for path, found in painted.items() if found}
