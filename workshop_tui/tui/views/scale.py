"""Ratings: per item, where the group's mean lies on the scale and how far people spread.

Each item gets its mean in large digits and a thick track of the scale: the band is where most
of the group is (the mean ± one standard deviation), the bright mark the mean itself, so both
read from the back of the room. A screen too short for that gets one line per item, under its
name; one too short for those shows them in pages that ↑/↓ turn.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.renderables.digits import Digits

from workshop_tui.catalogue import number
from workshop_tui.domain import tally
from workshop_tui.domain.deck import ScaleStep
from workshop_tui.tui.layout import block, wrap_plain
from workshop_tui.tui.safe import clean
from workshop_tui.tui.theme import Palette, palette
from workshop_tui.tui.views.base import ViewContext
from workshop_tui.tui.views.choice import listed
from workshop_tui.tui.views.paging import PagedView

_BLOCKS = " ▁▂▃▄▅▆▇█"
# The digits of a mean ("4,2") and the space around them.
DIGITS_WIDTH = 9


def track(item: tally.ScaleItem, low: int, high: int, width: int, colour: str, p: Palette) -> Text:
    """The scale as one row of cells: the spread (mean ± one standard deviation) as a band in
    the item's colour, the mean a bright mark in it, the rest of the scale a panel."""
    width = max(5, width)

    def at(value: float) -> int:
        return round((value - low) / (high - low) * (width - 1))

    styles = [f"on {p.panel}"] * width
    if item.mean is not None and item.spread is not None:
        for x in range(
            at(max(low, item.mean - item.spread)), at(min(high, item.mean + item.spread)) + 1
        ):
            styles[x] = f"on {colour}"
        styles[at(item.mean)] = f"on {p.text}"
    text = Text()
    for style in styles:
        text.append(" ", style=style)
    return text


def moved(today: float, before: float, p: Palette) -> tuple[str, str]:
    """The arrow (and its style) from the group's previous mean to today's, compared as shown."""
    now, then = round(today, 1), round(before, 1)
    arrows = {1: ("▲", f"bold {p.success}"), -1: ("▼", f"bold {p.warning}"), 0: ("=", p.muted)}
    return arrows[(now > then) - (now < then)]


def previous_mean(
    ctx: ViewContext, step_id: str, item: str, mean: float, p: Palette
) -> Text | None:
    """The group's previous mean for an item and whether it moved; None without one."""
    before = ctx.state.previous.mean(step_id, item) if ctx.state.previous else None
    if before is None:
        return None
    arrow, style = moved(mean, before, p)
    text = Text(ctx.t("previous_mean", value=float(before), arrow=arrow), style=p.muted)
    text.highlight_words([arrow], style)
    return text


def histogram(counts: tuple[int, ...]) -> str:
    """How many gave each rating, as a row of block heights."""
    top = max(counts, default=0)
    if not top:
        return "·" * len(counts)
    return "".join(_BLOCKS[round(8 * c / top)] if c else "·" for c in counts)


