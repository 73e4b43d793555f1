"""Open answers: a wall of answers (newest first, or grouped by column) or the most common words.

The facilitator moves a cursor over the wall to hide an answer from the room or highlight it.
A hidden answer keeps its place as a dim placeholder, so it can be found and shown again.
"""

from __future__ import annotations

from typing import ClassVar, Literal

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.reactive import reactive

from workshop_tui.domain import tally
from workshop_tui.domain.deck import PromptStep
from workshop_tui.domain.tally import WallItem
from workshop_tui.tui.bars import bar_table
from workshop_tui.tui.filler import filler_words
from workshop_tui.tui.safe import clean, fit
from workshop_tui.tui.views.base import StepView, ViewContext, hidden_notice, lines_needed

WallMode = Literal["newest", "grouped", "words"]
MAX_LINES_PER_ANSWER = 3


class PromptView(StepView):
    """The answer wall of a prompt step."""

    has_cursor: ClassVar[bool] = True

    mode: reactive[WallMode] = reactive("newest")
    cursor_id: reactive[str | None] = reactive(None)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._wall = tally.Wall()

    def show(self, ctx: ViewContext) -> None:
        # Only the answers that changed since the last redraw are looked at.
        self._wall.update(ctx.step_state)
        super().show(ctx)

    def items(self) -> list[WallItem]:
        """The wall in display order: newest first, or by column and then newest first."""
        if self.ctx is None:
            return []
        items = self._wall.newest_first(self.ctx.step_state)
        if self.mode == "grouped":
            items.sort(key=lambda item: item.column)
        return items

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

    def toggle_grouped(self) -> None:
        """Switch between newest first and grouped by column."""
        self.mode = "newest" if self.mode == "grouped" else "grouped"

    def toggle_words(self) -> None:
        """Switch between the wall and the most common words."""
        self.mode = "newest" if self.mode == "words" else "words"

    def body(self, ctx: ViewContext, width: int, height: int) -> RenderableType:
        if not ctx.step_state.revealed:
            return hidden_notice(ctx)
        title = {"newest": "mode_newest", "grouped": "mode_grouped", "words": "mode_words"}
        heading = Text(
            f"{ctx.t(title[self.mode])} · {ctx.t('answers_count', count=len(self._wall))}",
            style="#bbbbbb",
        )
        held = self.held_count()
        if held:
            heading.append(f" · {ctx.t('held_count', count=held)}", style="bold #ffb000")
        if not len(self._wall):
            return Group(heading, Text(ctx.t("no_answers"), style="italic #bbbbbb"))
        selected = self.selected()
        cursor = selected.id if selected else None
        if self.mode == "words":
            visible = [item.text for item in self.items() if not item.hidden]
            words = tally.word_frequencies(visible, filler_words(), limit=max(1, height - 1))
            rows = [(word, count, str(count)) for word, count in words]
            return Group(heading, bar_table(rows, width))
        if self.mode == "grouped":
            return Group(heading, self._columns(ctx, self.items(), cursor, width, height - 1))
        # Each answer takes a line at least: nothing more than a screen below the cursor can be
        # shown, so no more than that is read from the wall (and `_wall` lays out only what fits).
        position = self._cursor_position()
        window = self._wall.window(ctx.step_state, 0, position + height)
        return Group(heading, _wall(ctx, window, cursor, width, height - 1))

    def _columns(
        self, ctx: ViewContext, items: list[WallItem], cursor: str | None, width: int, height: int
    ) -> Table:
        step = ctx.step
        names = step.columns if isinstance(step, PromptStep) and step.columns else [""]
        table = Table.grid(padding=(0, 2), expand=True)
        column_width = max(10, (width - 2 * (len(names) - 1)) // len(names))
        cells: list[RenderableType] = []
        for index, name in enumerate(names):
            table.add_column(ratio=1)
            mine = [item for item in items if item.column == index]
            header = Text(fit(clean(name), column_width), style="bold underline")
            cells.append(Group(header, _wall(ctx, mine, cursor, column_width, max(1, height - 1))))
        table.add_row(*cells)
        return table


def _line(ctx: ViewContext, item: WallItem, cursor: str | None, width: int) -> Text:
    marker = "▶ " if item.id == cursor else "  "
    if item.held:
        text = Text(marker + ctx.t("held_answer"), style="italic #ffb000")
    elif item.hidden:
        text = Text(marker + ctx.t("hidden_answer"), style="italic #777777")
    else:
        star = "★ " if item.highlighted else ""
        limit = width * MAX_LINES_PER_ANSWER - len(marker) - len(star)
        style = "bold #000000 on #f0e442" if item.highlighted else ""
        text = Text()
        text.append(marker, style="bold #ffd700")
        times = f" ×{item.count}" if item.count > 1 else ""
        text.append(star + fit(clean(item.text), limit - len(times)), style=style)
        text.append(times, style="bold #56b4e9")
    if item.id == cursor:
        text.stylize("reverse")
    return text


def _wall(
    ctx: ViewContext, items: list[WallItem], cursor: str | None, width: int, height: int
) -> Group:
    """As many answers as fit, newest first. The newest always head the wall, so what is
    arriving stays in view; when the cursor has gone further down than fits, the wall shows
    the newest, then how many answers are between, then the cursor's neighbourhood."""
    if height <= 0 or not items:
        return Group()
    ids = [item.id for item in items]
    at = ids.index(cursor) if cursor in ids else 0

    def fill(start: int, budget: int) -> tuple[list[Text], int]:
        # Lays out answers from `start` until `budget` lines are used: never the whole wall.
        shown: list[Text] = []
        used = 0
        for item in items[start:]:
            line = _line(ctx, item, cursor, width)
            size = lines_needed(line.plain, width)
            if used + size > budget and shown:
                break
            shown.append(line)
            used += size
        return shown, used

    head, _ = fill(0, height)
    if at < len(head):
        return Group(*head)
    # The cursor is below the fold: a third of the screen for the newest, one line for the gap,
    # the rest for the cursor and what follows it (one answer above it for context).
    newest, used = fill(0, max(1, height // 3))
    around = max(len(newest), at - 1)
    rest, _ = fill(around, max(1, height - used - 1))
    between = around - len(newest)
    gap = Text(ctx.t("wall_between", count=between) if between else "", style="italic #bbbbbb")
    return Group(*newest, gap, *rest)
