"""What every step view shares: the data it is drawn from, the question at the top, and the
keys it owns.

A view owns its keys as Textual's widgets do: the key map's view keys for the actions it names
(`ACTIONS`) are bound on it, its `check_action` says when they apply, and what it wants done
with the session goes up as a message (`Send` a command, `Open` a dialog) that the app applies
through the hub. The view never holds the hub.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, ClassVar

from rich.cells import cell_len
from rich.console import Group, RenderableType
from rich.text import Text
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.signal import Signal
from textual.widget import Widget

from workshop_tui.catalogue import t
from workshop_tui.domain.commands import Command, NewRound
from workshop_tui.domain.deck import Step
from workshop_tui.domain.state import SessionState, StepState
from workshop_tui.participant_server import ServerInfo, WifiNetwork
from workshop_tui.tui.keys import KEYMAP, bind_keys
from workshop_tui.tui.ladder_screen import Send, Undo
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
    # The facilitator's console is attached: the answers the word filter holds are read and
    # released there, never on the room's screen.
    console_attached: bool = False

    # The labels this drawing has looked up: a ladder of six areas asks for the same words a
    # hundred times (every rung's count is one), and a context lives for one drawing.
    _said: dict[tuple[str, tuple[tuple[str, Any], ...]], str] = field(
        default_factory=dict, compare=False, repr=False
    )

    def t(self, key: str, **values: Any) -> str:
        """A projector label in the session's language (looked up once per drawing)."""
        memo = (key, tuple(sorted(values.items())))
        said = self._said.get(memo)
        if said is None:
            said = self._said[memo] = t(self.language, key, **values)
        return said

    @property
    def answers(self) -> dict[str, dict[str, Any]]:
        """This round's answers, by participant (only ever counted or tallied, never named)."""
        return self.step_state.current_answers


@dataclass(frozen=True)
class DialogKit:
    """What a dialog a view opens works with, handed over by the app: the session's newest
    state (the hub replaces its state object after a failed write, so it is read afresh each
    time), a way to send a command (the refusal in the facilitator's words, or None once
    stored), each levels step's undo history, which the projector keeps while it runs, and
    the signal published each time the projector has drawn a change of the session."""

    state: Callable[[], SessionState]
    send: Send
    ladder_undo: Callable[[str], Undo]
    session_drawn: Signal[int]


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
    # Focusable, so that the keys bound on it are live while it is on the stage.
    can_focus = True
    # The key map's view keys this view owns (action names); every view has a cursor key.
    ACTIONS: ClassVar[frozenset[str]] = frozenset({"cursor"})

    class Send(Message):
        """The view wants `command` done to the session (the app sends it to the hub)."""

        def __init__(self, command: Command) -> None:
            super().__init__()
            self.command = command

    class Open(Message):
        """The view wants a dialog on top: `build` makes it from what the app hands over."""

        def __init__(self, build: Callable[[DialogKit], Screen[Any]]) -> None:
            super().__init__()
            self.build = build

    # Every new context is a new moment of the session: always repaint, never compare (a
    # comparison would walk the whole session state).
    ctx: reactive[ViewContext | None] = reactive(None, always_update=True)

    # What the last drawing left out (see the class docstring); empty when everything fit.
    cut: tuple[str, ...] = ()
    # The part of `cut` that is a list shown in part with the rest counted on the screen
    # ("▼ 12 more answers": answers, options, reasons): no text in it is cut short, and a full
    # room always brings more answers than a screen holds.
    counted: tuple[str, ...] = ()

    def take_keys(self, language: str) -> None:
        """Bind the key map's keys for this view's `ACTIONS`, described in `language`."""
        owned = (key for key in KEYMAP if key.target == "view" and key.name in self.ACTIONS)
        bind_keys(self, owned, language)

    def on_mount(self) -> None:
        # The view's keys are live while it has the focus (a dialog takes it and gives it back).
        self.focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Whether one of this view's keys applies now (False hides it from the footer)."""
        if action == "cursor":
            return self.has_cursor
        return True

    def binding_state(self) -> tuple[object, ...]:
        """What this view's `check_action` depends on beside its context, so that the footer
        is rebuilt only when that changes."""
        return (self.has_cursor,)

    def send(self, command: Command) -> None:
        """Ask the app to do `command` to the session."""
        self.post_message(self.Send(command))

    def action_cursor(self, delta: int) -> None:
        """Move the view's cursor."""
        self.move(delta)

    def action_new_round(self) -> None:
        """Start another round of this step's vote (views that name "new_round")."""
        if self.ctx is not None:
            self.send(NewRound(self.ctx.step.id))

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
