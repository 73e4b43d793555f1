"""What every step view shares: the data it is drawn from and the question at the top."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from rich.cells import cell_len
from rich.console import Group, RenderableType
from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from workshop_tui.domain.deck import Step
from workshop_tui.domain.state import SessionState, StepState
from workshop_tui.participant_server import ServerInfo, WifiNetwork
from workshop_tui.tui.i18n import label
from workshop_tui.tui.safe import clean, plain
from workshop_tui.tui.theme import palette


@dataclass(frozen=True)
class ViewContext:
    """One moment of the session, as a view draws it."""

    state: SessionState
    step: Step
    step_state: StepState
    language: str
    now: float
    info: ServerInfo | None
    wifi: WifiNetwork | None = None

    def t(self, key: str, **values: Any) -> str:
        """A projector label in the session's language."""
        return label(self.language, key, **values)

    @property
    def answers(self) -> dict[str, dict[str, Any]]:
        """This round's answers, by participant (only ever counted or tallied, never named)."""
        return self.step_state.current_answers


def lines_needed(text: str, width: int) -> int:
    """How many lines `text` takes when wrapped at `width` cells."""
    return max(1, -(-cell_len(text) // max(1, width)))


class StepView(Widget):
    """A step kind's view: the question, then what the group answered so far.

    The app calls `show` with fresh data whenever the hub has stored a change; `ctx` is a
    reactive, so setting it repaints the view. The view keeps its own cursor and display mode
    (reactives too) between calls, so they survive a flood of answers.

    Each drawing also records what it could not show in full at this size (`cut`, in plain
    words for the facilitator): the pre-flight check (`check --fit`) and the projector's notice
    after a resize read it. A view that leaves something out must also say "more" on screen.
    """

    DEFAULT_CSS = """
    StepView {
        width: 1fr;
        height: 1fr;
        padding: 0 2;
    }
    """

    has_cursor: ClassVar[bool] = False
    reveals: ClassVar[bool] = True

    # Every new context is a new moment of the session: always repaint, never compare (a
    # comparison would walk the whole session state).
    ctx: reactive[ViewContext | None] = reactive(None, always_update=True)

    # What the last drawing left out (see the class docstring); empty when everything fit.
    cut: tuple[str, ...] = ()

    def show(self, ctx: ViewContext) -> None:
        """Redraw from `ctx`."""
        self.ctx = ctx

    def question(self, ctx: ViewContext) -> str:
        """The line at the top: the step's question, if it has one."""
        return clean(str(getattr(ctx.step, "question", "")))

    def render(self) -> RenderableType:
        ctx = self.ctx
        self._cut: list[str] = []
        if ctx is None:
            self.cut = ()
            return Text("")
        width = max(10, self.content_region.width)
        question = self.question(ctx)
        used = lines_needed(question, width) + 1 if question else 0
        body = self.body(ctx, width, max(1, self.content_region.height - used))
        self.cut = tuple(self._cut)
        if not question:
            return body
        return Group(plain(question, f"bold {palette(self).accent}"), Text(""), body)

    def left_out(self, what: str) -> None:
        """Record, while drawing, that `what` (plain words: "rungs 4-6 of Greeting") did not
        fit at this size."""
        self._cut.append(what)

    def body(self, ctx: ViewContext, width: int, height: int) -> RenderableType:
        """What the group answered, drawn to fit `width` × `height` cells."""
        raise NotImplementedError

    def move(self, delta: int) -> None:
        """Move the facilitator's cursor (views with `has_cursor`)."""


def hidden_notice(ctx: ViewContext) -> Text:
    """Shown instead of results that are not revealed yet."""
    return Text(ctx.t("results_hidden"), style="italic #bbbbbb")
