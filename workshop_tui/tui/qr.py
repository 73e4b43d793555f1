"""The QR code widget: a join link drawn with half blocks, in explicit black and white.

One terminal cell is about twice as tall as it is wide, so a cell holds two modules stacked
(`▀`: foreground is the top module, background the bottom one) and a module comes out square.
The code is scaled by whole numbers only, keeps its 4-module quiet zone, and is drawn in fixed
black on white whatever the theme: a dark theme must never invert it. When even the smallest
scale does not fit, the widget says so instead of drawing a code that would not scan.
"""

from __future__ import annotations

import qrcode  # type: ignore[import-untyped]  # qrcode ships no type hints
from qrcode.constants import ERROR_CORRECT_M  # type: ignore[import-untyped]
from rich.style import Style
from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from workshop_tui.tui.i18n import label

QUIET_ZONE = 4
_DARK = "#000000"
_LIGHT = "#ffffff"
_STYLES = {
    (top, bottom): Style(color=_DARK if top else _LIGHT, bgcolor=_DARK if bottom else _LIGHT)
    for top in (False, True)
    for bottom in (False, True)
}


def qr_matrix(data: str) -> list[list[bool]]:
    """The modules of `data`'s QR code (True is dark), quiet zone included."""
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=QUIET_ZONE)
    code.add_data(data)
    code.make(fit=True)
    return [[bool(module) for module in row] for row in code.get_matrix()]


def best_scale(modules: int, width: int, height: int) -> int:
    """The largest whole scale at which a `modules`-wide code fits in `width` × `height` cells
    (0 when it does not fit at all). At scale k a module is k cells wide and k half-cells tall."""
    scale = 0
    while modules * (scale + 1) <= width and -(-modules * (scale + 1) // 2) <= height:
        scale += 1
    return scale


def draw(matrix: list[list[bool]], scale: int) -> Text:
    """The code as lines of half blocks at `scale`."""
    rows = [[m for m in row for _ in range(scale)] for row in matrix for _ in range(scale)]
    if len(rows) % 2:
        rows.append([False] * len(rows[0]))
    text = Text(no_wrap=True, overflow="crop")
    for index in range(0, len(rows), 2):
        if index:
            text.append("\n")
        for top, bottom in zip(rows[index], rows[index + 1], strict=True):
            # Solid cells are drawn as a space on a background, which is an exact rectangle in
            # any renderer; only mixed cells depend on the font's half-block glyph.
            text.append(" " if top == bottom else "▀", _STYLES[top, bottom])
    return text


class QRCode(Widget):
    """A QR code for `data` that fills as much of the widget as whole-number scaling allows."""

    DEFAULT_CSS = """
    QRCode {
        width: 1fr;
        height: 1fr;
        content-align: center middle;
    }
    """

    data: reactive[str] = reactive("", layout=True)
    scale: reactive[int] = reactive(0, init=False)

    def __init__(
        self,
        data: str,
        language: str,
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.language = language
        self._matrix: list[list[bool]] = []
        self.set_reactive(QRCode.data, data)
        self._matrix = qr_matrix(data) if data else []

    def watch_data(self, data: str) -> None:
        self._matrix = qr_matrix(data) if data else []

    @property
    def matrix(self) -> list[list[bool]]:
        """The modules currently drawn (quiet zone included)."""
        return self._matrix

    def render(self) -> Text:
        if not self._matrix:
            return Text("")
        size = self.content_region.size
        scale = best_scale(len(self._matrix), size.width, size.height)
        self.set_reactive(QRCode.scale, scale)
        if scale == 0:
            return Text(label(self.language, "qr_too_small"), style="bold #ffd700")
        return draw(self._matrix, scale)
