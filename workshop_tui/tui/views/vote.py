"""A dot vote: the options ranked by how many dots they got."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text

from workshop_tui.domain import tally
from workshop_tui.domain.deck import VoteStep
from workshop_tui.tui.bars import bar_table
from workshop_tui.tui.safe import clean, plain
from workshop_tui.tui.views.base import StepView, ViewContext, hidden_notice


class VoteView(StepView):
    """Options with the most dots first."""

    def body(self, ctx: ViewContext, width: int, height: int) -> RenderableType:
        step = ctx.step
        assert isinstance(step, VoteStep)
        options = ctx.step_state.options
        if not options and step.options_from is not None:
            # Opened while its prompt had no answers: say so instead of an empty result.
            source = clean(ctx.state.workshop.step(step.options_from).title)
            return Text(ctx.t("vote_no_options", step=source), style="bold #e69f00")
        # A vote has rounds only once its options were taken again; the first needs no heading.
        again = ctx.step_state.round > 1
        heading = Text(ctx.t("round", n=ctx.step_state.round), style="bold")
        if not ctx.step_state.revealed:
            # Only the dots wait for the reveal; the options stay up in the order the phones
            # list them, numbered as there, so the room can read what it is voting on.
            listed = [plain(f"{n}. {option}", "bold") for n, option in enumerate(options, 1)]
            shown = Group(*listed, Text(""), hidden_notice(ctx))
            return Group(heading, shown) if again else shown
        total = tally.stacked(answer["dots"] for answer in ctx.answers.values())
        ranked = tally.ranked(total, [str(i) for i in range(len(options))])
        rows = [
            (f"{place}. {options[int(key)]}", dots, ctx.t("dots", count=dots))
            for place, (key, dots) in enumerate(ranked[: max(1, height - again)], start=1)
        ]
        table = bar_table(rows, width)
        return Group(heading, table) if again else table
