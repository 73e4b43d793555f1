"""Paging through whole blocks (an area's lines each) with ↑/↓, as the levels view pages its
areas: a page shows as many whole blocks as fit, says on its last line how many are below and
which key brings them, and on its first line that there are more above; the view says which
page of how many is shown (`number`, `count`)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.text import Text

from workshop_tui.tui.layout import fill, fill_blocks
from workshop_tui.tui.views.base import StepView


class Pager:
    """Which block a view's page starts at, and where each page starts at the last drawing."""

    def __init__(self) -> None:
        self.first = 0
        # The first block of each page, as the last drawing laid them out.
        self._starts = [0]
        # Whether the last drawing needed more than one page.
        self.paged = False

    @property
    def number(self) -> int:
        """The page shown, from 1."""
        return self._starts.index(self.first) + 1 if self.first in self._starts else 1

    @property
    def count(self) -> int:
        """How many pages the last drawing had."""
        return len(self._starts)

    def move(self, delta: int) -> None:
        """The next (1) or previous (-1) page; nothing past the last or before the first."""
        index = max(0, min(len(self._starts) - 1, self.number - 1 + delta))
        self.first = self._starts[index]

    def reset(self) -> None:
        """Back to the first page, with nothing paged: the view shows something else now."""
        self.first, self._starts, self.paged = 0, [0], False

    def page(
        self,
        blocks: Sequence[Sequence[Text]],
        height: int,
        above: Callable[[int], Text],
        below: Callable[[int], Text],
        more: Text,
    ) -> tuple[list[Text], bool]:
        """The page of `blocks` from `first` in `height` lines: `above(first)` on its first
        line when it is not the first page, `below(next)` on its last when blocks follow. Also
        whether every block can be read whole on some page: a block too tall for a page on its
        own is cut with `more` and is the only text paging leaves out."""
        lines = [line for block in blocks for line in block]
        self.paged = len(lines) > height
        if not self.paged:
            self.reset()
            return lines, True
        self._starts = _starts(blocks, height)
        # After a resize the page that holds the block the old page started at.
        self.first = max(start for start in self._starts if start <= self.first)
        top = [above(self.first)] if self.first else []
        room = max(1, height - len(top))
        shown, left = fill_blocks(blocks[self.first :], room)
        if len(blocks) - self.first == left:
            # Not even this block fits a page: as much of it as does, then "more".
            left -= 1
            shown, _ = fill(list(blocks[self.first]), room - (1 if left else 0), more)
        if left:
            shown.append(below(len(blocks) - left))
        # A middle page has a line above and one below for the keys.
        whole = all(len(block) <= height - 2 for block in blocks)
        return [*top, *shown], whole


def _starts(blocks: Sequence[Sequence[Text]], height: int) -> list[int]:
    """The first block of each page when `blocks` are paged in `height` lines: as many whole
    blocks as fit a page after the line above (on every page but the first), at least one."""
    starts = [0]
    while True:
        first = starts[-1]
        room = max(1, height - (1 if first else 0))
        _, left = fill_blocks(blocks[first:], room)
        shown = max(1, len(blocks) - first - left)
        if first + shown >= len(blocks):
            return starts
        starts.append(first + shown)


class PagedView(StepView):
    """A step view whose ↑/↓ turn the pages of what does not fit on one (`Pager`)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.pager = Pager()

    def move(self, delta: int) -> None:
        """The next (1) or previous (-1) page."""
        self.pager.move(delta)
        self.refresh()
