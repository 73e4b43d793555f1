"""Ratings: per item, where the group's mean lies on the scale and how far people spread."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from workshop_tui.domain import tally
from workshop_tui.domain.deck import ScaleStep
from workshop_tui.tui.bars import PALETTE
from workshop_tui.tui.i18n import number
from workshop_tui.tui.safe import clean, fit
from workshop_tui.tui.views.base import StepView, ViewContext, hidden_notice

_BLOCKS = " ▁▂▃▄▅▆▇█"
# Today's mean against the group's previous one, as the projector shows them (one decimal).
_ARROWS = {1: ("▲", "bold #009e73"), -1: ("▼", "bold #e69f00"), 0: ("=", "#bbbbbb")}


def track(item: tally.ScaleItem, low: int, high: int, width: int, colour: str) -> Text:
    """The scale as a line: the spread (mean ± one standard deviation) thick, the mean a dot."""
    width = max(5, width)

    def at(value: float) -> int:
        return round((value - low) / (high - low) * (width - 1))

    cells = ["─"] * width
    if item.mean is not None and item.spread is not None:
        first = at(max(low, item.mean - item.spread))
        last = at(min(high, item.mean + item.spread))
        for x in range(first, last + 1):
            cells[x] = "━"
        cells[at(item.mean)] = "●"
    text = Text()
    for cell in cells:
        text.append(cell, style=colour if cell != "─" else "#777777")
    return text


def moved(today: float, before: float) -> tuple[str, str]:
    """The arrow (and its style) from the group's previous mean to today's, compared as shown."""
    now, then = round(today, 1), round(before, 1)
    return _ARROWS[(now > then) - (now < then)]


def previous_mean(ctx: ViewContext, step_id: str, item: str, mean: float) -> Text | None:
    """The group's previous mean for an item and whether it moved; None without one."""
    before = ctx.state.previous.mean(step_id, item) if ctx.state.previous else None
    if before is None:
        return None
    arrow, style = moved(mean, before)
    text = Text(ctx.t("previous_mean", value=float(before), arrow=arrow), style="#bbbbbb")
    text.highlight_words([arrow], style)
    return text


def histogram(counts: tuple[int, ...]) -> str:
    """How many gave each rating, as a row of block heights."""
    top = max(counts, default=0)
    if not top:
        return "·" * len(counts)
    return "".join(_BLOCKS[round(8 * c / top)] if c else "·" for c in counts)


class ScaleView(StepView):
    """Mean and spread per rated item."""

    def body(self, ctx: ViewContext, width: int, height: int) -> RenderableType:
        step = ctx.step
        assert isinstance(step, ScaleStep)
        if not ctx.step_state.revealed:
            return hidden_notice(ctx)
        items = tally.scale_items(ctx.answers.values(), len(step.items), step.min, step.max)
        ends = Text(fit(clean(step.min_label) or str(step.min), width // 2), style="#bbbbbb")
        right = clean(step.max_label) or str(step.max)
        ends.append(" " * max(1, width - len(ends) - len(right)) + right, style="#bbbbbb")
        if 1 + 3 * len(items) > height:
            return Group(ends, self._compact(ctx, step, items, width))
        parts: list[RenderableType] = [ends]
        for index, (name, item) in enumerate(zip(step.items, items, strict=True)):
            colour = PALETTE[index % len(PALETTE)]
            parts.append(Text(fit(clean(name), width), style="bold"))
            parts.append(track(item, step.min, step.max, width, colour))
            if item.mean is None or item.spread is None:
                parts.append(Text(ctx.t("no_answers"), style="italic #bbbbbb"))
                continue
            figures = Text(ctx.t("mean", value=float(item.mean)), style=f"bold {colour}")
            before = previous_mean(ctx, step.id, name, item.mean)
            if before is not None:
                figures.append(" ").append_text(before)
            figures.append(f"  ·  {ctx.t('spread', value=item.spread)}")
            figures.append(f"  ·  {ctx.t('range', low=item.lowest, high=item.highest)}")
            figures.append(f"  ·  {ctx.t('responses', count=item.responses)}")
            figures.append(f"  {step.min} {histogram(item.counts)} {step.max}", style=colour)
            parts.append(figures)
        return Group(*parts)

    def _compact(
        self, ctx: ViewContext, step: ScaleStep, items: list[tally.ScaleItem], width: int
    ) -> Table:
        """One line per item, for windows too short for the full view: name, track, figures."""
        name_width = max(10, width // 3)
        figure_width = 12
        previous = ctx.state.previous
        # The previous mean and the arrow ("4,0 ▲") when the group has them: the track gives way.
        compare = previous is not None and bool(previous.scales.get(step.id))
        track_width = max(5, width - name_width - figure_width - 2 - (9 if compare else 0))
        table = Table.grid(padding=(0, 1))
        table.add_column(width=name_width, no_wrap=True)
        table.add_column(width=track_width, no_wrap=True)
        table.add_column(width=figure_width, no_wrap=True, justify="right")
        if compare:
            table.add_column(width=7, no_wrap=True, justify="right")
        for index, (name, item) in enumerate(zip(step.items, items, strict=True)):
            colour = PALETTE[index % len(PALETTE)]
            extra: list[Text] = []
            if compare and previous is not None:
                before = previous.mean(step.id, name)
                shown = Text("" if before is None else number(ctx.language, before), "#bbbbbb")
                if before is not None and item.mean is not None:
                    shown.append(" ").append(*moved(item.mean, before))
                extra.append(shown)
            figures = (
                Text(
                    ctx.t("mean_spread", mean=float(item.mean), spread=item.spread),
                    style=f"bold {colour}",
                )
                if item.mean is not None and item.spread is not None
                else Text("–", style="#bbbbbb")
            )
            table.add_row(
                Text(fit(clean(name), name_width), style="bold"),
                track(item, step.min, step.max, track_width, colour),
                figures,
                *extra,
            )
        return table
