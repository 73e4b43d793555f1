"""The counts on a choice's bars in digits three rows high: each digit's rows line up, at every
width the bars are drawn at (Rich's right justification once stripped the spaces after the top
and bottom rows, so the middle row, with its "50 %" beside it, stood five columns to the left)."""

from __future__ import annotations

import pytest
from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from textual.renderables.digits import Digits

from workshop_tui.tui.bars import Row, bar_chart
from workshop_tui.tui.theme import DARK

ROWS = [
    Row("Ask the guest what went wrong", 6, "6 · 50 %", marker="A  ", note="50 %"),
    Row("Offer a new room at once", 12, "12 · 100 %", marker="B  ", note="100 %"),
    Row("Call the manager", 0, "0 · 0 %", marker="C  ", note="0 %"),
]


def digit_rows(value: int) -> list[str]:
    """The three rows Textual's `Digits` draws `value` in, bold as on the bars."""
    rendered = Digits(str(value)).render(Style(bold=True))
    return [part.text for part in rendered if isinstance(part, Segment) and part.text != "\n"]


@pytest.mark.parametrize("width", [80, 120, 160, 240])
def test_each_digit_rows_line_up(width: int) -> None:
    chart = bar_chart(ROWS, width, 20, DARK)
    console = Console(width=width, color_system=None, record=True)
    console.print(chart.renderable)
    lines = console.export_text().split("\n")
    for row in ROWS:
        top, middle, bottom = digit_rows(row.value)
        found = [
            (n, line.rindex(top))
            for n, line in enumerate(lines[:-2])
            if top.strip() and top in line and middle in lines[n + 1] and bottom in lines[n + 2]
        ]
        assert found, f"{row.value} not drawn in digits at {width}:\n" + "\n".join(lines)
        n, column = found[0]
        # The same column on all three rows, the note after the middle one.
        assert lines[n + 1][column:].startswith(f"{middle} {row.note}")
        assert lines[n + 2][column:].startswith(bottom)