class ScaleView(PagedView):
    """Mean and spread per rated item; ↑/↓ page through the items when they do not all fit."""

    def body(self, ctx: ViewContext, width: int, height: int) -> RenderableType:
        step = ctx.step
        assert isinstance(step, ScaleStep)
        p = palette(self)
        if not ctx.step_state.revealed:
            self._unpaged()
            # The items being rated stay up (not their ratings), so the room knows what it rates.
            return listed(self, ctx, list(step.items), ["• "] * len(step.items), height)
        items = tally.scale_items(ctx.answers.values(), len(step.items), step.min, step.max)
        name_width = max(12, width // 4)
        names = [wrap_plain(clean(name), name_width) for name in step.items]
        # Large: the name beside the mean in digits and a track two or three rows thick over
        # its figures, a blank row between items. Otherwise the name over one line of mean
        # and track.
        thickness = next(
            (
                size
                for size in (3, 2)
                if 1 + sum(_big_rows(size, lines) for lines in names) <= height
            ),
            0,
        )
        if not thickness:
            return self._compact(ctx, step, items, width, height, p)
        self._unpaged()
        track_width = max(10, width - name_width - DIGITS_WIDTH - 2)
        rows: list[RenderableType] = [
            self._ends(step, name_width + DIGITS_WIDTH + 2, track_width, p)
        ]
        for index, (lines, item) in enumerate(zip(names, items, strict=True)):
            colour = p.series[index % len(p.series)]
            table = Table.grid(padding=(0, 1))
            table.add_column(width=name_width)
            table.add_column(width=DIGITS_WIDTH)
            table.add_column(width=track_width)
            mean = "–" if item.mean is None else number(ctx.language, item.mean)
            bar = track(item, step.min, step.max, track_width, colour, p)
            figures = self._figures(ctx, step, step.items[index], item, p)
            figures.truncate(track_width)
            table.add_row(
                block([Text(line, style="bold") for line in lines]),
                Digits(mean, f"bold {colour}"),
                block([*(bar.copy() for _ in range(thickness)), figures]),
            )
            rows += [table, Text("")]
        return Group(*rows)

    def _unpaged(self) -> None:
        """Every item on one screen: nothing to page."""
        self.pager.reset()
        self.offer_cursor(False)

    def _compact(
        self,
        ctx: ViewContext,
        step: ScaleStep,
        items: list[tally.ScaleItem],
        width: int,
        height: int,
        p: Palette,
    ) -> Group:
        """Per item its name in full, then one line: the mean and spread in bold, the track;
        in pages of whole items under the scale's ends when they do not all fit."""
        blocks = []
        for index, (name, item) in enumerate(zip(step.items, items, strict=True)):
            colour = p.series[index % len(p.series)]
            title = [Text(line, style="bold") for line in wrap_plain(clean(name), width)]
            if item.mean is None or item.spread is None:
                figure = Text(ctx.t("no_answers"), style=f"italic {p.muted}")
            else:
                figure = Text(
                    ctx.t("mean_spread", mean=float(item.mean), spread=item.spread),
                    style=f"bold {colour}",
                )
                before = previous_mean(ctx, step.id, name, item.mean, p)
                if before is not None:
                    figure.append(" ").append_text(before)
                figure.append(" ")
                room = max(5, width - figure.cell_len)
                figure.append_text(track(item, step.min, step.max, room, colour, p))
            blocks.append([*title, figure])
        pager = self.pager

        def page_of() -> str:
            return ctx.t("page_of", n=pager.number, total=pager.count)

        def above(first: int) -> Text:
            # The page says which it is on its line below, the last page on this one.
            words = ctx.t("page_above_items", count=first)
            if pager.number == pager.count:
                words += f" · {page_of()}"
            return Text(words, style=f"bold {p.info}")

        def below(rest: int) -> Text:
            words = f"{ctx.t('page_below_items', count=len(blocks) - rest)} · {page_of()}"
            return Text(words, style=f"bold {p.info}")

        more = Text(ctx.t("more_text"), style=f"bold {p.info}")
        shown, whole = pager.page(blocks, max(1, height - 1), above, below, more)
        if not whole:
            self.left_out(ctx.t("cut_text", title=clean(step.title)))
        self.offer_cursor(pager.paged)
        return Group(block([self._ends(step, 0, width, p), *shown]))

    def _ends(self, step: ScaleStep, indent: int, width: int, p: Palette) -> Text:
        """The scale's two ends over the tracks: its labels, or its numbers."""
        left = f"{step.min} {clean(step.min_label)}".strip()
        right = f"{clean(step.max_label)} {step.max}".strip()
        ends = Text(" " * indent)
        ends.append(left, style=f"bold {p.muted}")
        ends.append(" " * max(1, width - len(left) - len(right)))
        ends.append(right, style=f"bold {p.muted}")
        return ends

    def _figures(
        self, ctx: ViewContext, step: ScaleStep, name: str, item: tally.ScaleItem, p: Palette
    ) -> Text:
        """The spread, range and count under an item's track, and last time's mean."""
        if item.mean is None or item.spread is None:
            return Text(ctx.t("no_answers"), style=f"italic {p.muted}")
        figures = Text(ctx.t("mean", value=float(item.mean)), style="bold")
        before = previous_mean(ctx, step.id, name, item.mean, p)
        if before is not None:
            figures.append(" ").append_text(before)
        figures.append(f" · {ctx.t('spread', value=item.spread)}", style="bold")
        figures.append(f" · {ctx.t('range', low=item.lowest, high=item.highest)}")
        figures.append(f" · {ctx.t('responses', count=item.responses)}")
        figures.append(f"  {step.min} {histogram(item.counts)} {step.max}")
        return figures


def _big_rows(thickness: int, name: tuple[str, ...]) -> int:
    """Rows one item takes in the large layout: its name, its digits or its track and
    figures, whichever is tallest, and a blank row."""
    return max(len(name), 3, thickness + 1) + 1
