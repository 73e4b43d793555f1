"""After the projector's window changes size, tell the facilitator what no longer fits.

The check waits for the size to settle (a window being dragged larger sends a resize for
every few cells), skips dialogs, and names the `check --fit` command that shows it all.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import App
from textual.geometry import Size
from textual.screen import ModalScreen
from textual.timer import Timer

from workshop_tui.catalogue import t

# How long a window must keep its new size before the projector checks what no longer fits.
RESIZE_SETTLE = 0.4


class ResizeNotice:
    """The projector's resize check: `cut` lists what the screen leaves out now."""

    def __init__(
        self, app: App[Any], cut: Callable[[], list[str]], language: str, deck: str
    ) -> None:
        self._app = app
        self._cut = cut
        self._language = language
        self._deck = deck
        self._timer: Timer | None = None
        # The size the last check was for (the first is the size at start).
        self._checked: tuple[int, int] | None = None

    @property
    def checked_size(self) -> tuple[int, int] | None:
        """The size the last check of what fits was for (None before the first resize)."""
        return self._checked

    def resized(self, size: Size) -> None:
        """The window changed size: check once it has kept the new size a moment."""
        if self._checked is None:
            # The size the projector starts at: only a change of it is a resize.
            self._checked = (size.width, size.height)
            return
        if self._timer is not None:
            self._timer.stop()
        self._timer = self._app.set_timer(RESIZE_SETTLE, self._check)

    def _check(self) -> None:
        """Tell the facilitator what the step on screen no longer shows."""
        app = self._app
        self._timer = None
        if not app.screen_stack:
            # The timer outlived the app (it was closing as the window changed size).
            return
        size = (app.size.width, app.size.height)
        if size == self._checked or isinstance(app.screen, ModalScreen):
            return
        self._checked = size
        cut = self._cut()
        if not cut:
            return
        notice = t(
            self._language,
            "fit_resize_notice",
            size=f"{size[0]}x{size[1]}",
            what="; ".join(cut),
            deck=self._deck,
        )
        app.notify(notice, severity="warning", markup=False, timeout=20)
