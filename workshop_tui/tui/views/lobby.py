"""The lobby: a QR code big enough to scan from the back, the link and room code, who joined."""

from __future__ import annotations

from rich.console import RenderableType
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from workshop_tui.domain.deck import LobbyStep
from workshop_tui.participant_server import WifiNetwork
from workshop_tui.tui.changed import update_changed
from workshop_tui.tui.i18n import label
from workshop_tui.tui.qr import CodePanel, QRCode, arrange_codes, wifi_payload
from workshop_tui.tui.safe import clean
from workshop_tui.tui.views.base import StepView, ViewContext


def short_link(url: str) -> str:
    """The join link as people type it: browsers add the scheme themselves."""
    return url.removeprefix("http://")


def room_badge(room: str) -> Text:
    """The room code spaced out, so it can be read aloud and typed from the back of the room."""
    return Text(" " + "  ".join(room) + " ", style="bold #000000 on #ffd700")


def wifi_password_text(wifi: WifiNetwork, language: str) -> str:
    """The Wi-Fi password as the room reads it, for phones that cannot scan the code.

    It is shown on purpose: anyone in the room can read it from the code anyway.
    """
    if not wifi.password:
        return label(language, "wifi_open")
    return label(language, "wifi_password", password=wifi.password)


# Between the two codes, and the least the link, room code and names need beside them.
CODE_GAP = 2
INFO_WIDTH = 30


class LobbyView(StepView):
    """QR code on the left; link, room code and the joined names on the right.

    With a Wi-Fi network, its code comes first ("1. Wi-Fi"), then the join code ("2. Join"),
    when both fit beside the names; otherwise the network's name and password are written out
    and the full-screen QR (F) shows its code.
    """

    reveals = False

    DEFAULT_CSS = """
    LobbyView { layout: horizontal; padding: 0; }
    LobbyView > #lobby-info { width: 1fr; height: 1fr; padding: 0 1; }
    LobbyView #lobby-wifi { margin-bottom: 1; }
    LobbyView #lobby-link { text-style: bold; color: #ffffff; margin-bottom: 1; }
    LobbyView #lobby-room { margin-bottom: 1; }
    LobbyView #lobby-privacy { margin-bottom: 1; color: #dddddd; }
    LobbyView #lobby-count { text-style: bold; color: #56b4e9; }
    LobbyView #lobby-names { height: 1fr; color: #dddddd; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._names = ""
        self._composed = False
        self._arranged: tuple[object, ...] = ()
        self._wifi_code_shown = False

    def compose(self) -> ComposeResult:
        # The app hands over the first context before mounting, so the code is drawn at once.
        info = self.ctx.info if self.ctx else None
        language = self.ctx.language if self.ctx else "en"
        wifi = self.ctx.wifi if self.ctx else None
        if wifi is not None:
            yield CodePanel(
                wifi_payload(wifi), language, id="lobby-wifi-panel", code_id="lobby-wifi-qr"
            )
        yield CodePanel(
            info.join_url if info else "", language, id="lobby-join-panel", code_id="lobby-qr"
        )
        with Vertical(id="lobby-info"):
            yield Static(id="lobby-text")
            yield Static(id="lobby-wifi")
            yield Static(id="lobby-scan")
            yield Static(id="lobby-link")
            yield Static(id="lobby-room")
            yield Static(id="lobby-privacy")
            yield Static(id="lobby-count")
            yield Static(id="lobby-names")

    def render(self) -> RenderableType:
        return Text("")

    def body(self, ctx: ViewContext, width: int, height: int) -> RenderableType:
        return Text("")

    def show(self, ctx: ViewContext) -> None:
        self.ctx = ctx
        # Before the children exist there is nothing to fill; `on_mount` fills them then.
        if not self._composed:
            return
        step = ctx.step
        intro = clean(step.text) if isinstance(step, LobbyStep) else ""
        update_changed(self.query_one("#lobby-text", Static), Text(intro, style="italic"))
        self.query_one("#lobby-text", Static).display = bool(intro)
        info = ctx.info
        wifi = ctx.wifi if info is not None else None
        if info is None:
            update_changed(
                self.query_one("#lobby-scan", Static), Text(ctx.t("no_server"), style="bold")
            )
            update_changed(self.query_one("#lobby-link", Static), "")
        else:
            self.query_one("#lobby-qr", QRCode).data = info.join_url
            # With a Wi-Fi code first, this is the second of the two steps.
            scan = ("2. " if wifi else "") + ctx.t("scan_or_go")
            update_changed(self.query_one("#lobby-scan", Static), Text(scan))
            update_changed(self.query_one("#lobby-link", Static), Text(short_link(info.join_url)))
        self._arrange()
        self._show_wifi(ctx, wifi)
        update_changed(
            self.query_one("#lobby-room", Static),
            Text.assemble(Text(f"{ctx.t('room')}  ", style="bold"), room_badge(ctx.state.room)),
        )
        # The promise the exports keep (export/outcome.py): names only when the session said so.
        named = ctx.state.workshop.workshop.names
        privacy = Text(
            ctx.t("lobby_exports_names" if named else "lobby_exports_anonymous"),
            style="bold #ffd700" if named else "",
        )
        update_changed(self.query_one("#lobby-privacy", Static), privacy)
        people = sorted(ctx.state.participants.values(), key=lambda p: -p.joined_at)
        update_changed(
            self.query_one("#lobby-count", Static), Text(ctx.t("joined", count=len(people)))
        )
        names = "   ".join(clean(p.name) for p in people) or label(ctx.language, "nobody_yet")
        if names != self._names:
            self._names = names
            update_changed(self.query_one("#lobby-names", Static), Text(names))

    def _arrange(self) -> None:
        """Put the Wi-Fi code beside the join code when both fit; only when the size changed."""
        ctx = self.ctx
        if ctx is None or ctx.wifi is None:
            return
        join = self.query_one("#lobby-join-panel", CodePanel)
        wifi = self.query_one("#lobby-wifi-panel", CodePanel)
        size = self.content_region.size
        key = (size, join.code.data, ctx.language)
        if key == self._arranged:
            return
        self._arranged = key
        wifi.set_label(ctx.t("wifi_step", name=clean(ctx.wifi.ssid)))
        join.set_label(ctx.t("join_step"))
        # Without a server there is no join code, so no Wi-Fi code either.
        usable = ctx.info is not None and size.width > INFO_WIDTH
        width = size.width - INFO_WIDTH if usable else 0
        self._wifi_code_shown = arrange_codes(wifi, join, width, size.height, CODE_GAP)

    def _show_wifi(self, ctx: ViewContext, wifi: WifiNetwork | None) -> None:
        box = self.query_one("#lobby-wifi", Static)
        box.display = wifi is not None
        if wifi is None:
            return
        text = Text()
        if not self._wifi_code_shown:
            text.append(ctx.t("wifi_step", name=clean(wifi.ssid)) + "\n", style="bold #ffd700")
        text.append(wifi_password_text(wifi, ctx.language), style="bold")
        if not self._wifi_code_shown:
            text.append("\n" + ctx.t("wifi_code_hint"), style="#bbbbbb")
        update_changed(box, text)

    def on_resize(self) -> None:
        if self._composed and self.ctx is not None:
            self.show(self.ctx)

    def on_mount(self) -> None:
        self._composed = True
        if self.ctx is not None:
            self.show(self.ctx)
