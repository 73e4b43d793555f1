"""The banner above the stage: what the facilitator must know now about the session itself.

The store failing to save, a server only this computer can reach, and the last minute's
phones queued or turned away (the participant server records them; the banner says so until
the minute is over, even if nothing else changes then).
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.timer import Timer
from textual.widgets import Static

from workshop_tui.catalogue import t
from workshop_tui.participant_server import ServerInfo
from workshop_tui.tui.changed import update_changed


class Banner(Static):
    """The banner: shown (class `shown`) only while it has something to say."""

    def __init__(self, changed: Callable[[], None], *, id: str | None = None) -> None:
        super().__init__(id=id)
        # Asks the projector for a redraw when the turned-away notice's minute is over.
        self._changed = changed
        self._notice_timer: Timer | None = None

    def show(
        self, store_error: str | None, now: float, info: ServerInfo | None, language: str
    ) -> None:
        """Draw the banner: why saving fails (while it does), and the server's notices as of
        `now` (the hub's clock)."""
        lines = []
        if store_error:
            lines.append(t(language, "store_error", error=store_error))
        if info is not None and info.loopback_only:
            lines.append(t(language, "loopback"))
        lines.extend(self._turned_away_lines(now, info, language))
        update_changed(self, Text("\n".join(lines)))
        self.set_class(bool(lines), "shown")
        self.set_class(bool(store_error), "error")

    def _turned_away_lines(self, now: float, info: ServerInfo | None, language: str) -> list[str]:
        """The last minute's phones queued or turned away, one line per reason."""
        if info is None:
            return []
        record = info.turned_away
        counts = record.recent(now)
        until = record.until()
        if counts and until is not None and self._notice_timer is None:
            # The notice must go when its minute is over, even if nothing else changes then.
            self._notice_timer = self.set_timer(max(0.1, until - now), self.notice_over)
        return [
            t(language, f"turned_away_{reason}", count=count)
            for reason, count in sorted(counts.items())
        ]

    def notice_over(self) -> None:
        """The turned-away notice's minute is over: ask for a redraw without it."""
        self._notice_timer = None
        self._changed()
