"""The QR code widget: a join link drawn with half blocks, in explicit black and white.

One terminal cell is about twice as tall as it is wide, so a cell holds two modules stacked
(`▀`: foreground is the top module, background the bottom one) and a module comes out square.
The code is scaled by whole numbers only, keeps its 4-module quiet zone, and is drawn in fixed
black on white whatever the theme: a dark theme must never invert it, so these two colours are
the projector's only ones outside the theme's tokens. When even the smallest
scale does not fit, the widget says so instead of drawing a code that would not scan.
"""

from __future__ import annotations

import qrcode  # type: ignore[import-untyped]  # qrcode ships no type hints
from qrcode.constants import ERROR_CORRECT_M  # type: ignore[import-untyped]
from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Static

from workshop_tui.catalogue import t
from workshop_tui.participant_server import WifiNetwork
from workshop_tui.tui.theme import palette

QUIET_ZONE = 4
# The characters the Wi-Fi QR format reserves; each is written with a backslash before it.
_WIFI_RESERVED = '\\;,:"'
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


def wifi_escape(text: str) -> str:
    """`text` with the Wi-Fi format's reserved characters (backslash ; , : ") escaped."""
    return "".join("\\" + char if char in _WIFI_RESERVED else char for char in text)


def wifi_payload(network: WifiNetwork) -> str:
    """The standard Wi-Fi QR payload that phone cameras offer to join.

    WPA covers WPA2 and WPA3 networks alike on the phones that read these codes; an open
    network is `nopass` and has no password field.
    """
    ssid = wifi_escape(network.ssid)
    if not network.password:
        return f"WIFI:T:nopass;S:{ssid};;"
    return f"WIFI:T:WPA;S:{ssid};P:{wifi_escape(network.password)};;"


def code_rows(modules: int, scale: int) -> int:
    """The terminal rows a `modules`-wide code takes at `scale` (two modules per row)."""
    return -(-modules * scale // 2)


def side_by_side(
    first: tuple[int, int], second: tuple[int, int], width: int, height: int, gap: int
) -> tuple[int, int]:
    """Scales for two codes next to each other in `width` × `height` cells.

    Each code is (modules, rows its label needs above it). The smaller of the two is made as
    large as it can be, since the room must scan both from the back, then the first (the join
    code); the second is never larger than the first. (0, 0) when they do not fit together.
    """
    (first_modules, first_label), (second_modules, second_label) = first, second
    best = (0, 0)
    for scale in range(best_scale(first_modules, width, height - first_label), 0, -1):
        room = width - first_modules * scale - gap
        other = min(scale, best_scale(second_modules, room, height - second_label))
        if other and (other, scale) > (best[1], best[0]):
            best = (scale, other)
    return best


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
            return Text(t(self.language, "qr_too_small"), style=f"bold {palette(self).accent}")
        return draw(self._matrix, scale)


class CodePanel(Vertical):
    """A QR code with its label right above it ("1. Wi-Fi: NAME", "2. Join").

    Free, it fills its space and hides the label (the lobby without a Wi-Fi code looks as it
    always did); fitted, it is exactly as large as the code at a scale the holder chose.
    """

    DEFAULT_CSS = """
    CodePanel { width: 1fr; height: 1fr; align: center top; }
    CodePanel > .code-label {
        display: none; width: 1fr; height: auto; text-align: center;
        text-style: bold; color: $accent;
    }
    CodePanel.fitted > .code-label { display: block; }
    CodePanel > QRCode { width: 1fr; height: 1fr; }
    """

    def __init__(self, data: str, language: str, *, id: str, code_id: str) -> None:
        super().__init__(id=id)
        self.code = QRCode(data, language, id=code_id)
        self.heading = Static(classes="code-label")
        self._label = ""

    def compose(self) -> ComposeResult:
        yield self.heading
        yield self.code

    def set_label(self, text: str) -> None:
        """The words above the code (shown only while fitted)."""
        if text != self._label:
            self._label = text
            self.heading.update(Text(text))

    def label_rows(self, width: int) -> int:
        """The rows the label takes when the panel is `width` cells wide."""
        return len(Text(self._label).wrap(self.app.console, max(1, width)))

    def fit(self, scale: int, height: int = 0) -> None:
        """Size the panel to the code at `scale` with the label above it, `height` rows in all
        (two panels of one height, centred, have their labels on one line); 0 fills the space."""
        self.set_class(scale > 0, "fitted")
        if scale == 0:
            self.styles.width = self.styles.height = "1fr"
            self.code.styles.width = self.code.styles.height = "1fr"
            return
        modules = len(self.code.matrix)
        self.styles.width = modules * scale
        self.styles.height = height
        self.code.styles.width = modules * scale
        self.code.styles.height = code_rows(modules, scale)


def arrange_codes(wifi: CodePanel, join: CodePanel, width: int, height: int, gap: int) -> bool:
    """Fit the Wi-Fi code beside the join code in `width` × `height` cells if both fit.

    The join code gets priority: when the two cannot both be drawn at a scale that scans, the
    Wi-Fi panel is hidden and the join code has the whole space, as without a Wi-Fi network.
    Returns whether the Wi-Fi code is shown.
    """
    wifi_modules, join_modules = len(wifi.code.matrix), len(join.code.matrix)
    wifi_label, join_label = wifi.label_rows(wifi_modules), join.label_rows(join_modules)
    join_scale, wifi_scale = side_by_side(
        (join_modules, join_label), (wifi_modules, wifi_label), width, height, gap
    )
    tallest = max(
        join_label + code_rows(join_modules, join_scale),
        wifi_label + code_rows(wifi_modules, wifi_scale),
    )
    shown = wifi_scale > 0
    wifi.display = shown
    wifi.styles.margin = (0, gap, 0, 0)
    wifi.fit(wifi_scale, tallest)
    join.fit(join_scale if shown else 0, tallest)
    return shown
