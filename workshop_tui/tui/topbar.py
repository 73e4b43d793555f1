"""The line at the top of every screen: where we are, how many answered, the timer, the link.

The link and room code stay in the corner on every step, for late joiners and for a phone that
changed hands.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.timer import Timer as Ticker
from textual.widgets import Static

from workshop_tui.domain.state import Timer
from workshop_tui.tui.changed import update_changed
from workshop_tui.tui.safe import clean
from workshop_tui.tui.views.base import ViewContext
from workshop_tui.tui.views.lobby import short_link

TIMER_LOW = 30.0
# The countdown's redraw interval: often enough that a second never shows late by much.
TICK = 0.2


def clock_face(seconds: float) -> str:
    """Seconds left as m:ss (h:mm:ss past an hour), rounded up so 0:00 means time is up."""
    whole = int(-(-seconds // 1))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def timer_text(timer: Timer, now: float, paused: str) -> Text:
    """The timer as shown in the top bar; empty when the step has none."""
    left = timer.remaining_at(now)
    if left is None:
        return Text("")
    colour = "#e69f00" if left <= TIMER_LOW else "#ffffff"
    text = Text(("▶ " if timer.running else "‖ ") + clock_face(left), style=f"bold {colour}")
    if not timer.running and left > 0:
        text.append(f" {paused}", style="#bbbbbb")
    return text


class TopBar(Horizontal):
    """Step, status, timer and the join corner."""

    DEFAULT_CSS = """
    TopBar { height: 1; background: #1a1a1a; }
    TopBar > #where { width: 1fr; padding: 0 1; text-style: bold; }
    TopBar > #status { width: auto; padding: 0 1; }
    TopBar > #timer { width: auto; padding: 0 1; }
    TopBar > #corner { width: auto; padding: 0 1; background: #ffd700; color: #000000; }
    """

    def __init__(self, clock: Callable[[], float], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._clock = clock
        self._ctx: ViewContext | None = None
        # Runs only while a countdown does: it is time that changes the display then.
        self._ticker: Ticker | None = None
        self._timer_shown: Text | None = None
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
        """Redraw from `ctx`; while its timer runs, the countdown keeps itself current."""
        self._ctx = ctx
        running = ctx.step_state.timer.running
        if running and self._ticker is None:
            self._ticker = self.set_interval(TICK, self.tick)
        elif not running and self._ticker is not None:
            self._ticker.stop()
            self._ticker = None
        self.tick()
        state = ctx.state
        where = Text(
            ctx.t("step_of", n=state.current + 1, total=len(state.workshop.steps)) + " · ",
            style="#bbbbbb",
            no_wrap=True,
            overflow="ellipsis",
        )
        where.append(clean(ctx.step.title), style="bold #ffffff")
        update_changed(self._where, where)
        status = Text()
        if ctx.step.kind == "lobby":
            status.append(ctx.t("joined", count=len(state.participants)), style="bold #56b4e9")
        elif ctx.step.kind != "summary":
            answered = ctx.t("answered", count=len(ctx.answers), total=len(state.participants))
            status.append(answered, style="bold #56b4e9")
        if ctx.step_state.status == "locked":
            status.append("  " + ctx.t("locked"), style="bold #000000 on #e69f00")
        elif ctx.step_state.status == "preparing":
            status.append("  " + ctx.t("preparing"), style="bold #000000 on #56b4e9")
        if not ctx.step_state.revealed and ctx.step.kind not in ("lobby", "summary"):
            status.append("  " + ctx.t("hidden"), style="italic #bbbbbb")
        if not state.joining_open:
            status.append("  " + ctx.t("joining_closed"), style="bold #e69f00")
        update_changed(self._status, status)
        corner = Text()
        if ctx.info is not None and ctx.info.join_url.endswith(state.room):
            # The link ends in the room code: show it once, with the code standing out.
            corner.append(short_link(ctx.info.join_url).removesuffix(state.room))
            corner.append(state.room, style="bold reverse")
        else:
            corner.append(f"{ctx.t('room')} ")
            corner.append(state.room, style="bold reverse")
        update_changed(self._corner, corner)

    def tick(self) -> None:
        """Redraw the countdown for the clock's time now."""
        ctx = self._ctx
        if ctx is None:
            return
        text = timer_text(ctx.step_state.timer, self._clock(), ctx.t("timer_paused"))
        # Several ticks a second would otherwise repaint the bar although the seconds did not
        # change.
        if text != self._timer_shown:
            self._timer_shown = text
            self._timer.update(text)
