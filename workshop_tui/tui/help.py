"""The key map overlay: every key the facilitator can press, in the session's language."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from workshop_tui.catalogue import t
from workshop_tui.tui.theme import palette


class HelpScreen(ModalScreen[None]):
    """A table of keys and what they do, the keys to always find first; it scrolls where the
    screen is too short for all of them. Any of escape, ? or F1 closes it."""

    DEFAULT_CSS = """
    HelpScreen { align: center middle; background: $background 80%; }
    HelpScreen > VerticalScroll {
        width: 72; max-width: 95%; height: auto; max-height: 95%;
        border: heavy $accent; background: $background; padding: 1 2;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,f1,q", "dismiss", show=False)
    ]

    def __init__(self, keys: Sequence[tuple[str, str]], language: str) -> None:
        super().__init__()
        self.keys = list(keys)
        self.language = language

    def compose(self) -> ComposeResult:
        table = Table.grid(padding=(0, 3))
        p = palette(self)
        table.add_column(style=f"bold {p.accent}", no_wrap=True)
        table.add_column()
        for key, description in self.keys:
            table.add_row(Text(key), Text(description))
        with VerticalScroll():
            yield Static(Text(t(self.language, "help_title"), style="bold underline"))
            yield Static(table)
            yield Static(Text(f"Esc: {t(self.language, 'key_close')}", style=p.muted))
