"""The QR code full screen, for late joiners or a large room, with the link and room code
under it in block letters."""

from __future__ import annotations

from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container, Horizontal
from textual.events import Resize
from textual.screen import ModalScreen
from textual.widgets import Static

from workshop_tui.catalogue import t
from workshop_tui.participant_server import WifiNetwork
from workshop_tui.tui.bigtext import BigText, BlockSize, best_size, measure, sizes
from workshop_tui.tui.qr import CodePanel, arrange_codes, code_rows, wifi_payload
from workshop_tui.tui.safe import clean
from workshop_tui.tui.theme import palette
from workshop_tui.tui.views.lobby import (
    CODE_GAP,
    big_rows,
    share_rows,
    short_link,
    wifi_password_text,
)

# Between the link and the room code when they stand side by side.
CAPTION_GAP = 4
# The share of the screen's height the letters keep, however large the code could be: at
# 240×70 a code at scale 3 and 20 rows of letters read better than scale 4 and three rows.
CAPTION_SHARE = 5


def caption_rows(link: str, code: str, width: int) -> int:
    """The fewest rows the link and room code need in block letters at `width`: one band when
    they fit side by side at the smallest size, else one above the other."""
    beside = best_size(link, width, 3), best_size(code, width, 3)
    if beside[0] and beside[1]:
        side = measure(link, beside[0]).width + CAPTION_GAP + measure(code, beside[1]).width
        if side <= width:
            return 3
    return big_rows(link, width, 3) + 1 + big_rows(code, width, 3)


