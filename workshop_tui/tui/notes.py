"""The facilitator's notes for the step on screen, beside the stage (hidden by default)."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from workshop_tui.catalogue import t
from workshop_tui.tui.changed import update_changed
from workshop_tui.tui.views.base import ViewContext


class Notes(Static):
    """The notes panel: shown (class `shown`) when the facilitator asks and no console is
    attached (then the notes are on the console, never on the room's screen)."""

    def show(self, ctx: ViewContext, accent: str) -> None:
        """Draw the step's notes: the title in the accent colour, the notes in the text colour."""
        text = Text()
        text.append(t(ctx.language, "notes_title") + "\n\n", style=f"bold {accent}")
        text.append(ctx.step.notes or t(ctx.language, "no_notes"))
        update_changed(self, text)
