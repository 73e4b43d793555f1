"""Asking before something is lost: the workshop ending, a plan typed and not saved, so a
stray key press (a clicker's Esc among them) never closes the projector or throws work away."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from workshop_tui.catalogue import t


class QuitScreen(ModalScreen[bool]):
    """Dismissed with True to quit; y / n answer it from the keyboard too, and the line under
    the buttons says so (Tab and Shift-Tab move between the buttons, Enter presses one)."""

    DEFAULT_CSS = """
    QuitScreen { align: center middle; background: $background 80%; }
    QuitScreen > Vertical {
        width: 66; height: auto; border: heavy $warning; background: $background; padding: 1 2;
    }
    QuitScreen Horizontal { height: auto; margin-top: 1; }
    QuitScreen Button { margin-right: 2; }
    QuitScreen #quit-keys { margin-top: 1; color: $muted; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", show=False),
        Binding("n,escape", "answer(False)", show=False),
    ]

    def __init__(self, language: str) -> None:
        super().__init__()
        self.language = language

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(t(self.language, "quit_question"), style="bold"))
            with Horizontal():
                yield Button(t(self.language, "yes_quit"), id="quit-yes", variant="error")
                yield Button(t(self.language, "no_stay"), id="quit-no", variant="primary")
            yield Static(Text(t(self.language, "quit_keys")), id="quit-keys")

    def on_mount(self) -> None:
        self.query_one("#quit-no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "quit-yes")

    def action_answer(self, quit_: bool) -> None:
        """Answer the question from the keyboard."""
        self.dismiss(quit_)


class DiscardScreen(ModalScreen[bool]):
    """Dismissed with True to throw away what was typed in a form; Esc, like "keep editing",
    keeps it (Esc is what a clicker may send by accident)."""

    DEFAULT_CSS = """
    DiscardScreen { align: center middle; background: $background 80%; }
    DiscardScreen > Vertical {
        width: 60; height: auto; border: heavy $warning; background: $background; padding: 1 2;
    }
    DiscardScreen Horizontal { height: auto; margin-top: 1; }
    DiscardScreen Button { margin-right: 2; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss(False)", show=False)]

    def __init__(self, language: str) -> None:
        super().__init__()
        self.language = language

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(t(self.language, "plan_discard_question"), style="bold"))
            with Horizontal():
                yield Button(t(self.language, "plan_keep"), id="discard-no", variant="primary")
                yield Button(t(self.language, "plan_discard"), id="discard-yes")

    def on_mount(self) -> None:
        self.query_one("#discard-no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "discard-yes")
