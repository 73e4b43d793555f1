"""Paging through whole blocks (an area's lines each) with ↑/↓, as the levels view pages its
areas: a page shows as many whole blocks as fit, says on its last line how many are below and
which key brings them, and on its first line that there are more above."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.text import Text

from workshop_tui.tui.layout import fill, fill_blocks


class Pager:
    """Which block a view's page starts at, and the pages before it (for ↑)."""

    def __init__(self) -> None:
        self.first = 0
        self._back: list[int] = []
        self._shown = 0
        self._total = 0
        # Whether the last drawing needed more than one page.
        self.paged = False

    def move(self, delta: int) -> None:
        """The next (1) or previous (-1) page."""
        if delta > 0 and self.first + self._shown < self._total:
            self._back.append(self.first)
            self.first += self._shown
        elif delta < 0 and self.first > 0:
            self.first = self._back.pop() if self._back else max(0, self.first - 1)

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
        self._total = len(blocks)
        lines = [line for block in blocks for line in block]
        self.paged = len(lines) > height
        if not self.paged:
            self.first, self._back, self._shown = 0, [], len(blocks)
            return lines, True
        self.first = min(self.first, len(blocks) - 1)
        top = [above(self.first)] if self.first else []
        room = max(1, height - len(top))
        shown, left = fill_blocks(blocks[self.first :], room)
        self._shown = len(blocks) - self.first - left
        if self._shown == 0:
            # Not even this block fits a page: as much of it as does, then "more".
            self._shown = 1
            left = len(blocks) - self.first - 1
            shown, _ = fill(list(blocks[self.first]), room - (1 if left else 0), more)
        if left:
            shown.append(below(self.first + self._shown))
        # A middle page has a line above and one below for the keys.
        whole = all(len(block) <= height - 2 for block in blocks)
        return [*top, *shown], whole
