"""A dot vote: the options ranked by how many dots they got."""

from __future__ import annotations

from rich.console import RenderableType

from workshop_tui.domain import tally
from workshop_tui.tui.bars import bar_table
from workshop_tui.tui.views.base import StepView, ViewContext, hidden_notice


class VoteView(StepView):
    """Options with the most dots first."""

    def body(self, ctx: ViewContext, width: int, height: int) -> RenderableType:
        if not ctx.step_state.revealed:
            return hidden_notice(ctx)
        options = ctx.step_state.options
        total = tally.stacked(answer["dots"] for answer in ctx.answers.values())
        ranked = tally.ranked(total, [str(i) for i in range(len(options))])
        rows = [
            (f"{place}. {options[int(key)]}", dots, ctx.t("dots", count=dots))
            for place, (key, dots) in enumerate(ranked[: max(1, height)], start=1)
        ]
        return bar_table(rows, width)
