"""The QR code full screen, for late joiners or a large room."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import ModalScreen
from textual.widgets import Static

from workshop_tui.tui.qr import QRCode
from workshop_tui.tui.views.lobby import room_badge, short_link


class QRScreen(ModalScreen[None]):
    """The join code as large as the terminal allows, with the link and room code under it."""

    DEFAULT_CSS = """
    QRScreen { background: #000000; layout: vertical; }
    QRScreen > QRCode { height: 1fr; width: 1fr; }
    QRScreen > #qr-caption { height: 1; width: 1fr; content-align: center middle; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,f,q", "dismiss", show=False)]

    def __init__(self, url: str, room: str, language: str) -> None:
        super().__init__()
        self.url = url
        self.room = room
        self.language = language

    def compose(self) -> ComposeResult:
        yield QRCode(self.url, self.language, id="qr-full")
        caption = Text(short_link(self.url) + "   ", style="bold")
        caption.append_text(room_badge(self.room))
        yield Static(caption, id="qr-caption")
