"""Redraw only what changed.

`Static.update` always lays the screen out again; with answers streaming in, the top bar, the
banner and the notes were re-laid out for every redraw although their text was the same.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static


def update_changed(widget: Static, content: Text | str) -> None:
    """Give `widget` new content only if it differs from what it shows."""
    if widget.content != content:
        widget.update(content)
