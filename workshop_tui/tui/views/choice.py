"""A scenario choice: one bar per option."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text

from workshop_tui.domain import tally
from workshop_tui.domain.deck import ChoiceStep
from workshop_tui.tui.bars import bar_table
from workshop_tui.tui.safe import plain
from workshop_tui.tui.views.base import StepView, ViewContext, hidden_notice


def _letter(index: int, option: str) -> str:
    """The option as the phones list it: A, B, C …"""
    return f"{chr(65 + index)}  {option}"


class ChoiceView(StepView):
    """How many chose each option, with the share of those who answered."""

    def body(self, ctx: ViewContext, width: int, height: int) -> RenderableType:
        step = ctx.step
        assert isinstance(step, ChoiceStep)
        if not ctx.step_state.revealed:
            # Only the counts wait for the reveal (no anchoring on early answers); the options
            # stay up, so the room can read and talk about the scenario while it answers.
            options = [plain(_letter(i, o), "bold") for i, o in enumerate(step.options)]
            return Group(*options, Text(""), hidden_notice(ctx))
        counts = tally.choice_counts(ctx.answers.values(), len(step.options))
        answered = len(ctx.answers)
        rows = []
        for index, (option, count) in enumerate(zip(step.options, counts, strict=True)):
            share = round(100 * count / answered) if answered else 0
            rows.append((_letter(index, option), count, f"{count}  {share:3d} %"))
        return bar_table(rows, width, maximum=max(answered, 1))
