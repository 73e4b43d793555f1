"""A scenario choice: one bar per option."""

from __future__ import annotations

from rich.console import RenderableType

from workshop_tui.domain import tally
from workshop_tui.domain.deck import ChoiceStep
from workshop_tui.tui.bars import bar_table
from workshop_tui.tui.views.base import StepView, ViewContext, hidden_notice


class ChoiceView(StepView):
    """How many chose each option, with the share of those who answered."""

    def body(self, ctx: ViewContext, width: int, height: int) -> RenderableType:
        step = ctx.step
        assert isinstance(step, ChoiceStep)
        if not ctx.step_state.revealed:
            return hidden_notice(ctx)
        counts = tally.choice_counts(ctx.answers.values(), len(step.options))
        answered = len(ctx.answers)
        rows = []
        for index, (option, count) in enumerate(zip(step.options, counts, strict=True)):
            share = round(100 * count / answered) if answered else 0
            rows.append((f"{chr(65 + index)}  {option}", count, f"{count}  {share:3d} %"))
        return bar_table(rows, width, maximum=max(answered, 1))
