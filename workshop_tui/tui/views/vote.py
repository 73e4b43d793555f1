"""A dot vote: the options ranked by how many dots they got."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text

from workshop_tui.domain import tally
from workshop_tui.domain.deck import VoteStep
from workshop_tui.tui.bars import Row, bar_chart
from workshop_tui.tui.safe import clean
from workshop_tui.tui.theme import palette
from workshop_tui.tui.views.base import StepView, ViewContext
from workshop_tui.tui.views.choice import listed, more


class VoteView(StepView):
    """Options with the most dots first."""

    ACTIONS = frozenset({"cursor", "new_round"})

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "new_round":
            # Only a vote on an earlier prompt's answers has rounds: its options are taken
            # again from the answers as they are now.
            step = None if self.ctx is None else self.ctx.step
            return isinstance(step, VoteStep) and step.options_from is not None
        return super().check_action(action, parameters)

    def body(self, ctx: ViewContext, width: int, height: int) -> RenderableType:
        step = ctx.step
        assert isinstance(step, VoteStep)
        p = palette(self)
        options = ctx.step_state.options
        if not options and step.options_from is not None:
            # Opened while its prompt had no answers: say so instead of an empty result.
            source = clean(ctx.state.workshop.step(step.options_from).title)
            return Text(ctx.t("vote_no_options", step=source), style=f"bold {p.warning}")
        # A vote has rounds only once its options were taken again; the first needs no heading.
        again = ctx.step_state.round > 1
        heading = Text(ctx.t("round", n=ctx.step_state.round), style="bold")
        room = height - again
        # Options taken from a prompt's answers are as many as the group wrote.
        written = step.options_from is not None
        if not ctx.step_state.revealed:
            # Only the dots wait for the reveal; the options stay up in the order the phones
            # list them, numbered as there, so the room can read what it is voting on.
            markers = [f"{n}. " for n in range(1, len(options) + 1)]
            shown = listed(self, ctx, list(options), markers, room, counted=written)
            return Group(heading, shown) if again else shown
        total = tally.stacked(answer["dots"] for answer in ctx.answers.values())
        ranked = tally.ranked(total, [str(i) for i in range(len(options))])
        rows = [
            Row(options[int(key)], dots, ctx.t("dots", count=dots), marker=f"{place}. ")
            for place, (key, dots) in enumerate(ranked, start=1)
        ]
        chart = bar_chart(rows, width, room, p)
        parts: list[RenderableType] = [heading] if again else []
        parts.append(chart.renderable)
        if chart.left_out:
            parts.append(more(self, ctx, p, chart.left_out, counted=written))
        return Group(*parts)
