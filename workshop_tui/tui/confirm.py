"""Asking before the workshop ends, so a stray key press never closes the projector."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from workshop_tui.tui.i18n import label


class QuitScreen(ModalScreen[bool]):
    """Dismissed with True to quit; y / n answer it from the keyboard too, and the line under
    the buttons says so (Tab and Shift-Tab move between the buttons, Enter presses one)."""

    DEFAULT_CSS = """
    QuitScreen { align: center middle; background: #000000 80%; }
    QuitScreen > Vertical {
        width: 66; height: auto; border: heavy #e69f00; background: #000000; padding: 1 2;
    }
    QuitScreen Horizontal { height: auto; margin-top: 1; }
    QuitScreen Button { margin-right: 2; }
    QuitScreen #quit-keys { margin-top: 1; color: #bbbbbb; }
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
            yield Static(Text(label(self.language, "quit_question"), style="bold"))
            with Horizontal():
                yield Button(label(self.language, "yes_quit"), id="quit-yes", variant="error")
                yield Button(label(self.language, "no_stay"), id="quit-no", variant="primary")
            yield Static(Text(label(self.language, "quit_keys")), id="quit-keys")

    def on_mount(self) -> None:
        self.query_one("#quit-no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "quit-yes")

    def action_answer(self, quit_: bool) -> None:
        """Answer the question from the keyboard."""
        self.dismiss(quit_)
