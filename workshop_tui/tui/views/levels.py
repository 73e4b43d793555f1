"""The highest/lowest level: each service area as a ladder, read in full.

Rungs run from the most ambitious at the top to the most basic at the bottom, each wrapped in
full (the rungs are the text the group decides on, so they are never cut short). Beside each
rung: how many people accept it, and the marks for the group's level (the highest rung everyone
accepts), the aspiration (where most people would go) and the level once it is locked.

The view is a focus view: it shows as many areas as fit with all their rungs, a page indicator
("Areas 1–2 of 6") and pages through the rest with ↑/↓. An area too long for the screen on its
own keeps its level's and aspiration's rungs and says which rungs are not shown.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from rich.cells import cell_len
from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.screen import Screen

from workshop_tui.domain import tally
from workshop_tui.domain.deck import Area, LevelsStep
from workshop_tui.domain.service_card import LevelOrigin, origin_words
from workshop_tui.tui.bars import bar
from workshop_tui.tui.ladder_screen import LadderScreen
from workshop_tui.tui.safe import clean
from workshop_tui.tui.theme import Palette, palette
from workshop_tui.tui.views.base import (
    DialogKit,
    StepView,
    ViewContext,
    hidden_notice,
    lines_needed,
)

# The narrowest an area's column may get before areas go one above the other instead.
AREA_MIN_WIDTH = 56
# The widest an area's column should be: longer lines are hard to follow across a screen, so
# when more columns show as many areas, the room gets those.
AREA_MAX_WIDTH = 120
# Cells between two areas side by side.
GAP = 3
# The bar beside each rung's count, when the column is wide enough to spare it; short rungs
# leave it more room, up to the longest.
BAR_WIDTH = 8
MAX_BAR = 30


@dataclass(frozen=True)
class _Page:
    """Which areas one page shows, and how."""

    columns: int
    shown: int


class LevelsView(StepView):
    """As many areas as fit with every rung in full; ↑/↓ page through the rest."""

    has_cursor = True
    ACTIONS = frozenset({"cursor", "new_round", "arrange", "compare"})

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        # The first area on the page, and the pages before it (for ↑).
        self.first = 0
        self._back: list[int] = []
        self._page = _Page(1, 1)
        self._total = 0
        # A blank line between rungs, when the page shows as many areas with it as without.
        self._spaced = False
        # This drawing's ladders per (area, column width) and labels: the layout tries several
        # widths, and each area is measured at each of them.
        self._drawn: dict[tuple[str, int], _Rungs] = {}
        self.compare = False

    def action_compare(self) -> None:
        """Show or hide the previous round's figures beside this round's."""
        self.compare = not self.compare
        self.refresh()

    def action_arrange(self) -> None:
        """Arrange this step's ladders: the group's proposals, merges, order, drops."""
        step = None if self.ctx is None else self.ctx.step
        if not isinstance(step, LevelsStep):
            return

        language = self.ctx.language if self.ctx is not None else ""

        def build(kit: DialogKit) -> Screen[Any]:
            undo = kit.ladder_undo(step.id)
            return LadderScreen(step, kit.state, language, kit.send, undo, kit.session_drawn)

        self.post_message(self.Open(build))

    def move(self, delta: int) -> None:
        """The next (1) or previous (-1) page of areas."""
        if delta > 0 and self.first + self._page.shown < self._total:
            self._back.append(self.first)
            self.first += self._page.shown
        elif delta < 0 and self.first > 0:
            self.first = self._back.pop() if self._back else max(0, self.first - 1)
        self.refresh()

    def body(self, ctx: ViewContext, width: int, height: int) -> RenderableType:
        step = ctx.step
        assert isinstance(step, LevelsStep)
        p = palette(self)
        self._drawn = {}
        heading = Text(ctx.t("round", n=ctx.step_state.round), style="bold")
        if ctx.step_state.status == "preparing":
            # Nothing to count yet: the room sees the ladder being arranged.
            notice = Text(ctx.t("levels_preparing", n=ctx.step_state.round), style=f"bold {p.info}")
            top = self._heading_lines(ctx, heading, width) + lines_needed(notice.plain, width) + 1
            ladders = self._pages(ctx, list(step.areas), {}, {}, width, height - top, heading)
            return Group(heading, notice, Text(""), ladders)
        if not ctx.step_state.revealed:
            return Group(heading, hidden_notice(ctx, p))
        results = tally.ladders(ctx.step_state)
        previous = self._previous(ctx, heading) if self.compare else {}
        areas = [area for area in step.areas if area.id in results]
        # A locked ladder draws its level ◆ LOCKED, not ◀ LEVEL: the legend explains that mark.
        locked = ctx.step_state.levels is not None
        legend = Text(ctx.t("levels_legend_locked" if locked else "levels_legend"), style=p.muted)
        if ctx.state.previous is not None and ctx.state.previous.levels:
            legend.append(" · ")
            legend.append_text(_last_time(ctx, p))
        # The legend explains the marks; it gives way before any rung does.
        legend_lines = lines_needed(legend.plain, width)
        room = height - self._heading_lines(ctx, heading, width) - 1
        if self._fits(ctx, areas, results, previous, width, room - legend_lines - 1):
            room -= legend_lines + 1
        else:
            legend = Text("")
        ladders = self._pages(ctx, areas, results, previous, width, room, heading)
        return Group(heading, ladders, Text(""), legend)

    def _heading_lines(self, ctx: ViewContext, heading: Text, width: int) -> int:
        """The lines the heading takes once the page indicator is added to it (at its
        longest, as the page is not known yet)."""
        total = len(ctx.step.areas) if isinstance(ctx.step, LevelsStep) else 0
        paging = ctx.t("areas_shown", first=total, last=total, total=total)
        return lines_needed(f"{heading.plain}   {paging}", width)

    def _fits(
        self,
        ctx: ViewContext,
        areas: Sequence[Area],
        results: dict[str, tally.LadderResult],
        previous: dict[str, dict[str, int]],
        width: int,
        room: int,
    ) -> bool:
        """Whether the page from `first` shows at least one area in full in `room` lines."""
        first = min(self.first, max(0, len(areas) - 1))
        self._spaced = False
        return self._layout(ctx, areas[first:], results, previous, width, room).shown > 0

    def _pages(
        self,
        ctx: ViewContext,
        areas: Sequence[Area],
        results: dict[str, tally.LadderResult],
        previous: dict[str, dict[str, int]],
        width: int,
        room: int,
        heading: Text,
    ) -> RenderableType:
        """The page of areas from `first` that fits `width` × `room`; the heading says which."""
        p = palette(self)
        self._total = len(areas)
        if not areas:
            return Text("")
        self.first = min(self.first, len(areas) - 1)
        rest = areas[self.first :]
        self._spaced = True
        page = self._layout(ctx, rest, results, previous, width, room)
        self._spaced = False
        tight = self._layout(ctx, rest, results, previous, width, room)
        if page.shown < tight.shown or page.shown == 0:
            page = tight
        else:
            self._spaced = True
        if page.shown == 0:
            # Not even one area fits whole: the first one alone, its marked rungs kept.
            self._page = _Page(1, 1)
            area = rest[0]
            lines = self._area(ctx, area, results.get(area.id), previous.get(area.id), width, room)
            grid: RenderableType = Group(*lines)
        else:
            self._page = page
            grid = self._grid(ctx, rest[: page.shown], results, previous, width, page.columns)
        shown = self._page.shown
        if shown < len(areas):
            if shown == 1:
                paging = ctx.t("area_shown", n=self.first + 1, total=len(areas))
            else:
                last = self.first + shown
                paging = ctx.t("areas_shown", first=self.first + 1, last=last, total=len(areas))
            heading.append(f"   {paging}", style=f"bold {p.warning}")
        return grid

    def _layout(
        self,
        ctx: ViewContext,
        areas: Sequence[Area],
        results: dict[str, tally.LadderResult],
        previous: dict[str, dict[str, int]],
        width: int,
        room: int,
    ) -> _Page:
        """The number of columns that shows the most of `areas` in full, and how many areas
        that is. When several show as many, the fewest whose lines are not too long to follow."""
        best, best_key = _Page(1, 0), (0, False)
        most = max(1, min(len(areas), (width + GAP) // (AREA_MIN_WIDTH + GAP)))
        for columns in range(1, most + 1):
            column = (width - GAP * (columns - 1)) // columns
            used = shown = 0
            while shown < len(areas):
                row = areas[shown : shown + columns]
                tall = max(
                    self._height(ctx, a, results.get(a.id), previous.get(a.id), column) for a in row
                )
                needed = tall + (1 if shown else 0)
                if used + needed > room:
                    break
                used += needed
                shown += len(row)
            key = (shown, column <= AREA_MAX_WIDTH)
            if key > best_key:
                best, best_key = _Page(columns, shown), key
        return best

    def _grid(
        self,
        ctx: ViewContext,
        areas: Sequence[Area],
        results: dict[str, tally.LadderResult],
        previous: dict[str, dict[str, int]],
        width: int,
        columns: int,
    ) -> RenderableType:
        """`areas` in rows of `columns`, a blank line between rows."""
        column = (width - GAP * (columns - 1)) // columns
        grid = Table.grid(padding=(0, GAP, 0, 0))
        for _ in range(columns):
            grid.add_column(width=column)
        for start in range(0, len(areas), columns):
            if start:
                grid.add_row(*[Text("")] * columns)
            row = areas[start : start + columns]
            cells = [
                Group(*self._area(ctx, a, results.get(a.id), previous.get(a.id), column))
                for a in row
            ]
            grid.add_row(*cells, *[Text("")] * (columns - len(row)))
        return grid

    def _previous(self, ctx: ViewContext, heading: Text) -> dict[str, dict[str, int]]:
        """The previous round's accepts per area, by rung text: rungs may have been
        rearranged since, so they are matched by their words, not their numbers."""
        p = palette(self)
        step_state = ctx.step_state
        earlier = step_state.round - 1
        if earlier < 1:
            heading.append(f"   {ctx.t('no_previous_round')}", style=p.muted)
            return {}
        heading.append(f"   {ctx.t('previous_round', n=earlier)}", style=f"bold {p.warning}")
        ladders = step_state.ladder_history.get(earlier, step_state.ladders)
        answers = step_state.answers.get(earlier, {})
        result: dict[str, dict[str, int]] = {}
        for area_id, rungs in ladders.items():
            picks = [a["rungs"][area_id] for a in answers.values() if area_id in a["rungs"]]
            accepts = tally.ladder(picks, len(rungs)).accepts
            result[area_id] = dict(zip(rungs, accepts, strict=False))
        return result

    def _area(
        self,
        ctx: ViewContext,
        area: Area,
        result: tally.LadderResult | None,
        previous: dict[str, int] | None,
        width: int,
        room: int | None = None,
    ) -> list[Text]:
        """An area's lines at `width`: its name, every rung (most ambitious first), and what
        the group has not agreed. With `room`, only the rungs that fit in that many lines, the
        marked ones first; the others are named in their place and reported as left out."""
        p = palette(self)
        rungs = ctx.step_state.ladders.get(area.id, [])
        title = self._title(ctx, area, result, width)
        after: list[Text] = []
        if result is not None and result.none:
            after.append(Text(ctx.t("no_rung", count=result.none), style=f"bold {p.warning}"))
        elif result is not None and result.responses and result.level is None:
            after.append(Text(ctx.t("no_level"), style=p.muted))
        drawn = self._rungs(ctx, area, result, previous, width)
        rows = {index: drawn.rung(index) for index in range(len(rungs))}
        keep: Iterable[int] = range(len(rungs))
        top = len(title)
        if room is not None and top + sum(map(len, rows.values())) + len(after) > room:
            keep = _choose(rows, drawn.marked(), room - top - len(after))
        lines = title
        kept = set(keep)
        hidden: list[int] = []
        for index in range(len(rungs) - 1, -1, -1):
            if index in kept:
                if hidden:
                    lines.append(self._more(ctx, p, hidden))
                    hidden = []
                if self._spaced and len(lines) > top:
                    lines.append(Text(""))
                lines.extend(rows[index])
            else:
                hidden.append(index)
        if hidden:
            lines.append(self._more(ctx, p, hidden))
        if len(kept) < len(rungs):
            left = [i + 1 for i in range(len(rungs)) if i not in kept]
            self.left_out(ctx.t("cut_rungs", area=clean(area.name), rungs=_ranges(left)))
        return lines + after

    def _rungs(
        self,
        ctx: ViewContext,
        area: Area,
        result: tally.LadderResult | None,
        previous: dict[str, int] | None,
        width: int,
    ) -> _Rungs:
        """Area `area`'s rungs drawn at `width`, once per drawing."""
        key = (area.id, width)
        if key not in self._drawn:
            self._drawn[key] = _Rungs(self, ctx, area.id, result, previous, width)
        return self._drawn[key]

    def _height(
        self,
        ctx: ViewContext,
        area: Area,
        result: tally.LadderResult | None,
        previous: dict[str, int] | None,
        width: int,
    ) -> int:
        """The lines `_area` takes for the whole area at `width`, without drawing it."""
        drawn = self._rungs(ctx, area, result, previous, width)
        count = len(drawn.rungs)
        after = result is not None and bool(
            result.none or (result.responses and result.level is None)
        )
        spacing = max(0, count - 1) if self._spaced else 0
        top = len(self._title(ctx, area, result, width))
        return top + sum(drawn.height(i) for i in range(count)) + spacing + after

    def _title(
        self, ctx: ViewContext, area: Area, result: tally.LadderResult | None, width: int
    ) -> list[Text]:
        """The area's name, wrapped, and the number of responses after it (on a line of its
        own when it does not fit beside the name)."""
        p = palette(self)
        name = _wrap(self.app.console, clean(area.name), width) or ("",)
        lines = [Text(words, style="bold") for words in name]
        if result is not None:
            responses = ctx.t("responses", count=result.responses)
            if lines[-1].cell_len + 2 + cell_len(responses) <= width:
                lines[-1].append(f"  {responses}", style=p.muted)
            else:
                lines.append(Text(responses, style=p.muted))
        return lines

    def _more(self, ctx: ViewContext, p: Palette, hidden: list[int]) -> Text:
        """The line in place of rungs that are not shown: "+2 more: rungs 1–2"."""
        numbers = sorted(i + 1 for i in hidden)
        if len(numbers) == 1:
            words = ctx.t("more_rung", n=numbers[0])
        else:
            words = ctx.t("more_rungs", count=len(numbers), rungs=_ranges(numbers))
        return Text(f"   {words}", style=f"bold {p.info}")


