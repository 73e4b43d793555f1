"""The line at the top of every screen: where we are, how many answered, the timer, the link.

The link and room code stay in the corner on every step, for late joiners and for a phone that
changed hands.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static

from workshop_tui.domain.state import Timer
from workshop_tui.tui.safe import clean
from workshop_tui.tui.views.base import ViewContext
from workshop_tui.tui.views.lobby import short_link

TIMER_LOW = 30.0


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

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
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
        """Redraw everything but the timer, which `tick` keeps current."""
        state = ctx.state
        where = Text(
            ctx.t("step_of", n=state.current + 1, total=len(state.workshop.steps)) + " · ",
            style="#bbbbbb",
            no_wrap=True,
            overflow="ellipsis",
        )
        where.append(clean(ctx.step.title), style="bold #ffffff")
        self._where.update(where)
        status = Text()
        if ctx.step.kind == "lobby":
            status.append(ctx.t("joined", count=len(state.participants)), style="bold #56b4e9")
        elif ctx.step.kind != "summary":
            answered = ctx.t("answered", count=len(ctx.answers), total=len(state.participants))
            status.append(answered, style="bold #56b4e9")
        if ctx.step_state.status == "locked":
            status.append("  " + ctx.t("locked"), style="bold #000000 on #e69f00")
        if not ctx.step_state.revealed and ctx.step.kind not in ("lobby", "summary"):
            status.append("  " + ctx.t("hidden_badge"), style="italic #bbbbbb")
        if not state.joining_open:
            status.append("  " + ctx.t("joining_closed"), style="bold #e69f00")
        self._status.update(status)
        corner = Text()
        if ctx.info is not None and ctx.info.join_url.endswith(state.room):
            # The link ends in the room code: show it once, with the code standing out.
            corner.append(short_link(ctx.info.join_url).removesuffix(state.room))
            corner.append(state.room, style="bold reverse")
        else:
            corner.append(f"{ctx.t('room')} ")
            corner.append(state.room, style="bold reverse")
        self._corner.update(corner)

    def tick(self, ctx: ViewContext) -> None:
        """Redraw the timer."""
        text = timer_text(ctx.step_state.timer, ctx.now, ctx.t("timer_paused"))
        # Ten ticks a second would otherwise repaint the bar although the seconds did not change.
        if text != self._timer_shown:
            self._timer_shown = text
            self._timer.update(text)
