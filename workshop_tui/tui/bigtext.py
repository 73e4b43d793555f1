"""Block letters for what the room reads from the back: the room code, the short link, the
countdown and the answer count.

Why hand-drawn: Textual's `Digits` draws only 0-9, A-F and a few signs, and room codes use the
letters ABCDEFGHJKMNPQRSTUVWXYZ. pyfiglet (8 MB, 576 fonts) has block fonts, but each font has
one size, its solid ones are six rows and more, and its compact ones are quadrant drawings at
one width: we need one alphabet drawn at many sizes so the largest that fits can be chosen, from
3 rows at 80×24 to 13 at 240×70. So the letters here are a 5-pixel-high bitmap font, scaled by
whole numbers and drawn with block elements: a terminal cell holds 2×2 pixels (`▀▄█` and the
quadrants `▘▝▖▗▌▐▚▞▛▜▙▟`), which keeps a letter compact.

A size is (a, b): one font pixel is `a` half-cells wide and `b` half-rows tall. With a = 2b the
pixels are square (a cell is about twice as tall as wide); with a = b letters are tall and
narrow, the fallback when square ones are too wide. A cell that is all ink is drawn as a space
on the ink's colour, like the QR code's, so the letters are exact rectangles in any terminal
font and in the screenshots. Text with a character the font lacks, or
that fits at no size, is written as plain bold text, wrapped, never cut.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.console import RenderableType
from rich.style import Style
from rich.text import Text
from textual.events import Resize
from textual.geometry import Size
from textual.reactive import reactive
from textual.widget import Widget

from workshop_tui.tui.theme import palette

HEIGHT = 5

# Each glyph: HEIGHT rows of "#" (ink) and "." (paper), all rows of one width.
_GLYPHS: dict[str, tuple[str, ...]] = {
    "0": ("###", "#.#", "#.#", "#.#", "###"),
    "1": (".#.", "##.", ".#.", ".#.", "###"),
    "2": ("###", "..#", "###", "#..", "###"),
    "3": ("###", "..#", ".##", "..#", "###"),
    "4": ("#.#", "#.#", "###", "..#", "..#"),
    "5": ("###", "#..", "###", "..#", "###"),
    "6": ("###", "#..", "###", "#.#", "###"),
    "7": ("###", "..#", "..#", ".#.", ".#."),
    "8": ("###", "#.#", "###", "#.#", "###"),
    "9": ("###", "#.#", "###", "..#", "###"),
    "A": (".###.", "#...#", "#####", "#...#", "#...#"),
    "B": ("####.", "#...#", "####.", "#...#", "####."),
    "C": (".####", "#....", "#....", "#....", ".####"),
    "D": ("####.", "#...#", "#...#", "#...#", "####."),
    "E": ("####", "#...", "###.", "#...", "####"),
    "F": ("####", "#...", "###.", "#...", "#..."),
    "G": (".####", "#....", "#..##", "#...#", ".####"),
    "H": ("#...#", "#...#", "#####", "#...#", "#...#"),
    "I": ("###", ".#.", ".#.", ".#.", "###"),
    "J": ("..##", "...#", "...#", "#..#", ".##."),
    "K": ("#...#", "#..#.", "###..", "#..#.", "#...#"),
    "L": ("#...", "#...", "#...", "#...", "####"),
    "M": ("#...#", "##.##", "#.#.#", "#...#", "#...#"),
    "N": ("#...#", "##..#", "#.#.#", "#..##", "#...#"),
    "O": (".###.", "#...#", "#...#", "#...#", ".###."),
    "P": ("####.", "#...#", "####.", "#....", "#...."),
    "Q": (".###.", "#...#", "#.#.#", "#..#.", ".##.#"),
    "R": ("####.", "#...#", "####.", "#..#.", "#...#"),
    "S": (".####", "#....", ".###.", "....#", "####."),
    "T": ("#####", "..#..", "..#..", "..#..", "..#.."),
    "U": ("#...#", "#...#", "#...#", "#...#", ".###."),
    "V": ("#...#", "#...#", "#...#", ".#.#.", "..#.."),
    "W": ("#...#", "#...#", "#.#.#", "##.##", "#...#"),
    "X": ("#...#", ".#.#.", "..#..", ".#.#.", "#...#"),
    "Y": ("#...#", ".#.#.", "..#..", "..#..", "..#.."),
    "Z": ("#####", "...#.", "..#..", ".#...", "#####"),
    "a": ("....", ".###", "#..#", "#..#", ".###"),
    "b": ("#...", "###.", "#..#", "#..#", "###."),
    "c": ("....", ".###", "#...", "#...", ".###"),
    "d": ("...#", ".###", "#..#", "#..#", ".###"),
    "e": ("....", ".##.", "####", "#...", ".###"),
    "f": ("..##", ".#..", "###.", ".#..", ".#.."),
    "g": (".###", "#..#", ".###", "...#", "###."),
    "h": ("#...", "#...", "###.", "#..#", "#..#"),
    "i": (".#.", "...", "##.", ".#.", "###"),
    "j": ("..#", "...", "..#", "..#", "##."),
    "k": ("#...", "#..#", "###.", "#.#.", "#..#"),
    "l": ("##.", ".#.", ".#.", ".#.", "###"),
    "m": (".....", "##.#.", "#.#.#", "#.#.#", "#.#.#"),
    "n": ("....", "###.", "#..#", "#..#", "#..#"),
    "o": ("....", ".##.", "#..#", "#..#", ".##."),
    "p": ("###.", "#..#", "###.", "#...", "#..."),
    "q": (".###", "#..#", ".###", "...#", "...#"),
    "r": ("....", "#.##", "##..", "#...", "#..."),
    "s": ("....", ".###", "##..", "..##", "###."),
    "t": (".#..", "###.", ".#..", ".#..", "..##"),
    "u": ("....", "#..#", "#..#", "#..#", ".###"),
    "v": (".....", "#...#", "#...#", ".#.#.", "..#.."),
    "w": (".....", "#...#", "#.#.#", "#.#.#", ".#.#."),
    "x": ("....", "#..#", ".##.", ".##.", "#..#"),
    "y": ("#..#", "#..#", ".###", "...#", "###."),
    "z": ("....", "####", "..#.", ".#..", "####"),
    ".": (".", ".", ".", ".", "#"),
    ":": (".", "#", ".", "#", "."),
    "/": ("..#", "..#", ".#.", "#..", "#.."),
    "-": ("...", "...", "###", "...", "..."),
    "_": ("...", "...", "...", "...", "###"),
    " ": ("..", "..", "..", "..", ".."),
}

# The block element for each 2×2 pattern (top-left, top-right, bottom-left, bottom-right).
_QUADRANTS = {
    (False, False, False, False): " ",
    (True, False, False, False): "▘",
    (False, True, False, False): "▝",
    (True, True, False, False): "▀",
    (False, False, True, False): "▖",
    (True, False, True, False): "▌",
    (False, True, True, False): "▞",
    (True, True, True, False): "▛",
    (False, False, False, True): "▗",
    (True, False, False, True): "▚",
    (False, True, False, True): "▐",
    (True, True, False, True): "▜",
    (False, False, True, True): "▄",
    (True, False, True, True): "▙",
    (False, True, True, True): "▟",
    (True, True, True, True): "█",
}

# (a, b): a font pixel is `a` half-cells wide and `b` half-rows tall (see the module docstring).
BlockSize = tuple[int, int]


def drawable(text: str) -> bool:
    """Whether every character of `text` has a glyph (otherwise it is written plainly)."""
    return bool(text) and all(char in _GLYPHS for char in text)


def _pixels(text: str) -> list[list[bool]]:
    """`text` as rows of font pixels, one pixel of paper between glyphs."""
    rows: list[list[bool]] = [[] for _ in range(HEIGHT)]
    for index, char in enumerate(text):
        glyph = _GLYPHS[char]
        for row, line in zip(rows, glyph, strict=True):
            if index:
                row.append(False)
            row.extend(cell == "#" for cell in line)
    return rows


def _pixel_width(text: str) -> int:
    return sum(len(_GLYPHS[char][0]) for char in text) + max(0, len(text) - 1)


def measure(text: str, size: BlockSize) -> Size:
    """The cells `text` takes in block letters of `size`."""
    a, b = size
    return Size(-(-_pixel_width(text) * a // 2), -(-HEIGHT * b // 2))


def sizes(most_rows: int) -> list[BlockSize]:
    """Every block size up to `most_rows` rows tall, the boldest first: the widest strokes,
    then the taller of two with equal strokes (square letters 25 rows high read better from
    the back than narrow ones 35 rows high).

    Only the smallest letters, 3 rows high, split cells into halves and quarters (they are
    what fits at 80×24); larger ones have an even number of pixel rows and columns, so every
    cell is ink or paper, drawn the same by every terminal font and screenshot renderer (the
    half-block glyphs of many fonts do not fill their cell, leaving stripes)."""
    out: list[BlockSize] = []
    b = 1
    while measure("0", (1, b)).height <= most_rows:
        out += [(2 * b, b), (b, b)]
        b += 1 if b == 1 else 2
    return sorted(out, reverse=True)


def best_size(text: str, width: int, height: int) -> BlockSize | None:
    """The largest block size at which `text` fits in `width` × `height` cells (None when it
    fits at none, or the font cannot draw it)."""
    if not drawable(text):
        return None
    for size in sizes(height):
        if measure(text, size).width <= width:
            return size
    return None


def block_letters(text: str, size: BlockSize, style: Style | str = "") -> Text:
    """`text` drawn in block letters of `size`, in `style`."""
    a, b = size
    scaled: list[list[bool]] = []
    for row in _pixels(text):
        wide = [pixel for pixel in row for _ in range(a)]
        scaled.extend(list(wide) for _ in range(b))
    width = len(scaled[0]) + len(scaled[0]) % 2
    for row in scaled:
        row.extend([False] * (width - len(row)))
    if len(scaled) % 2:
        scaled.append([False] * width)
    ink = Style.parse(style) if isinstance(style, str) else style
    # A full cell is a space on the ink's colour, an exact rectangle in any renderer (a font's
    # "█" is often wider or narrower than its cell); only part-filled cells use the glyphs.
    solid = Style(bgcolor=ink.color)
    drawn = Text(no_wrap=True, overflow="crop", end="")
    for index, (top, bottom) in enumerate(zip(scaled[::2], scaled[1::2], strict=True)):
        if index:
            drawn.append("\n")
        cells = [
            _QUADRANTS[top[x], top[x + 1], bottom[x], bottom[x + 1]] for x in range(0, width, 2)
        ]
        # Runs of full cells and runs of the rest, so a line is a handful of spans.
        start = 0
        for end in range(1, len(cells) + 1):
            if end == len(cells) or (cells[end] == "█") != (cells[start] == "█"):
                run = "".join(cells[start:end])
                if cells[start] == "█":
                    drawn.append(" " * len(run), solid)
                else:
                    drawn.append(run, ink)
                start = end
    return drawn


def plain_rows(text: str, width: int) -> int:
    """The rows `text` takes written plainly and wrapped at `width` cells."""
    return max(1, -(-cell_len(text) // max(1, width)))


class BigText(Widget):
    """`text` in the largest block letters that fit the widget, or plain bold text when none do.

    With `height: auto` it takes the rows of the largest size that fits its width and at most
    `most_rows` rows; `colour` names the theme token it is drawn in ("accent", "text", ...).
    """

    DEFAULT_CSS = """
    BigText { width: 1fr; height: auto; }
    """

    text: reactive[str] = reactive("", layout=True)
    most_rows: reactive[int] = reactive(13, layout=True)
    colour: reactive[str] = reactive("text")

    def __init__(
        self,
        text: str = "",
        *,
        colour: str = "text",
        most_rows: int = 13,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.set_reactive(BigText.colour, colour)
        self.set_reactive(BigText.text, text)
        self.set_reactive(BigText.most_rows, most_rows)

    def size_for(self, width: int, height: int) -> BlockSize | None:
        """The block size `text` is drawn at in `width` × `height` cells (None: plainly)."""
        return best_size(self.text, width, min(height, self.most_rows))

    def get_content_width(self, container: Size, viewport: Size) -> int:
        size = self.size_for(container.width, self.most_rows)
        if size is None:
            return min(cell_len(self.text), container.width)
        return measure(self.text, size).width

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        size = self.size_for(width, self.most_rows)
        if size is None:
            return plain_rows(self.text, width)
        return measure(self.text, size).height

    def on_resize(self, event: Resize) -> None:
        # The rows it needs follow from its width, which its container may set after it
        # measured them (the lobby's column is as wide as the code beside it leaves).
        if self.styles.height is not None and self.styles.height.is_auto:
            needed = self.get_content_height(event.size, event.size, event.size.width)
            if needed != self.content_region.height:
                self.refresh(layout=True)

    def render(self) -> RenderableType:
        region = self.content_region
        size = self.size_for(region.width, region.height)
        colour = getattr(palette(self), self.colour)
        if size is None:
            return Text(self.text, style=f"bold {colour}", overflow="fold")
        return block_letters(self.text, size, Style(color=colour))
