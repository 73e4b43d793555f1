"""The lobby: a QR code big enough to scan from the back, the link and room code, who joined."""

from __future__ import annotations

from rich.console import RenderableType
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from workshop_tui.domain.deck import LobbyStep
from workshop_tui.tui.i18n import label
from workshop_tui.tui.qr import QRCode
from workshop_tui.tui.safe import clean
from workshop_tui.tui.views.base import StepView, ViewContext


def short_link(url: str) -> str:
    """The join link as people type it: browsers add the scheme themselves."""
    return url.removeprefix("http://")


def room_badge(room: str) -> Text:
    """The room code spaced out, so it can be read aloud and typed from the back of the room."""
    return Text(" " + "  ".join(room) + " ", style="bold #000000 on #ffd700")


class LobbyView(StepView):
    """QR code on the left; link, room code and the joined names on the right."""

    reveals = False

    DEFAULT_CSS = """
    LobbyView { layout: horizontal; padding: 0; }
    LobbyView > QRCode { width: 1fr; height: 1fr; }
    LobbyView > #lobby-info { width: 1fr; height: 1fr; padding: 0 1; }
    LobbyView #lobby-link { text-style: bold; color: #ffffff; margin-bottom: 1; }
    LobbyView #lobby-room { margin-bottom: 1; }
    LobbyView #lobby-count { text-style: bold; color: #56b4e9; }
    LobbyView #lobby-names { height: 1fr; color: #dddddd; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._names = ""
        self._composed = False

    def compose(self) -> ComposeResult:
        # The app hands over the first context before mounting, so the code is drawn at once.
        info = self.ctx.info if self.ctx else None
        language = self.ctx.language if self.ctx else "en"
        yield QRCode(info.join_url if info else "", language, id="lobby-qr")
        with Vertical(id="lobby-info"):
            yield Static(id="lobby-text")
            yield Static(id="lobby-scan")
            yield Static(id="lobby-link")
            yield Static(id="lobby-room")
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
        self.query_one("#lobby-text", Static).update(Text(intro, style="italic"))
        self.query_one("#lobby-text", Static).display = bool(intro)
        info = ctx.info
        if info is None:
            self.query_one("#lobby-scan", Static).update(Text(ctx.t("no_server"), style="bold"))
            self.query_one("#lobby-link", Static).update("")
        else:
            self.query_one("#lobby-qr", QRCode).data = info.join_url
            self.query_one("#lobby-scan", Static).update(Text(ctx.t("scan_or_go")))
            self.query_one("#lobby-link", Static).update(Text(short_link(info.join_url)))
        self.query_one("#lobby-room", Static).update(
            Text.assemble(Text(f"{ctx.t('room')}  ", style="bold"), room_badge(ctx.state.room))
        )
        people = sorted(ctx.state.participants.values(), key=lambda p: -p.joined_at)
        self.query_one("#lobby-count", Static).update(Text(ctx.t("joined", count=len(people))))
        names = "   ".join(clean(p.name) for p in people) or label(ctx.language, "nobody_yet")
        if names != self._names:
            self._names = names
            self.query_one("#lobby-names", Static).update(Text(names))

    def on_mount(self) -> None:
        self._composed = True
        if self.ctx is not None:
            self.show(self.ctx)