class _Rungs:
    """Draws one area's rungs at one width: the number, the rung wrapped in full, and beside it
    the count (bold), a bar and the marks."""

    def __init__(
        self,
        view: LevelsView,
        ctx: ViewContext,
        area_id: str,
        result: tally.LadderResult | None,
        previous: dict[str, int] | None,
        width: int,
    ) -> None:
        self.console: Console = view.app.console
        self.p = palette(view)
        self.rungs = rungs = ctx.step_state.ladders.get(area_id, [])
        self.result = result
        self.previous = previous
        locked = ctx.step_state.levels
        self.locked = locked.get(area_id) if locked is not None else None
        # The level the group agreed last time, found by its words: the ladder may have changed.
        before = ctx.state.previous.levels.get(area_id) if ctx.state.previous else None
        self.last_time = before.text if before is not None else None
        self.number_width = len(str(len(rungs))) + 1
        self.gutter = 2 if self.last_time is not None else 0
        self.marks = {
            "level": ctx.t("group_level"),
            "aspiration": ctx.t("aspiration"),
            "locked": ctx.t("locked_level"),
        }
        self.figures = [self._figure(view, ctx, index) for index in range(len(rungs))]
        # No wider than the step's longest rung, so that short rungs keep their counts close
        # by, and every area's counts line up.
        longest = max(
            (cell_len(clean(r)) for each in ctx.step_state.ladders.values() for r in each),
            default=0,
        )
        front = self.gutter + self.number_width + 1
        self.figure_width = 0
        self.side = 0
        self.bar = 0
        if result is not None:
            self.figure_width = max(map(cell_len, self.figures), default=0)
            self.side = max(self.figure_width, *map(cell_len, self.marks.values()))
            # The bar gives way first when the area is narrow; the figures and marks never do.
            # It takes the room short rungs leave, up to a length that reads at a glance.
            if width - front - 2 - (BAR_WIDTH + 1 + self.figure_width) >= 40:
                spare = width - front - 2 - longest - 1 - self.figure_width
                self.bar = max(BAR_WIDTH, min(MAX_BAR, spare))
                self.side = max(self.side, self.bar + 1 + self.figure_width)
        used = front + (self.side + 2 if self.side else 0)
        self.text_width = max(10, min(width - used, longest))

    def marked(self) -> list[int]:
        """The rungs that must stay on screen: the locked level, the group's level and the
        aspiration, in that order."""
        result = self.result
        found = [self.locked]
        if result is not None:
            found += [result.level, result.aspiration]
        return list(dict.fromkeys(i for i in found if i is not None and i < len(self.rungs)))

    def _figure(self, view: LevelsView, ctx: ViewContext, index: int) -> str:
        result = self.result
        if result is None:
            return ""
        accepts = result.accepts[index] if index < len(result.accepts) else 0
        figure = ctx.t("accepts", count=accepts)
        if self.previous is not None and index < len(self.rungs):
            figure += f" ({self.previous.get(self.rungs[index], '–')})"
        return figure

    def _marks(self, index: int) -> int:
        """How many marks go beside rung `index` (the locked level or the group's, and the
        aspiration)."""
        result = self.result
        if result is None:
            return 0
        level = index == self.locked or index == result.level
        return int(level) + int(index == result.aspiration)

    def height(self, index: int) -> int:
        """The lines rung `index` takes: its wrapped words, or its count and marks beside."""
        words = len(_wrap(self.console, clean(self.rungs[index]), self.text_width))
        side = 1 + self._marks(index) if self.result is not None else 0
        return max(words, side)

    def rung(self, index: int) -> list[Text]:
        """Rung `index`'s lines."""
        p = self.p
        result = self.result
        is_level = result is not None and index == result.level
        is_aspiration = result is not None and index == result.aspiration
        is_locked = index == self.locked
        style = ""
        if is_level or is_locked:
            style = f"bold {p.on_accent} on {p.accent}"
        elif is_aspiration:
            style = f"bold {p.warning}"
        wrapped = [
            Text(words, style=style)
            for words in _wrap(self.console, clean(self.rungs[index]), self.text_width)
        ]
        side: list[Text] = []
        if result is not None:
            accepts = result.accepts[index] if index < len(result.accepts) else 0
            count = Text()
            if self.bar:
                count.append_text(bar(accepts, max(1, result.responses), self.bar, p.info, p.dim))
                count.append(" ")
            count.append(self.figures[index], style="bold")
            side.append(count)
            if is_locked:
                side.append(Text(self.marks["locked"], style=f"bold {p.accent}"))
            elif is_level:
                side.append(Text(self.marks["level"], style=f"bold {p.accent}"))
            if is_aspiration:
                side.append(Text(self.marks["aspiration"], style=f"bold {p.warning}"))
        was = self.last_time is not None and self.rungs[index] == self.last_time
        lines: list[Text] = []
        for row in range(max(len(wrapped), len(side))):
            line = Text()
            if self.gutter:
                line.append("◇ " if was and row == 0 else "  ", style=f"bold {p.series[4]}")
            number = f"{index + 1}." if row == 0 else ""
            line.append(f"{number:>{self.number_width}} ", style="bold")
            part = wrapped[row] if row < len(wrapped) else Text("")
            if side or style:
                # The marked rung as one solid block, so it reads as one from the back row.
                fill = style if row < len(wrapped) else ""
                part.append(" " * (self.text_width - part.cell_len), style=fill)
            line.append_text(part)
            if row < len(side):
                line.append("  ")
                line.append_text(side[row])
            lines.append(line)
        return lines