class QRScreen(ModalScreen[None]):
    """The join code as large as the terminal allows, with the link and room code under it.

    The letters keep at least a fifth of the height; the code takes the rest at the largest
    whole scale. With a Wi-Fi network, its code stands first, left of the join code, when both
    fit; the line under them gives its password. When they do not fit together the join code
    wins the space and the network is written out instead.
    """

    DEFAULT_CSS = """
    QRScreen { background: $background; layout: vertical; }
    QRScreen > #qr-codes { height: 1fr; width: 1fr; align: center middle; }
    QRScreen > #qr-caption { height: auto; width: 1fr; align: center top; }
    QRScreen > #qr-caption > BigText { width: auto; }
    QRScreen > #qr-caption > #qr-room { margin: 1 0 0 0; }
    QRScreen > #qr-caption.beside > #qr-room { margin: 0 0 0 4; }
    QRScreen > #qr-wifi-caption { height: auto; width: 1fr; text-align: center; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,f,q", "dismiss", show=False)]

    def __init__(self, url: str, room: str, language: str, wifi: WifiNetwork | None = None) -> None:
        super().__init__()
        self.url = url
        self.room = room
        self.language = language
        self.wifi = wifi
        self.join = CodePanel(url, language, id="qr-join-panel", code_id="qr-full")
        self.wifi_panel = (
            CodePanel(wifi_payload(wifi), language, id="qr-wifi-panel", code_id="qr-wifi")
            if wifi is not None
            else None
        )
        self.caption = Container(id="qr-caption")
        self.link = BigText(short_link(url), id="qr-link")
        self.code = BigText(room, colour="accent", id="qr-room")
        self.wifi_line = Static(id="qr-wifi-caption")
        if self.wifi_panel is not None:
            self.wifi_panel.set_label(t(language, "wifi_step", name=self._ssid))
            self.join.set_label(t(language, "join_step"))

    def compose(self) -> ComposeResult:
        with Horizontal(id="qr-codes"):
            if self.wifi_panel is not None:
                yield self.wifi_panel
            yield self.join
        with self.caption:
            yield self.link
            yield self.code
        if self.wifi is not None:
            yield self.wifi_line

    @property
    def _ssid(self) -> str:
        return clean(self.wifi.ssid) if self.wifi is not None else ""

    def on_resize(self, event: Resize) -> None:
        width, height = event.size.width, event.size.height
        least = caption_rows(self.link.text, self.code.text, width) + 1
        wanted = max(least, height // CAPTION_SHARE)
        below = 0
        if self.wifi is not None and self.wifi_panel is not None:
            p = palette(self)
            password = wifi_password_text(self.wifi, self.language)
            # Both codes, with the letters at their share of the height, at their least, or
            # written plainly on one line (the lobby promises the Wi-Fi code here).
            for need in dict.fromkeys((wanted, least, 1)):
                if arrange_codes(self.wifi_panel, self.join, width, height - need - 1, CODE_GAP):
                    self.wifi_line.update(Text(password, style=f"bold {p.accent}"))
                    codes = self.join.styles.height
                    tallest = int(codes.value) if codes is not None and codes.is_cells else 0
                    self._place_letters(width, height - 1 - tallest)
                    return
            # Only the join code: the network is written out under the letters instead.
            words = f"{t(self.language, 'wifi_step', name=self._ssid)} · {password}"
            line = Text(words + "\n", style=f"bold {p.accent}")
            line.append(t(self.language, "wifi_too_small"), style=p.muted)
            self.wifi_line.update(line)
            below = len(line.wrap(self.app.console, width))
        modules = len(self.join.code.matrix)
        # The code comes first: the letters give up rows rather than leave it unscannable.
        beside_smallest = height - below - code_rows(modules, 1)
        if beside_smallest >= 1:
            wanted = min(wanted, beside_smallest)
        scale = 0
        while modules * (scale + 1) <= width and (
            code_rows(modules, scale + 1) <= height - below - wanted
        ):
            scale += 1
        self._place_letters(width, height - below - code_rows(modules, scale) if scale else wanted)

    def _place_letters(self, width: int, rows: int) -> None:
        """The link and the room code in `rows`: above each other or side by side, whichever
        draws them bolder (see `lobby.share_rows`)."""
        link, code = self.link.text, self.code.text
        # One row keeps the letters off the code's quiet zone, one more between the two; a
        # single row holds the two written plainly.
        gap = 1 if rows > 3 else 0
        self.caption.styles.padding = (gap, 0, 0, 0)
        self.caption.styles.height = rows
        letters = rows - gap
        link_rows, code_rows_ = share_rows(link, code, width, letters)
        stacked = None
        if link_rows + 1 + code_rows_ <= letters:
            stacked = score(
                best_size(link, width, link_rows), link_rows, best_size(code, width, code_rows_)
            )
        beside = side_by_side_letters(link, code, width, letters)
        use_stacked = stacked is not None and (beside is None or stacked >= beside[0])
        self.caption.set_class(not use_stacked, "beside")
        self.caption.styles.layout = "vertical" if use_stacked else "horizontal"
        if use_stacked or beside is None:
            self.link.styles.max_width = self.code.styles.max_width = None
            self.link.most_rows, self.code.most_rows = link_rows, code_rows_
            return
        _, link_size, code_size = beside
        link_width = measure(link, link_size).width if link_size else cell_len(link)
        self.link.most_rows = measure(link, link_size).height if link_size else letters
        self.link.styles.max_width = link_width
        self.code.most_rows = measure(code, code_size).height if code_size else letters
        room = width - link_width - CAPTION_GAP
        self.code.styles.max_width = measure(code, code_size).width if code_size else room


Score = tuple[int, int, int]


def score(link: BlockSize | None, link_rows: int, code: BlockSize | None) -> Score:
    """How well a pair of sizes reads: the thinner strokes, the shorter height, all strokes."""
    bold_link, bold_code = (link[0] if link else 0), (code[0] if code else 0)
    code_rows_ = measure("0", code).height if code else 1
    return (min(bold_link, bold_code), min(link_rows, code_rows_), bold_link + bold_code)


def side_by_side_letters(
    link: str, code: str, width: int, rows: int
) -> tuple[Score, BlockSize | None, BlockSize | None] | None:
    """The boldest sizes for the link and the room code on one band of `rows` (None when even
    plain text does not fit beside each other)."""
    best: tuple[Score, BlockSize | None, BlockSize | None] | None = None
    for size in [*sizes(rows), None]:
        link_width = measure(link, size).width if size else cell_len(link)
        room = width - link_width - CAPTION_GAP
        if room < cell_len(code):
            continue
        code_size = best_size(code, room, rows)
        link_rows = measure(link, size).height if size else 1
        found = (score(size, link_rows, code_size), size, code_size)
        if best is None or found[0] > best[0]:
            best = found
    return best
