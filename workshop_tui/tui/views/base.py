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
from workshop_tui.tui.layout import block, fill, wrap_plain
from workshop_tui.tui.safe import clean
from workshop_tui.tui.theme import Palette, palette


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

    # Whether ↑/↓ do something here (`move`): fixed for most views, see `offer_cursor`.
    has_cursor: bool = False
    reveals: ClassVar[bool] = True

    # Every new context is a new moment of the session: always repaint, never compare (a
    # comparison would walk the whole session state).
    ctx: reactive[ViewContext | None] = reactive(None, always_update=True)

    # What the last drawing left out (see the class docstring); empty when everything fit.
    cut: tuple[str, ...] = ()
    # The part of `cut` that is a list shown in part with the rest counted on the screen
    # ("▼ 12 more answers": answers, options, reasons): no text in it is cut short, and a full
    # room always brings more answers than a screen holds.
    counted: tuple[str, ...] = ()

    def show(self, ctx: ViewContext) -> None:
        """Redraw from `ctx`."""
        self.ctx = ctx

    def question(self, ctx: ViewContext) -> str:
        """The line at the top: the step's question, if it has one."""
        return clean(str(getattr(ctx.step, "question", "")))

    def render(self) -> RenderableType:
        ctx = self.ctx
        self._cut: list[str] = []
        self._counted: list[str] = []
        if ctx is None:
            self.cut = self.counted = ()
            return Text("")
        p = palette(self)
        width = max(10, self.content_region.width)
        height = max(1, self.content_region.height)
        question = self.question(ctx)
        if not question:
            body = self.body(ctx, width, height)
            self.cut, self.counted = tuple(self._cut), tuple(self._counted)
            return body
        # The question is what the room reads first: bold, in the accent colour, wrapped in
        # full. Only a question longer than half the screen gives way to the answers, and
        # then it says so.
        style = f"bold {p.accent}"
        lines = [Text(line, style=style) for line in wrap_plain(question, width)]
        more = Text(ctx.t("question_more"), style=f"bold {p.info}")
        shown, cut = fill(lines, max(2, height // 2), more)
        if cut:
            self.left_out(ctx.t("cut_question"))
        body = self.body(ctx, width, max(1, height - len(shown) - 1))
        self.cut, self.counted = tuple(self._cut), tuple(self._counted)
        return Group(block(shown), Text(""), body)

    def left_out(self, what: str, *, counted: bool = False) -> None:
        """Record, while drawing, that `what` (plain words: "rungs 4-6 of Greeting") did not
        fit at this size; `counted` when it is the rest of a list, counted on the screen."""
        self._cut.append(what)
        if counted:
            self._counted.append(what)

    def body(self, ctx: ViewContext, width: int, height: int) -> RenderableType:
        """What the group answered, drawn to fit `width` × `height` cells."""
        raise NotImplementedError

    def move(self, delta: int) -> None:
        """Move the facilitator's cursor (views with `has_cursor`)."""

    def offer_cursor(self, needed: bool) -> None:
        """For a view whose ↑/↓ page what does not fit: offer the keys (in the footer too)
        only while they are `needed`, so they do not crowd out the keys that are."""
        if needed != self.has_cursor:
            self.has_cursor = needed
            self.call_after_refresh(self.app.refresh_bindings)


def hidden_notice(ctx: ViewContext, p: Palette) -> Text:
    """Shown instead of results that are not revealed yet (in `p`, the view's palette)."""
    return Text(ctx.t("results_hidden"), style=f"bold italic {p.muted}")
