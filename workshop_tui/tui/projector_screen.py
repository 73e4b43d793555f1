"""The projector's main screen."""

from __future__ import annotations

from textual.binding import ActiveBinding
from textual.screen import Screen

from workshop_tui.tui.keys import KEY_ORDER


class ProjectorScreen(Screen[None]):
    """The projector's main screen: its active keys by need (`keys.BY_NEED`).

    Textual lists the focused widget's keys before the app's; the step view on the stage is
    focused and owns some of the keys, so without this the footer's order would change with
    the step kind.
    """

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        bindings = super().active_bindings
        # Textual's own keys (not in the map) keep their place before the map's.
        order = sorted(bindings, key=lambda key: KEY_ORDER.get(key, -1))
        return {key: bindings[key] for key in order}
