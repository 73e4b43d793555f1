"""The line at the top of every screen, and the band of large figures under it while a timer
is set.

The top bar says where we are, how many answered, and the join corner (the link and room code
stay in the corner on every step, for late joiners and for a phone that changed hands). When
the bar is narrow its parts give way in order: the title wraps onto a second line rather than
being cut; the corner keeps the short link at every width (a latecomer types it from there).

The band draws the countdown and "12/13 answered" in block letters, as large as the screen's
height allows. It is there only while a timer runs: at 80×24 three rows are all the step can
spare, and a running countdown is when the room looks up to count. A paused timer (or one run
out) stays small in the top bar.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.timer import Timer as Ticker
from textual.widgets import Static

from workshop_tui.domain.state import Timer
from workshop_tui.tui.bigtext import BigText
from workshop_tui.tui.changed import update_changed
from workshop_tui.tui.safe import clean
from workshop_tui.tui.theme import palette
from workshop_tui.tui.time_text import mmss
from workshop_tui.tui.views.base import ViewContext
from workshop_tui.tui.views.lobby import short_link

TIMER_LOW = 30.0
# The countdown's redraw interval: often enough that a second never shows late by much.
TICK = 0.2


def band_rows(screen_rows: int) -> int:
    """How tall the band's figures may be on a screen `screen_rows` high: 3 rows up to 39,
    5 up to 59, 10 beyond (a seventh of the screen at most, never the step's room)."""
    if screen_rows < 40:
        return 3
    if screen_rows < 60:
        return 5
    return 10


class TopBar(Horizontal):
    """Step, status and the join corner."""

    DEFAULT_CSS = """
    TopBar { height: auto; background: $panel; }
    TopBar > #where { width: 1fr; height: auto; padding: 0 1; }
    TopBar > #status { width: auto; padding: 0 1; }
    TopBar > #timer { width: auto; padding: 0 1; }
    TopBar > #corner { width: auto; padding: 0 1; background: $accent; color: $on-accent; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._ctx: ViewContext | None = None
        # Held, not queried: the app's first redraw can come before these are mounted (and its
        # last after they are gone), and a Static keeps what it is given until it is shown.
        self._where = Static(id="where")
        self._status = Static(id="status")
        self._timer = Static(id="timer")
        self._corner = Static(id="corner")

    def compose(self) -> ComposeResult:
        yield self._where
        yield self._status
        yield self._timer
        yield self._corner

    def show(self, ctx: ViewContext) -> None:
        """Redraw from `ctx`."""
        self._ctx = ctx
        p = palette(self)
        state = ctx.state
        where = Text(
            ctx.t("step_of", n=state.current + 1, total=len(state.workshop.steps)) + " · ",
            style=p.muted,
        )
        where.append(clean(ctx.step.title), style=f"bold {p.text}")
        update_changed(self._where, where)
        status = Text()
        if ctx.step.kind == "lobby":
            status.append(ctx.t("joined", count=len(state.participants)), style=f"bold {p.info}")
        elif ctx.step.kind != "summary" and not ctx.step_state.timer.running:
            # While a timer runs, the band under the bar shows the count large instead.
            answered = ctx.t("answered", count=len(ctx.answers), total=len(state.participants))
            status.append(answered, style=f"bold {p.info}")
        if ctx.step_state.status == "locked":
            status.append("  " + ctx.t("locked"), style=f"bold {p.on_warning} on {p.warning}")
        elif ctx.step_state.status == "preparing":
            status.append("  " + ctx.t("preparing"), style=f"bold {p.on_accent} on {p.accent}")
        if not ctx.step_state.revealed and ctx.step.kind not in ("lobby", "summary"):
            status.append("  " + ctx.t("hidden"), style=f"italic {p.muted}")
        if not state.joining_open:
            status.append("  " + ctx.t("joining_closed"), style=f"bold {p.warning}")
        update_changed(self._status, status)
        update_changed(self._timer, paused_timer(ctx, p.muted))
        self._show_corner(ctx)

    def _show_corner(self, ctx: ViewContext) -> None:
        room = ctx.state.room
        corner = Text(no_wrap=True)
        url = ctx.info.join_url if ctx.info is not None else ""
        if url.endswith(room):
            # The link ends in the room code: show it once, with the code standing out.
            corner.append(short_link(url).removesuffix(room))
            corner.append(room, style="bold reverse")
        else:
            corner.append(f"{ctx.t('room')} ")
            corner.append(room, style="bold reverse")
        update_changed(self._corner, corner)


def paused_timer(ctx: ViewContext, muted: str) -> Text:
    """A timer that does not run, as the top bar shows it ("‖ 3:00 paused"); empty while it
    runs (the band shows it then) and when the step has none."""
    timer = ctx.step_state.timer
    left = timer.remaining_at(ctx.now)
    if left is None or timer.running:
        return Text("")
    text = Text("‖ " + mmss(left), style="bold")
    if left > 0:
        text.append(" " + ctx.t("timer_paused"), style=muted)
    return text


class TimerBand(Horizontal):
    """The countdown and the answer count in block letters, while a timer runs."""

    DEFAULT_CSS = """
    TimerBand { display: none; height: auto; padding: 0 2; }
    TimerBand.shown { display: block; }
    TimerBand > #band-count { width: auto; }
    TimerBand > #band-answered { width: 1fr; padding: 0 2; color: $muted; }
    TimerBand > #band-time { width: auto; }
    """

    def __init__(self, clock: Callable[[], float], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._clock = clock
        self._ctx: ViewContext | None = None
        # Runs only while a countdown does: it is time that changes the display then.
        self._ticker: Ticker | None = None
        self.count = BigText(colour="info", id="band-count")
        self.answered = Static(id="band-answered")
        self.time = BigText(colour="text", id="band-time")

    def compose(self) -> ComposeResult:
        yield self.count
        yield self.answered
        yield self.time

    def show(self, ctx: ViewContext) -> None:
        """Redraw from `ctx`; while its timer runs, the countdown keeps itself current."""
        self._ctx = ctx
        running = ctx.step_state.timer.running
        if running and self._ticker is None:
            self._ticker = self.set_interval(TICK, self.tick)
        elif not running and self._ticker is not None:
            self._ticker.stop()
            self._ticker = None
        self.set_class(running, "shown")
        self.count.most_rows = self.time.most_rows = band_rows(self.app.size.height)
        counted = ctx.step.kind not in ("lobby", "summary")
        self.count.display = self.answered.display = counted
        if counted:
            self.count.text = f"{len(ctx.answers)}/{len(ctx.state.participants)}"
            update_changed(self.answered, Text(ctx.t("answered_word")))
        self.tick()

    def tick(self) -> None:
        """Redraw the countdown for the clock's time now."""
        ctx = self._ctx
        if ctx is None:
            return
        timer: Timer = ctx.step_state.timer
        left = timer.remaining_at(self._clock())
        if left is None or not timer.running:
            return
        # Several ticks a second set the same text; BigText redraws only when it changes.
        self.time.text = mmss(left)
        self.time.colour = "warning" if left <= TIMER_LOW else "text"
