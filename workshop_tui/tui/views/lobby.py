"""The lobby: a QR code big enough to scan from the back, the link and room code in block
letters, who joined."""

from __future__ import annotations

from rich.console import RenderableType
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from workshop_tui.catalogue import t
from workshop_tui.domain.deck import LobbyStep
from workshop_tui.participant_server import WifiNetwork
from workshop_tui.tui.bigtext import BigText, best_size, measure, plain_rows, sizes
from workshop_tui.tui.changed import update_changed
from workshop_tui.tui.qr import CodePanel, QRCode, arrange_codes, best_scale, wifi_payload
from workshop_tui.tui.safe import clean
from workshop_tui.tui.theme import palette
from workshop_tui.tui.views.base import StepView, ViewContext


def short_link(url: str) -> str:
    """The join link as people type it: browsers add the scheme themselves."""
    return url.removeprefix("http://")


def big_rows(text: str, width: int, rows: int) -> int:
    """The rows `text` takes in the largest block letters that fit `width` × `rows` cells
    (written plainly, wrapped, when none do)."""
    size = best_size(text, width, rows)
    return measure(text, size).height if size else plain_rows(text, width)


def share_rows(link: str, code: str, width: int, rows: int) -> tuple[int, int]:
    """The most rows each of the link and the room code may take in `rows` between them, with
    a row between the two.

    The pair is chosen so that the thinner of the two is as bold as it can be (the link is
    held back by the width long before the code is), then the shorter as tall, then the two
    together as bold."""
    if not link:
        return 0, rows
    best: tuple[tuple[int, int, int], tuple[int, int]] | None = None
    for size in [*sizes(rows - 4), None]:
        if size is not None and measure(link, size).width > width:
            continue
        link_rows = measure(link, size).height if size else plain_rows(link, width)
        code_size = best_size(code, width, rows - link_rows - 1)
        if code_size is None:
            continue
        bold = size[0] if size else 0
        code_rows = measure(code, code_size).height
        score = (min(bold, code_size[0]), min(link_rows, code_rows), bold + code_size[0])
        if best is None or score > best[0]:
            best = (score, (link_rows, code_rows))
    if best is None:
        return big_rows(link, width, 3), big_rows(code, width, 3)
    return best[1]


def wifi_password_text(wifi: WifiNetwork, language: str) -> str:
    """The Wi-Fi password as the room reads it, for phones that cannot scan the code.

    It is shown on purpose: anyone in the room can read it from the code anyway.
    """
    if not wifi.password:
        return t(language, "wifi_open")
    return t(language, "wifi_password", password=wifi.password)