def _last_time(ctx: ViewContext, p: Palette) -> Text:
    """What the ◇ mark stands for: the level agreed last time, or, when the fist of five did
    not agree on it, a draft from that day (in the warning colour, as the follow-up heads it):
    a draft must not pass for an agreed level in the room's next round."""
    previous = {} if ctx.state.previous is None else ctx.state.previous.levels
    drafts = [level for level in previous.values() if level.draft]
    if not drafts:
        return Text(ctx.t("previous_level"))
    origin = origin_words(LevelOrigin("draft", drafts[0].on), ctx.t)
    return Text(ctx.t("previous_level_draft", origin=origin), style=f"bold {p.warning}")


@lru_cache(maxsize=4096)
def _wrap(console: Console, words: str, width: int) -> tuple[str, ...]:
    """`words` wrapped at `width` cells, line by line: the same rungs are wrapped at the same
    widths on every redraw while answers come in."""
    return tuple(line.plain.rstrip() for line in Text(words).wrap(console, width))


def _choose(rows: dict[int, list[Text]], marked: Sequence[int], room: int) -> set[int]:
    """The rungs to show in `room` lines: the marked ones always, then those nearest to them
    (or the most ambitious, when nothing is marked), each gap among them taking one line."""
    count = len(rows)

    def cost(kept: set[int]) -> int:
        gaps = sum(1 for i in range(count) if i not in kept and (i + 1 == count or i + 1 in kept))
        return sum(len(rows[i]) for i in kept) + gaps

    kept = set(marked)
    if marked:
        order = sorted(
            (i for i in range(count) if i not in kept),
            key=lambda i: (min(abs(i - m) for m in marked), -i),
        )
    else:
        order = list(range(count - 1, -1, -1))
    for index in order:
        if cost(kept | {index}) <= room:
            kept.add(index)
    return kept


def _ranges(numbers: Sequence[int]) -> str:
    """`[1, 2, 3, 5]` as "1–3, 5"."""
    parts: list[str] = []
    start = previous = numbers[0]
    for number in [*numbers[1:], None]:
        if number is not None and number == previous + 1:
            previous = number
            continue
        parts.append(str(start) if start == previous else f"{start}–{previous}")
        if number is not None:
            start = previous = number
    return ", ".join(parts)
