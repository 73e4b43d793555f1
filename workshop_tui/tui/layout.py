"""Laying out the text the room must read in full: wrapped to the width, never cut with "…".

Views lay text out themselves, line by line, so that they know exactly how much fits, and
whatever does not fit is left out whole and counted ("+12 more answers"), not clipped at the
bottom of the screen where nobody would know it was there.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from functools import lru_cache

from rich.console import Console
from rich.text import Text

# Only used to measure: wrapping needs a console for its tab size, never for output.
_CONSOLE = Console(file=io.StringIO(), width=1000, color_system=None, legacy_windows=False)


@lru_cache(maxsize=16384)
def wrap_plain(text: str, width: int) -> tuple[str, ...]:
    """`text` (one clean line) wrapped at word boundaries to lines of at most `width` cells;
    a word longer than a line is broken. Cached: the wall wraps the same answers every frame."""
    lines = Text(text).wrap(_CONSOLE, max(1, width), overflow="fold")
    return tuple(line.plain.rstrip() for line in lines) or ("",)


def wrap(text: Text, width: int) -> list[Text]:
    """A styled `text` wrapped to screen lines of at most `width` cells, its styles kept."""
    lines = [line for line in text.wrap(_CONSOLE, max(1, width), overflow="fold")]
    for line in lines:
        line.rstrip()
    return lines or [Text("")]


def block(lines: Sequence[Text]) -> Text:
    """Screen lines as one `Text` that Rich draws line for line (each already fits)."""
    out = Text(no_wrap=True, overflow="crop")
    for index, line in enumerate(lines):
        if index:
            out.append("\n")
        out.append_text(line)
    return out


def fill(lines: list[Text], height: int, more: Text) -> tuple[list[Text], bool]:
    """As many of `lines` as fit in `height`; when some do not, the last row says `more`."""
    if len(lines) <= height:
        return lines, False
    return [*lines[: max(0, height - 1)], more], True


def bulleted(text: Text, width: int, bullet: str, style: str) -> list[Text]:
    """`text` wrapped under a `bullet` (in `style`), its later lines indented to match."""
    indent = " " * len(bullet)
    lines = []
    for n, part in enumerate(wrap(text, max(1, width - len(bullet)))):
        line = Text()
        line.append(bullet if n == 0 else indent, style=style)
        line.append_text(part)
        lines.append(line)
    return lines


def fill_blocks(blocks: Sequence[Sequence[Text]], height: int) -> tuple[list[Text], int]:
    """As many whole `blocks` (an answer's lines each) as fit in `height`, keeping a line for
    the caller's "more" when not all do; and how many were left out."""
    lines: list[Text] = []
    for index, lines_of in enumerate(blocks):
        last = index == len(blocks) - 1
        if len(lines) + len(lines_of) + (0 if last else 1) > height:
            return lines, len(blocks) - index
        lines.extend(lines_of)
    return lines, 0