# Between the two codes, and the least the link, room code and names need beside them.
CODE_GAP = 2
INFO_WIDTH = 30
# The rows the joined names keep below the room code, when they need them.
NAME_ROWS = 3


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
    LobbyView #lobby-link { margin-bottom: 1; }
    LobbyView #lobby-room { text-style: bold; }
    LobbyView #lobby-code { margin-bottom: 1; }
    LobbyView #lobby-privacy { margin-bottom: 1; }
    LobbyView #lobby-count { text-style: bold; color: $info; }
    LobbyView #lobby-names { height: 1fr; }
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
            yield BigText(id="lobby-link")
            yield Static(id="lobby-room")
            yield BigText(colour="accent", id="lobby-code")
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
        link = self.query_one("#lobby-link", BigText)
        if info is None:
            update_changed(
                self.query_one("#lobby-scan", Static), Text(ctx.t("no_server"), style="bold")
            )
            link.text = ""
        else:
            self.query_one("#lobby-qr", QRCode).data = info.join_url
            # With a Wi-Fi code first, this is the second of the two steps.
            scan = ("2. " if wifi else "") + ctx.t("scan_or_go")
            update_changed(self.query_one("#lobby-scan", Static), Text(scan))
            link.text = short_link(info.join_url)
        link.display = bool(link.text)
        self._arrange()
        self._show_wifi(ctx, wifi)
        update_changed(self.query_one("#lobby-room", Static), Text(ctx.t("room")))
        self.query_one("#lobby-code", BigText).text = ctx.state.room
        # The promise the exports keep (export/outcome.py): names only when the session said so.
        named = ctx.state.workshop.workshop.names
        p = palette(self)
        privacy = Text(
            ctx.t("lobby_exports_names" if named else "lobby_exports_anonymous"),
            style=f"bold {p.accent}" if named else p.text,
        )
        update_changed(self.query_one("#lobby-privacy", Static), privacy)
        people = sorted(ctx.state.participants.values(), key=lambda p: -p.joined_at)
        update_changed(
            self.query_one("#lobby-count", Static), Text(ctx.t("joined", count=len(people)))
        )
        names = "   ".join(clean(p.name) for p in people) or t(ctx.language, "nobody_yet")
        if names != self._names:
            self._names = names
            update_changed(self.query_one("#lobby-names", Static), Text(names))
        self._size_letters(ctx)

    def _info_width(self) -> int:
        """The width of the column beside the codes, from the codes' widths as arranged (the
        column itself is laid out only after this view has sized what is in it)."""
        box = self.query_one("#lobby-info", Vertical)
        fixed, shares = 0, 1
        for panel in self.query(CodePanel):
            if not panel.display:
                continue
            width = panel.styles.width
            if width is not None and width.is_cells:
                fixed += int(width.value) + panel.styles.margin.right
            else:
                shares += 1
        return (self.content_region.width - fixed) // shares - box.styles.gutter.width

    def _size_letters(self, ctx: ViewContext) -> None:
        """Give the link and the room code the largest letters the rows beside the code allow,
        after what must be read in full (the intro, the Wi-Fi, the privacy promise)."""
        box = self.query_one("#lobby-info", Vertical)
        width = self._info_width()
        if width <= 0:
            return
        used = 0
        for child in box.children:
            if child.display and isinstance(child, Static) and child.id != "lobby-names":
                used += child.get_content_height(self.size, self.app.size, width)
                used += child.styles.margin.bottom
        names = self._names if ctx.state.participants else ""
        used += min(NAME_ROWS, plain_rows(names, width)) if names else 1
        # The margins under the link and the code.
        used += 2
        link = self.query_one("#lobby-link", BigText)
        code = self.query_one("#lobby-code", BigText)
        link.most_rows, code.most_rows = share_rows(
            link.text, code.text, width, self.content_region.height - used
        )
        # The join code is what must scan: say so when the window cannot hold it.
        join = self.query_one("#lobby-join-panel", CodePanel)
        modules = len(join.code.matrix)
        size = self.content_region.size
        too_small = bool(modules) and best_scale(modules, size.width - INFO_WIDTH, size.height) == 0
        self.cut = (ctx.t("fit_lobby_qr"),) if too_small else ()

    def _arrange(self) -> None:
        """Put the Wi-Fi code beside the join code when both fit; only when the size changed.

        Without a Wi-Fi code the join code takes its own width and the link and room code the
        rest, so the block letters beside it are as large as they can be."""
        ctx = self.ctx
        if ctx is None:
            return
        join = self.query_one("#lobby-join-panel", CodePanel)
        if ctx.wifi is None:
            size = self.content_region.size
            modules = len(join.code.matrix)
            scale = best_scale(modules, size.width - INFO_WIDTH, size.height) if modules else 0
            join.styles.width = modules * scale if scale else "1fr"
            return
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
        p = palette(self)
        if not self._wifi_code_shown:
            text.append(ctx.t("wifi_step", name=clean(wifi.ssid)) + "\n", style=f"bold {p.accent}")
        text.append(wifi_password_text(wifi, ctx.language), style="bold")
        if not self._wifi_code_shown:
            text.append("\n" + ctx.t("wifi_code_hint"), style=p.muted)
        update_changed(box, text)

    def on_resize(self) -> None:
        if self._composed and self.ctx is not None:
            self.show(self.ctx)

    def on_mount(self) -> None:
        self._composed = True
        if self.ctx is not None:
            self.show(self.ctx)
