"""Open answers: a wall of answers (newest first, or grouped by column) or the most common words.

The facilitator moves a cursor over the wall to hide an answer from the room or highlight it.
A hidden answer leaves the room's wall and its count (as it leaves the phones'); the cursor
still stops at its place, and only there is it drawn as a dim placeholder, so the facilitator can
find it and show it again without the room seeing a row of gaps.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.reactive import reactive

from workshop_tui.decks.sorting import themes
from workshop_tui.domain import tally
from workshop_tui.domain.commands import ModerateItems
from workshop_tui.domain.deck import PromptStep
from workshop_tui.domain.tally import WallItem
from workshop_tui.tui.bars import Row, bar_chart
from workshop_tui.tui.filler import filler_words
from workshop_tui.tui.layout import block, wrap_plain
from workshop_tui.tui.safe import clean
from workshop_tui.tui.theme import Palette, palette
from workshop_tui.tui.views.base import StepView, ViewContext, hidden_notice

WallMode = Literal["newest", "grouped", "words"]
# The narrowest column of answers worth having: a short sentence in two or three lines.
TILE_MIN = 34
MAX_COLUMNS = 6
GUTTER = 2


class PromptView(StepView):
    """The answer wall of a prompt step."""

    has_cursor = True
    ACTIONS = frozenset(
        {"cursor", "hide", "release", "highlight", "move_column", "grouped", "words"}
    )

    mode: reactive[WallMode] = reactive("newest")
    cursor_id: reactive[str | None] = reactive(None)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._wall = tally.Wall()
        # The last themes found (`g` on a one-column prompt) and the answers they were found
        # in: found again only when those change, not at every redraw.
        self._themes: tuple[tuple[str, ...], list[tuple[str, list[int]]]] = ((), [])

    def on_mount(self) -> None:
        super().on_mount()
        # A prompt with columns opens on them, each under its name: one mixed list hides which
        # answer says what. `g` still switches to newest first.
        step = None if self.ctx is None else self.ctx.step
        if isinstance(step, PromptStep) and len(step.columns) > 1:
            self.mode = "grouped"

    def show(self, ctx: ViewContext) -> None:
        # Only the answers that changed since the last redraw are looked at.
        self._wall.update(ctx.step_state)
        super().show(ctx)

    def items(self) -> list[WallItem]:
        """The wall in display order: newest first, or by column and then newest first."""
        if self.ctx is None:
            return []
        items = self._wall.newest_first(self.ctx.step_state)
        if self.mode == "grouped" and self.themed():
            return [item for _, members in self.themed_items(items) for item in members]
        if self.mode == "grouped":
            items.sort(key=lambda item: item.column)
        return items

    def themed(self) -> bool:
        """Whether `g` groups this wall into themes: a prompt of one column (one with columns
        groups by column)."""
        step = None if self.ctx is None else self.ctx.step
        return not (isinstance(step, PromptStep) and len(step.columns) > 1)

    def themed_items(self, items: list[WallItem]) -> list[tuple[str, list[WallItem]]]:
        """`items` (newest first) in themes (`decks.sorting.themes`, largest first), each under
        its word; the answers hidden from the room found no theme and come last, unnamed."""
        shown = [item for item in items if not item.hidden]
        texts = tuple(item.text for item in shown)
        if texts != self._themes[0]:
            language = "en" if self.ctx is None else self.ctx.language
            found = [(theme.label, list(theme.indices)) for theme in themes(texts, language)]
            self._themes = (texts, found)
        grouped = [(word, [shown[i] for i in indices]) for word, indices in self._themes[1]]
        hidden = [item for item in items if item.hidden]
        return [*grouped, ("", hidden)] if hidden else grouped

    def held_count(self) -> int:
        """How many answers on this wall the word filter holds back for the facilitator."""
        return 0 if self.ctx is None else self._wall.held(self.ctx.step_state)

    def _cursor_position(self) -> int:
        """Where the cursor is on the wall, newest first (the newest answer if unset)."""
        if self.mode == "grouped":
            ids = [item.id for item in self.items()]
            return ids.index(self.cursor_id) if self.cursor_id in ids else 0
        position = self._wall.position(self.cursor_id)
        return 0 if position is None else position

    def _item_at(self, position: int) -> WallItem | None:
        if self.ctx is None:
            return None
        if self.mode == "grouped":
            items = self.items()
            return items[position] if 0 <= position < len(items) else None
        found = self._wall.window(self.ctx.step_state, position, 1)
        return found[0] if found else None

    def selected(self) -> WallItem | None:
        """The answer under the cursor, if the wall is showing and has any."""
        if self.mode == "words" or self.ctx is None or not self.ctx.step_state.revealed:
            return None
        # Until the facilitator moves it, the cursor is on the newest answer, whichever that is
        # now: it must not pin an early answer and let the new ones push it down the wall.
        return self._item_at(self._cursor_position())

    def move(self, delta: int) -> None:
        size = self._wall.shown()
        if not size:
            return
        item = self._item_at(max(0, min(size - 1, self._cursor_position() + delta)))
        if item is not None:
            self.cursor_id = item.id

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        ctx = self.ctx
        if action == "move_column":
            step = None if ctx is None else ctx.step
            return isinstance(step, PromptStep) and len(step.columns) > 1
        if action == "release":
            # Shown only while the word filter holds something back on this wall, and gone
            # while a console is attached: there the held answers can be read before release.
            return self.held_count() > 0 and not (ctx is not None and ctx.console_attached)
        return super().check_action(action, parameters)

    def binding_state(self) -> tuple[object, ...]:
        return (*super().binding_state(), self.held_count() > 0)

    def _moderate(self, change: Callable[[str, WallItem], ModerateItems | None]) -> None:
        """Send `change` of the answer under the cursor (given the step's id and the item):
        every copy of a merged answer in one command, so that the item changes as a whole."""
        item = self.selected()
        if item is not None and self.ctx is not None:
            command = change(self.ctx.step.id, item)
            if command is not None:
                self.send(command)

    def action_hide(self) -> None:
        """Hide the answer under the cursor from the room (or show it again)."""
        self._moderate(lambda step, item: ModerateItems(step, item.members, hidden=not item.hidden))

    def action_highlight(self) -> None:
        """Highlight the answer under the cursor (or stop highlighting it)."""
        self._moderate(
            lambda step, item: ModerateItems(step, item.members, highlighted=not item.highlighted)
        )

    def action_release(self) -> None:
        """Let the room see the answer under the cursor that the word filter held back."""
        self._moderate(
            lambda step, item: ModerateItems(step, item.members, held=False) if item.held else None
        )

    def action_move_column(self) -> None:
        """Show the answer under the cursor in the next column (a phone chose the wrong one)."""
        step = None if self.ctx is None else self.ctx.step
        if isinstance(step, PromptStep) and len(step.columns) > 1:
            columns = len(step.columns)
            self._moderate(
                lambda step_id, item: ModerateItems(
                    step_id, item.members, column=(item.column + 1) % columns
                )
            )

    def action_grouped(self) -> None:
        """Switch between newest first and grouped by column."""
        self.mode = "newest" if self.mode == "grouped" else "grouped"

    def action_words(self) -> None:
        """Switch between the wall and the most common words."""
        self.mode = "newest" if self.mode == "words" else "words"

    def body(self, ctx: ViewContext, width: int, height: int) -> RenderableType:
        p = palette(self)
        if not ctx.step_state.revealed:
            return hidden_notice(ctx, p)
        title = {"newest": "mode_newest", "grouped": "mode_grouped", "words": "mode_words"}
        if self.mode == "grouped" and self.themed():
            title["grouped"] = "mode_themes"
        heading = Text(
            f"{ctx.t(title[self.mode])} · "
            f"{ctx.t('answers_count', count=self._wall.on_wall(ctx.step_state))}",
            style=f"bold {p.muted}",
        )
        held = self.held_count()
        if held:
            heading.append(f" · {ctx.t('held_count', count=held)}", style=f"bold {p.warning}")
        if not len(self._wall):
            return Group(heading, Text(ctx.t("no_answers"), style=f"italic {p.muted}"))
        selected = self.selected()
        cursor = selected.id if selected else None
        room = max(1, height - 1)
        if self.mode == "words":
            visible = [item.text for item in self.items() if not item.hidden]
            # As many words as bars fit with a row between them: one colour, as they are one
            # series.
            words = tally.word_frequencies(visible, filler_words(), limit=max(1, (room + 1) // 2))
            rows = [Row(word, count, str(count)) for word, count in words]
            chart = bar_chart(rows, width, room, p, colours=[p.info])
            return Group(heading, chart.renderable)
        wall = Wall(self, ctx, cursor, p)
        if self.mode == "grouped" and self.themed():
            return Group(heading, self._themed(wall, width, room))
        if self.mode == "grouped":
            return Group(heading, self._columns(wall, self.items(), width, room))
        # Each answer takes a line at least: nothing more than the wall's columns hold below
        # the cursor can be shown, so no more than that is read (and laid out only as it fits).
        columns = wall_columns(width)
        position = self._cursor_position()
        window = self._wall.window(ctx.step_state, 0, position + columns * room)
        # Hidden items are not drawn (but the one under the cursor), so not counted either.
        total = self._wall.shown() - self._wall.hidden(ctx.step_state)
        if selected is not None and selected.hidden and not selected.held:
            total += 1
        drawn, shown = wall.tiles(window, columns, width, room, total)
        left = total - shown
        if left > 0:
            self.left_out(ctx.t("cut_answers", count=left), counted=True)
        return Group(heading, drawn)

    def _themed(self, wall: Wall, width: int, height: int) -> Text:
        """Themes: each theme's word and count, its answers under it, largest theme first, as
        many as fit; the rest counted."""
        lines: list[Text] = []
        left = 0
        items = self._wall.newest_first(wall.ctx.step_state)
        for index, (word, members) in enumerate(self.themed_items(items)):
            drawn = [item for item in members if wall.drawn(item)]
            if left or not drawn:
                # Once one answer did not fit, the rest are counted, not drawn further down.
                left += len(drawn)
                continue
            colour = wall.p.series[index % len(wall.p.series)]
            header = Text(f"{clean(word)} · {len(drawn)}", style=f"bold underline {colour}")
            tiles = [wall.tile(item, width) for item in drawn]
            for n, tile in enumerate(tiles):
                # A theme's header goes with its first answer, or not at all.
                needed = len(tile) + (1 if n == 0 and word else 0)
                if len(lines) + needed > height - 1:
                    left += len(tiles) - n
                    break
                if n == 0 and word:
                    lines.append(header)
                lines += tile
        if left:
            p = wall.p
            lines.append(Text(wall.ctx.t("more_count", count=left), style=f"bold {p.info}"))
            self.left_out(wall.ctx.t("cut_answers", count=left), counted=True)
        return block(lines)

    def _columns(self, wall: Wall, items: list[WallItem], width: int, height: int) -> Table:
        """Grouped: one real column per column of the prompt, each headed by its name."""
        step = wall.ctx.step
        names = step.columns if isinstance(step, PromptStep) and step.columns else [""]
        table = Table.grid(padding=(0, GUTTER))
        column_width = max(10, (width - GUTTER * (len(names) - 1)) // len(names))
        cells: list[RenderableType] = []
        left = 0
        for index, name in enumerate(names):
            table.add_column(width=column_width)
            mine = [item for item in items if item.column == index and wall.drawn(item)]
            colour = wall.p.series[index % len(wall.p.series)]
            header = [
                Text(line, style=f"bold underline {colour}")
                for line in wrap_plain(clean(name), column_width)
            ]
            drawn, shown = wall.tiles(mine, 1, column_width, max(1, height - len(header)))
            left += len(mine) - shown
            cells.append(Group(block(header), drawn))
        table.add_row(*cells)
        if left > 0:
            self.left_out(wall.ctx.t("cut_answers", count=left), counted=True)
        return table


def wall_columns(width: int) -> int:
    """How many columns of answers the wall has at `width` cells: as many as keep a column
    wide enough to read a sentence in a few lines."""
    return max(1, min(MAX_COLUMNS, (width + GUTTER) // (TILE_MIN + GUTTER)))


class Wall:
    """The answers laid out as tiles in newspaper columns, each answer wrapped in full."""

    def __init__(self, view: PromptView, ctx: ViewContext, cursor: str | None, p: Palette):
        self.view = view
        self.ctx = ctx
        self.cursor = cursor
        self.p = p

    def drawn(self, item: WallItem) -> bool:
        """Whether the item is drawn: a hidden one only under the cursor (held ones always,
        marked, until the facilitator releases or rejects them)."""
        return not item.hidden or item.held or item.id == self.cursor

    def tile(self, item: WallItem, width: int) -> list[Text]:
        """One answer as screen lines: its marker, then its text wrapped under itself."""
        ctx, p = self.ctx, self.p
        at_cursor = item.id == self.cursor
        marker = "▶ " if at_cursor else "  "
        if item.held:
            lines = [Text(marker + ctx.t("held_answer"), style=f"italic {p.warning}")]
        elif item.hidden:
            lines = [Text(marker + ctx.t("hidden_answer"), style=f"italic {p.dim}")]
        else:
            star = "★ " if item.highlighted else ""
            times = f" ×{item.count}" if item.count > 1 else ""
            text = star + clean(item.text) + times
            style = f"bold {p.on_accent} on {p.accent}" if item.highlighted else ""
            bullet = p.series[item.column % len(p.series)]
            lines = []
            for n, part in enumerate(wrap_plain(text, max(1, width - 2))):
                line = Text(marker if n == 0 and at_cursor else ("▪ " if n == 0 else "  "))
                line.stylize(f"bold {p.accent}" if at_cursor else f"bold {bullet}")
                line.append(part, style=style)
                lines.append(line)
            if times and lines[-1].plain.endswith(times):
                end = len(lines[-1].plain)
                lines[-1].stylize(f"bold {p.info}", end - len(times), end)
        if at_cursor:
            # A solid block the width of the column, so the cursor reads as one tile.
            for line in lines:
                line.pad_right(max(0, width - line.cell_len))
                line.stylize("reverse")
        return lines

    def tiles(
        self,
        items: list[WallItem],
        columns: int,
        width: int,
        height: int,
        total: int | None = None,
    ) -> tuple[RenderableType, int]:
        """As many answers as fit in up to `columns` columns of `height` lines, newest first,
        and how many were shown. The newest always head the wall, so what is arriving stays in view;
        when the cursor has gone further down than fits, the wall shows the newest, then how
        many answers are between, then the cursor's neighbourhood. What does not fit is
        counted on the last line (of `total` items, if `items` is only the first of them)."""
        items = [item for item in items if self.drawn(item)]
        if height <= 0 or not items:
            return Group(), 0
        count = len(items) if total is None else total
        # A wall that fits in fewer columns gets fewer, wider ones (fewer broken lines); one
        # with more answers than lines on the screen cannot, and is not tried.
        for fewer in range(1, columns):
            if count > fewer * height:
                continue
            column_width = max(10, (width - GUTTER * (fewer - 1)) // fewer)
            flowed = self._flow(items, 0, fewer, column_width, height)
            if flowed.count == count:
                columns = fewer
                break
        column_width = max(10, (width - GUTTER * (columns - 1)) // columns)
        ids = [item.id for item in items]
        at = ids.index(self.cursor) if self.cursor in ids else 0
        flowed = self._flow(items, 0, columns, column_width, height)
        if at >= flowed.count:
            # The cursor is below the fold: a third of the first column for the newest, one
            # line for the gap, the rest for the cursor and what follows it (one answer above
            # it for context).
            newest = self._flow(items, 0, 1, column_width, max(1, height // 3))
            around = max(newest.count, at - 1)
            between = around - newest.count
            gap = Text(self.ctx.t("wall_between", count=between), style=f"italic {self.p.muted}")
            flowed = self._flow(
                items, around, columns, column_width, height, before=[*newest.lines(), gap]
            )
            flowed.count += newest.count
        left = count - flowed.count
        if left > 0:
            more = self.ctx.t("more_answers", count=left)
            flowed.last(Text(more, style=f"bold {self.p.info}"), height)
        table = Table.grid(padding=(0, GUTTER))
        for _ in flowed.columns:
            table.add_column(width=column_width, no_wrap=True)
        table.add_row(*(block(column) for column in flowed.columns))
        return table, flowed.count

    def _flow(
        self,
        items: list[WallItem],
        start: int,
        columns: int,
        width: int,
        height: int,
        before: list[Text] | None = None,
    ) -> Flow:
        # Lays answers out from `start` until the columns are full: never the whole wall.
        flow = Flow(columns, height)
        for line in before or []:
            flow.put([line])
        for item in items[start:]:
            if not flow.put(self.tile(item, width)):
                break
            flow.count += 1
        return flow


class Flow:
    """Newspaper columns being filled: an answer goes whole into the first column it fits."""

    def __init__(self, columns: int, height: int) -> None:
        self.columns: list[list[Text]] = [[]]
        self.room = columns
        self.height = height
        self.count = 0
        self.sizes: list[int] = []

    def put(self, lines: list[Text]) -> bool:
        """Add one answer's lines; False when no column has room for it any more."""
        if len(self.columns[-1]) + len(lines) > self.height and self.columns[-1]:
            if len(self.columns) == self.room:
                return False
            self.columns.append([])
        # An answer taller than a whole column shows what fits of it.
        self.columns[-1].extend(lines[: self.height])
        self.sizes.append(min(len(lines), self.height))
        return True

    def lines(self) -> list[Text]:
        """Every line placed, column after column."""
        return [line for column in self.columns for line in column]

    def last(self, more: Text, height: int) -> None:
        """End the last column with `more`, taking answers back off it until the line fits."""
        column = self.columns[-1]
        while len(column) + 1 > height and self.sizes and column:
            size = self.sizes.pop()
            del column[-size:]
            self.count -= 1
        column.append(more)
