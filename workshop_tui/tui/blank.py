"""The blanked projector: only the room code, large, until the facilitator comes back.

What a presenter's clicker sends for "black screen" (`b` or `.`) blanks the room's screen, for a
discussion that should not look at the results; the same key, or any key that steps (→ ← Space
PageDown PageUp) or Esc, brings the step back. A step key only ends the blank: the room sees the
step it left, never one it did not see arrive.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.events import Resize
from textual.screen import ModalScreen

from workshop_tui.tui.bigtext import BigText

# The keys that end the blank: the blank key itself, the step keys, and Esc.
UNBLANK_KEYS = "b,full_stop,right,left,space,pagedown,pageup,escape"


class BlankScreen(ModalScreen[None]):
    """Nothing but the room code, centred, so late joiners can still join."""

    DEFAULT_CSS = """
    BlankScreen { background: $background; align: center middle; }
    BlankScreen > BigText { width: auto; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding(UNBLANK_KEYS, "dismiss", show=False)]

    def __init__(self, room: str) -> None:
        super().__init__()
        self.room = room

    def compose(self) -> ComposeResult:
        yield BigText(self.room, colour="accent", id="blank-room")

    def on_resize(self, event: Resize) -> None:
        # As large as half the screen's height: from the back of the room, across the room.
        self.query_one(BigText).most_rows = max(3, event.size.height // 2)
