"""Horizontal bars for tallies, in colours that colour-blind viewers can tell apart.

The palette is Okabe and Ito's; every bar also carries its number, so colour is never the only
way to read a result.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from rich.table import Table
from rich.text import Text

from workshop_tui.tui.safe import clean, fit

PALETTE = ("#56b4e9", "#e69f00", "#009e73", "#f0e442", "#0072b2", "#d55e00", "#cc79a7")
AGREE = "#56b4e9"
DISAGREE = "#e69f00"


def bar(value: int, maximum: int, width: int, colour: str) -> Text:
    """A bar `width` cells long, filled in proportion to `value` / `maximum`."""
    filled = 0 if maximum <= 0 else round(width * value / maximum)
    # Coloured spaces, not block glyphs: fonts draw blocks with gaps or overhangs, a background
    # is an exact rectangle in every terminal and screenshot.
    text = Text()
    text.append(" " * filled, style=f"on {colour}")
    text.append("·" * (width - filled), style="#555555")
    return text


def bar_table(
    rows: Sequence[tuple[str, int, str]],
    width: int,
    *,
    maximum: int | None = None,
    colours: Sequence[str] | None = None,
    label_style: str = "bold",
) -> Table:
    """One row per (label, value, figure): the label, a bar and the figure after it.

    Labels are participant or deck text; they go in as `Text`, so they are never read as markup.
    """
    top = maximum if maximum is not None else max((v for _, v, _ in rows), default=0)
    figure_width = max((cell_len(f) for _, _, f in rows), default=0)
    label_width = min(max((cell_len(s) for s, _, _ in rows), default=0), max(8, width * 2 // 5))
    bar_width = max(4, width - label_width - figure_width - 4)
    table = Table.grid(padding=(0, 1))
    table.add_column(width=label_width, no_wrap=True)
    table.add_column(width=bar_width, no_wrap=True)
    table.add_column(width=figure_width, no_wrap=True, justify="right")
    palette = colours or PALETTE
    for index, (name, value, figure) in enumerate(rows):
        colour = palette[index % len(palette)]
        table.add_row(
            Text(fit(clean(name), label_width), style=label_style),
            bar(value, top, bar_width, colour),
            Text(figure, style="bold"),
        )
    return table
