"""The QR code full screen, for late joiners or a large room."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.events import Resize
from textual.screen import ModalScreen
from textual.widgets import Static

from workshop_tui.participant_server import WifiNetwork
from workshop_tui.tui.i18n import label
from workshop_tui.tui.qr import CodePanel, arrange_codes, wifi_payload
from workshop_tui.tui.safe import clean
from workshop_tui.tui.views.lobby import CODE_GAP, room_badge, short_link, wifi_password_text


class QRScreen(ModalScreen[None]):
    """The join code as large as the terminal allows, with the link and room code under it.

    With a Wi-Fi network, its code stands first, left of the join code, when both fit; the line
    under them gives its password. When they do not fit together the join code wins the space
    and the network is written out instead.
    """

    DEFAULT_CSS = """
    QRScreen { background: #000000; layout: vertical; }
    QRScreen > #qr-codes { height: 1fr; width: 1fr; align: center middle; }
    QRScreen > .qr-caption { height: auto; width: 1fr; text-align: center; }
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
        self.wifi_line = Static(id="qr-wifi-caption", classes="qr-caption")
        if self.wifi_panel is not None:
            self.wifi_panel.set_label(label(language, "wifi_step", name=self._ssid))
            self.join.set_label(label(language, "join_step"))

    def compose(self) -> ComposeResult:
        with Horizontal(id="qr-codes"):
            if self.wifi_panel is not None:
                yield self.wifi_panel
            yield self.join
        caption = Text(short_link(self.url) + "   ", style="bold")
        caption.append_text(room_badge(self.room))
        yield Static(caption, id="qr-caption", classes="qr-caption")
        if self.wifi is not None:
            yield self.wifi_line

    @property
    def _ssid(self) -> str:
        return clean(self.wifi.ssid) if self.wifi is not None else ""

    def on_resize(self, event: Resize) -> None:
        if self.wifi is None or self.wifi_panel is None:
            return
        # The two caption lines under the codes: the link and room code, the Wi-Fi password.
        width, height = event.size.width, event.size.height - 2
        shown = arrange_codes(self.wifi_panel, self.join, width, height, CODE_GAP)
        password = wifi_password_text(self.wifi, self.language)
        if shown:
            self.wifi_line.update(Text(password, style="bold #ffd700"))
        else:
            words = f"{label(self.language, 'wifi_step', name=self._ssid)} · {password}\n"
            line = Text(words, style="bold #ffd700")
            line.append(label(self.language, "wifi_too_small"), style="#bbbbbb")
            self.wifi_line.update(line)
