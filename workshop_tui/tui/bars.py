"""Horizontal bars for tallies, as wide as the screen and as tall as it allows.

The colours are the theme's chart series (colour-blind safe); every bar also carries its number
in bold text, so colour is never the only way to read a result.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.cells import cell_len
from rich.console import Group
from rich.segment import Segment
from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.renderables.digits import Digits

from workshop_tui.tui.layout import block, wrap_plain
from workshop_tui.tui.safe import clean
from workshop_tui.tui.theme import DARK, Palette

# The thickest bar, in rows, when the screen has room for it.
THICKEST = 3
# Bars narrower than this cannot show a difference: the labels get fewer cells first.
MIN_BAR = 12


def bar(value: int, maximum: int, width: int, colour: str, track: str = DARK.panel) -> Text:
    """A bar `width` cells long, filled in proportion to `value` / `maximum`."""
    filled = 0 if maximum <= 0 else round(width * value / maximum)
    # Something counted is never drawn as nothing.
    filled = max(filled, 1 if value > 0 and width > 0 else 0)
    # Coloured spaces, not block glyphs: fonts draw blocks with gaps or overhangs, a background
    # is an exact rectangle in every terminal and screenshot.
    text = Text()
    text.append(" " * filled, style=f"on {colour}")
    # The rest of the scale as a panel-coloured track, so the bar's length reads against it.
    text.append(" " * (width - filled), style=f"on {track}")
    return text


@dataclass(frozen=True)
class Row:
    """One bar: its label (deck or participant text), its value and the figure shown by it."""

    label: str
    value: int
    figure: str
    # Put before the label ("▶ " for the facilitator's cursor); never wrapped away.
    marker: str = ""
    # With bars three rows thick, the value in digits three rows high and this beside it
    # ("18 %") instead of `figure`; None keeps `figure` (when its words cannot be split off).
    note: str | None = None


@dataclass(frozen=True)
class Chart:
    """Bars laid out to a size: what to draw, and how many rows did not fit."""

    renderable: Group
    left_out: int
    # Rows of the screen the bars take.
    height: int


def bar_chart(
    rows: Sequence[Row],
    width: int,
    height: int,
    palette: Palette,
    *,
    maximum: int | None = None,
    colours: Sequence[str] | None = None,
) -> Chart:
    """One bar per row with its label wrapped in full beside it and its figure after it.

    Bars grow to `THICKEST` rows with a blank row between them as `height` allows; when not
    every row fits even one row high, the last ones are left out whole (`Chart.left_out`), for
    the caller to say so.
    """
    if not rows:
        return Chart(Group(), 0, 0)
    top = maximum if maximum is not None else max(row.value for row in rows)
    figure_width = max(cell_len(row.figure) for row in rows)
    marker_width = max(cell_len(row.marker) for row in rows)
    labels = [clean(row.label) for row in rows]
    longest = max(cell_len(label) for label in labels) + marker_width
    room = max(8, width - figure_width - 2 - MIN_BAR)
    # The narrowest label column that lets every row fit, so the bars keep the rest.
    choices = sorted({min(longest, max(8, width * 2 // 5)), min(longest, width // 2), room})
    choices = [choice for choice in choices if choice <= room] or [room]
    label_width = next(
        (c for c in choices if _height(labels, c - marker_width, 1, 0) <= height), choices[-1]
    )
    wrapped = [wrap_plain(label, max(1, label_width - marker_width)) for label in labels]
    # As thick as fits, with a blank row between bars if that fits too.
    shapes = [*((t, 1) for t in range(THICKEST, 0, -1)), (1, 0)]
    thickness, gap = next(
        (
            shape
            for shape in shapes
            if _height(labels, label_width - marker_width, *shape) <= height
        ),
        (1, 0),
    )
    # Bars at their thickest carry their values in large digits, if the bars keep their room.
    big = thickness == THICKEST and all(row.note is not None for row in rows)
    if big:
        digits = max(_big_width(row) for row in rows)
        big = width - label_width - digits - 2 >= MIN_BAR
        figure_width = digits if big else figure_width
    bar_width = max(4, width - label_width - figure_width - 2)
    series = colours or palette.series
    parts: list[Table | Text] = []
    used = 0
    shown = 0
    for index, (row, lines) in enumerate(zip(rows, wrapped, strict=True)):
        size = max(len(lines), thickness)
        rest = len(rows) - index - 1
        # The last row that fits must leave a line for "more" if any row is still to come.
        if used + gap + size + (1 if rest else 0) > height and shown:
            break
        if shown and gap:
            parts.append(Text(""))
            used += gap
        colour = series[index % len(series)]
        widths = (label_width, bar_width, figure_width, marker_width)
        parts.append(
            _row(row, lines, (size, thickness), colour, palette, top, big=big, widths=widths)
        )
        used += size
        shown += 1
    return Chart(Group(*parts), len(rows) - shown, used)


def _height(labels: Sequence[str], width: int, thickness: int, gap: int) -> int:
    """Rows the bars take: each as tall as its label or its bar, `gap` rows between them."""
    rows = [max(len(wrap_plain(label, max(1, width))), thickness) for label in labels]
    return sum(rows) + gap * (len(rows) - 1)


def _big_width(row: Row) -> int:
    note = f" {row.note}" if row.note else ""
    return Digits.get_width(str(row.value)) + cell_len(note)


def _big_figure(row: Row, width: int) -> list[Text]:
    """The value in digits three rows high, the note beside their middle row, all three rows
    padded on the left to `width` cells so they end in the same column."""
    rendered = Digits(str(row.value)).render(Style(bold=True))
    digits = [part.text for part in rendered if isinstance(part, Segment) and part.text != "\n"]
    note = f" {row.note}" if row.note else ""
    pad = " " * cell_len(note)
    lines = [
        Text(digits[0] + pad, style="bold"),
        Text.assemble((digits[1], "bold"), (note, "bold")),
        Text(digits[2] + pad, style="bold"),
    ]
    for line in lines:
        line.pad_left(max(0, width - line.cell_len))
    return lines


def _row(
    row: Row,
    lines: Sequence[str],
    shape: tuple[int, int],
    colour: str,
    palette: Palette,
    top: int,
    *,
    big: bool,
    widths: tuple[int, int, int, int],
) -> Table:
    size, thickness = shape
    label_width, bar_width, figure_width, marker_width = widths
    label = [
        Text.assemble(
            ((row.marker if n == 0 else "").ljust(marker_width), f"bold {palette.accent}"),
            (line, "bold"),
        )
        for n, line in enumerate(lines)
    ]
    # The bar sits level with the middle of its label; the figure on the bar's middle row.
    above = (size - thickness) // 2
    middle = above + thickness // 2
    bars = [Text("") for _ in range(above)]
    bars += [bar(row.value, top, bar_width, colour, palette.panel) for _ in range(thickness)]
    if big:
        figures = [Text("") for _ in range(above)] + _big_figure(row, figure_width)
    else:
        figures = [Text("") for _ in range(middle)] + [Text(row.figure, style="bold")]
    figure = block(figures)
    if big:
        # Already right-aligned by padding: Rich's right justification strips the trailing
        # spaces that keep the digits' top and bottom rows over their middle row, tearing them.
        figure.justify = "left"
    table = Table.grid(padding=(0, 1))
    table.add_column(width=label_width, no_wrap=True)
    table.add_column(width=bar_width, no_wrap=True)
    table.add_column(width=figure_width, no_wrap=True, justify="right")
    table.add_row(block(label), block(bars), figure)
    return table
