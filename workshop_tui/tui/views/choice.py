"""A scenario choice: one wide bar per option, its label wrapped in full."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text

from workshop_tui.domain import tally
from workshop_tui.domain.deck import ChoiceStep
from workshop_tui.tui.bars import Row, bar_chart
from workshop_tui.tui.layout import block, fill_blocks, wrap_plain
from workshop_tui.tui.safe import clean
from workshop_tui.tui.theme import Palette, palette
from workshop_tui.tui.views.base import StepView, ViewContext, hidden_notice


def letter(index: int) -> str:
    """The option's letter as the phones list it: A, B, C …"""
    return f"{chr(65 + index)}  "


def listed(
    view: StepView,
    ctx: ViewContext,
    names: list[str],
    markers: list[str],
    height: int,
    *,
    counted: bool = False,
) -> Group:
    """Options before the reveal: each wrapped in full under its marker, then the notice that
    the results wait; options that do not fit are counted (see `more`)."""
    p = palette(view)
    width = max(10, view.content_region.width)
    blocks = [
        [
            Text.assemble(
                ((marker if n == 0 else "").ljust(len(marker)), f"bold {p.accent}"),
                (line, "bold"),
            )
            for n, line in enumerate(wrap_plain(clean(name), max(1, width - len(marker))))
        ]
        for marker, name in zip(markers, names, strict=True)
    ]
    shown, left = fill_blocks(blocks, max(1, height - 2))
    if left:
        shown.append(more(view, ctx, p, left, counted=counted))
    return Group(block(shown), Text(""), hidden_notice(ctx, p))


def more(view: StepView, ctx: ViewContext, p: Palette, left: int, *, counted: bool = False) -> Text:
    """The line under a chart that did not fit: how many rows are left out (and noted).
    Options from the deck that do not fit are a misfit; options the group wrote (a vote's
    from a prompt) are `counted`, like the answers on a wall."""
    view.left_out(ctx.t("cut_options", count=left), counted=counted)
    return Text(ctx.t("more_count", count=left), style=f"bold {p.info}")


class ChoiceView(StepView):
    """How many chose each option, with the share of those who answered."""

    def body(self, ctx: ViewContext, width: int, height: int) -> RenderableType:
        step = ctx.step
        assert isinstance(step, ChoiceStep)
        if not ctx.step_state.revealed:
            # Only the counts wait for the reveal (no anchoring on early answers); the options
            # stay up, so the room can read and talk about the scenario while it answers.
            markers = [letter(i) for i in range(len(step.options))]
            return listed(self, ctx, list(step.options), markers, height)
        p = palette(self)
        counts = tally.choice_counts(ctx.answers.values(), len(step.options))
        answered = len(ctx.answers)
        rows = []
        for index, (option, count) in enumerate(zip(step.options, counts, strict=True)):
            share = round(100 * count / answered) if answered else 0
            figure = f"{count} · {share} %"
            rows.append(Row(option, count, figure, marker=letter(index), note=f"{share} %"))
        # The most chosen option's bar spans the width; the figures give the shares.
        chart = bar_chart(rows, width, height, p)
        if not chart.left_out:
            return chart.renderable
        return Group(chart.renderable, more(self, ctx, p, chart.left_out))
