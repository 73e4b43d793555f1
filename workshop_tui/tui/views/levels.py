"""The highest/lowest level: each service area as a ladder.

Rungs run from the most ambitious at the top to the most basic at the bottom. Each rung shows
how many people accept it; the group's level (the highest rung everyone accepts) and the
aspiration (where most people would go) are marked, and so is the level once it is locked.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from workshop_tui.domain import tally
from workshop_tui.domain.deck import LevelsStep
from workshop_tui.tui.bars import AGREE, bar
from workshop_tui.tui.safe import clean, fit
from workshop_tui.tui.views.base import StepView, ViewContext, hidden_notice

AREA_MIN_WIDTH = 38
LEVEL_STYLE = "bold #000000 on #56b4e9"


class LevelsView(StepView):
    """All areas side by side, as many per row as fit."""

    def body(self, ctx: ViewContext, width: int, height: int) -> RenderableType:
        step = ctx.step
        assert isinstance(step, LevelsStep)
        round_line = Text(ctx.t("round", n=ctx.step_state.round), style="bold")
        if not ctx.step_state.revealed:
            return Group(round_line, hidden_notice(ctx))
        results = tally.ladders(ctx.step_state)
        per_row = max(1, min(len(step.areas), width // AREA_MIN_WIDTH))
        area_width = width // per_row
        grid = Table.grid(expand=True)
        for _ in range(per_row):
            grid.add_column(ratio=1)
        panels = [
            self._area(ctx, area.id, area.name, results[area.id], area_width - 4)
            for area in step.areas
            if area.id in results
        ]
        for start in range(0, len(panels), per_row):
            row = panels[start : start + per_row]
            grid.add_row(*row, *[Text("")] * (per_row - len(row)))
        legend = Text(ctx.t("levels_legend"), style="#bbbbbb")
        return Group(round_line, grid, legend)

    def _area(
        self, ctx: ViewContext, area_id: str, name: str, result: tally.LadderResult, width: int
    ) -> Panel:
        rungs = ctx.step_state.ladders.get(area_id, [])
        locked = ctx.step_state.levels
        locked_rung = locked.get(area_id) if locked is not None else None
        lines: list[Text] = []
        figure_width = len(ctx.t("accepts", count=result.responses))
        for index in range(len(rungs) - 1, -1, -1):
            is_level = index == result.level
            rung = Text(f"{index + 1}. ", style="bold")
            rung.append(fit(clean(rungs[index]), width * 2 - 4))
            if is_level or index == locked_rung:
                rung.stylize(LEVEL_STYLE)
            lines.append(rung)
            accepts = result.accepts[index] if index < len(result.accepts) else 0
            marks = Text()
            if index == locked_rung:
                marks.append(" " + ctx.t("locked_level"), style="bold #56b4e9")
            elif is_level:
                marks.append(" " + ctx.t("group_level"), style="bold #56b4e9")
            if index == result.aspiration:
                marks.append(" " + ctx.t("aspiration"), style="bold #e69f00")
            figure = f" {ctx.t('accepts', count=accepts):<{figure_width}}"
            # The bar gives way first when the area is narrow; the figures and marks never do.
            room = min(width // 3, width - 3 - len(figure) - marks.cell_len)
            meter = Text("   ")
            if room >= 3:
                meter.append_text(bar(accepts, max(1, result.responses), room, AGREE))
            meter.append(figure)
            meter.append_text(marks)
            lines.append(meter)
        if result.none:
            lines.append(Text(ctx.t("no_rung", count=result.none), style="bold #e69f00"))
        elif result.responses and result.level is None:
            lines.append(Text(ctx.t("no_level"), style="#bbbbbb"))
        return Panel(
            Group(*lines),
            title=Text(fit(clean(name), width), style="bold"),
            title_align="left",
            border_style="#777777",
            subtitle=Text(ctx.t("responses", count=result.responses), style="#bbbbbb"),
            subtitle_align="right",
        )
