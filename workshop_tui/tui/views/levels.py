"""The highest/lowest level: each service area as a ladder.

Rungs run from the most ambitious at the top to the most basic at the bottom. Each rung shows
how many people accept it; the group's level (the highest rung everyone accepts) and the
aspiration (where most people would go) are marked, and so is the level once it is locked.
"""

from __future__ import annotations

from typing import ClassVar

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from workshop_tui.domain import tally
from workshop_tui.domain.deck import LevelsStep
from workshop_tui.tui.bars import AGREE, bar
from workshop_tui.tui.safe import clean, fit
from workshop_tui.tui.views.base import StepView, ViewContext, hidden_notice, lines_needed

AREA_MIN_WIDTH = 38
LEVEL_STYLE = "bold #000000 on #56b4e9"


class LevelsView(StepView):
    """All areas side by side, as many per row as fit; rows that do not fit are paged with the
    cursor keys, and the top line says which areas are showing."""

    has_cursor: ClassVar[bool] = True

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.first_row = 0
        self._rows = 1
        self.compare = False

    def toggle_compare(self) -> None:
        """Show or hide the previous round's figures beside this round's."""
        self.compare = not self.compare
        self.refresh()

    def move(self, delta: int) -> None:
        self.first_row = max(0, min(self._rows - 1, self.first_row + delta))
        self.refresh()

    def body(self, ctx: ViewContext, width: int, height: int) -> RenderableType:
        step = ctx.step
        assert isinstance(step, LevelsStep)
        heading = Text(ctx.t("round", n=ctx.step_state.round), style="bold")
        if ctx.step_state.status == "preparing":
            # Nothing to count yet: the room sees the ladder being arranged.
            notice = Text(ctx.t("levels_preparing", n=ctx.step_state.round), style="bold #56b4e9")
            return Group(heading, notice, Text(""), self._ladders(ctx, step, width))
        if not ctx.step_state.revealed:
            return Group(heading, hidden_notice(ctx))
        results = tally.ladders(ctx.step_state)
        previous = self._previous(ctx, heading) if self.compare else {}
        areas = [area for area in step.areas if area.id in results]
        per_row = max(1, min(len(areas), width // AREA_MIN_WIDTH))
        inner = width // per_row - 4
        rows = [areas[start : start + per_row] for start in range(0, len(areas), per_row)]
        self._rows = len(rows)
        self.first_row = min(self.first_row, len(rows) - 1)
        grid = Table.grid(expand=True)
        for _ in range(per_row):
            grid.add_column(ratio=1)
        room = height - 2
        shown = 0
        for row in rows[self.first_row :]:
            needed = max(self._lines(ctx, area.id, inner) for area in row)
            if shown and needed > room:
                break
            panels = [
                self._area(ctx, a.id, a.name, results[a.id], inner, previous.get(a.id)) for a in row
            ]
            grid.add_row(*panels, *[Text("")] * (per_row - len(row)))
            room -= needed
            shown += 1
        first = self.first_row * per_row + 1
        last = min(len(areas), (self.first_row + shown) * per_row)
        if first > 1 or last < len(areas):
            paging = ctx.t("areas_shown", first=first, last=last, total=len(areas))
            heading.append(f"   {paging}", style="bold #e69f00")
        legend = Text(ctx.t("levels_legend"), style="#bbbbbb")
        if ctx.state.previous is not None and ctx.state.previous.levels:
            legend.append(f" · {ctx.t('previous_level')}")
        return Group(heading, grid, legend)

    def _ladders(self, ctx: ViewContext, step: LevelsStep, width: int) -> RenderableType:
        """Every area's rungs, most ambitious first, while the round is being prepared."""
        lines: list[Text] = []
        for area in step.areas:
            lines.append(Text(fit(clean(area.name), width), style="bold"))
            rungs = ctx.step_state.ladders.get(area.id, [])
            for index in range(len(rungs) - 1, -1, -1):
                line = Text(f"  {index + 1}. ", style="bold")
                line.append(fit(clean(rungs[index]), width * 2 - 6))
                lines.append(line)
        return Group(*lines)

    def _previous(self, ctx: ViewContext, heading: Text) -> dict[str, dict[str, int]]:
        """The previous round's accepts per area, by rung text: rungs may have been
        rearranged since, so they are matched by their words, not their numbers."""
        step_state = ctx.step_state
        earlier = step_state.round - 1
        if earlier < 1:
            heading.append(f"   {ctx.t('no_previous_round')}", style="#bbbbbb")
            return {}
        heading.append(f"   {ctx.t('previous_round', n=earlier)}", style="bold #e69f00")
        ladders = step_state.ladder_history.get(earlier, step_state.ladders)
        answers = step_state.answers.get(earlier, {})
        result: dict[str, dict[str, int]] = {}
        for area_id, rungs in ladders.items():
            picks = [a["rungs"][area_id] for a in answers.values() if area_id in a["rungs"]]
            accepts = tally.ladder(picks, len(rungs)).accepts
            result[area_id] = dict(zip(rungs, accepts, strict=False))
        return result

    def _lines(self, ctx: ViewContext, area_id: str, width: int) -> int:
        """How many lines an area's panel takes: two borders, each rung's text and its meter."""
        rungs = ctx.step_state.ladders.get(area_id, [])
        texts = [fit(clean(rung), width * 2 - 4) for rung in rungs]
        return 3 + sum(lines_needed(f"{n}. {t}", width) + 1 for n, t in enumerate(texts, 1))

    def _area(
        self,
        ctx: ViewContext,
        area_id: str,
        name: str,
        result: tally.LadderResult,
        width: int,
        previous: dict[str, int] | None = None,
    ) -> Panel:
        rungs = ctx.step_state.ladders.get(area_id, [])
        locked = ctx.step_state.levels
        locked_rung = locked.get(area_id) if locked is not None else None
        lines: list[Text] = []
        figure_width = len(ctx.t("accepts", count=result.responses))
        # The level the group agreed last time, found by its words: the ladder may have changed.
        before = ctx.state.previous.levels.get(area_id) if ctx.state.previous else None
        last_time = before.text if before is not None else None
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
            if previous is not None:
                figure += f" ({previous.get(rungs[index], '–')})"
            # The bar gives way first when the area is narrow; the figures and marks never do.
            room = min(width // 3, width - 3 - len(figure) - marks.cell_len)
            # The previous level takes the space before the bar: no line grows for it.
            was = last_time is not None and rungs[index] == last_time
            meter = Text.assemble(" ", ("◇", "bold #cc79a7"), " ") if was else Text("   ")
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
