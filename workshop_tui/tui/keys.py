"""The facilitator's keys: one map for the projector, its help screen and footer, and the
console in a second terminal (which presses the same keys on the projector's behalf)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from textual.app import App

from workshop_tui.tui.i18n import label


@dataclass(frozen=True)
class Key:
    """One facilitator key: the keys, the action, and the label shown in footer and help."""

    keys: str
    action: str
    label: str
    display: str | None = None


KEYMAP: tuple[Key, ...] = (
    Key("right,space,pagedown", "next_step", "key_next", "→"),
    Key("left,pageup", "previous_step", "key_prev", "←"),
    Key("r", "reveal", "key_reveal"),
    Key("l", "lock", "key_lock"),
    Key("t", "timer", "key_timer"),
    Key("plus,equals_sign", "add_minute", "key_add_minute", "+"),
    Key("up,k", "cursor(-1)", "key_up", "↑"),
    Key("down,j", "cursor(1)", "key_down", "↓"),
    Key("h", "hide", "key_hide"),
    Key("u", "release", "key_release"),
    Key("s", "highlight", "key_highlight"),
    Key("m", "move_column", "key_move_column"),
    Key("g", "grouped", "key_wall_mode"),
    Key("w", "words", "key_words"),
    Key("v", "new_round", "key_new_round"),
    # `i`: let the answers in. (`b` blanks the screen, as presenters' clickers send it.)
    Key("i", "open_step", "key_open"),
    Key("c", "back_to_ladder", "key_back_to_ladder"),
    Key("enter", "choose", "key_choose", "⏎"),
    Key("f", "show_qr", "key_qr"),
    Key("b,full_stop", "blank", "key_blank", "b ."),
    Key("o", "joining", "key_joining"),
    # Only with `--remote`: the phone remote's secret link stops working at once.
    Key("d", "revoke_remote", "key_revoke_remote"),
    Key("n", "notes", "key_notes"),
    Key("a", "arrange", "key_arrange"),
    Key("p", "compare", "key_compare"),
    Key("question_mark,f1", "help", "key_help", "?"),
    Key("q", "request_quit", "key_quit"),
    # Last, so that a narrow footer keeps help and quit in view.
    Key("e", "export", "key_export"),
)


# The keys the console in a second terminal may press on the projector's behalf: those that
# change the session for the room, not the projector's own cursor, dialogs or notes.
CONSOLE_ACTIONS = frozenset(
    {
        "next_step",
        "previous_step",
        "reveal",
        "lock",
        "timer",
        "add_minute",
        "new_round",
        "open_step",
        "back_to_ladder",
        "joining",
        "export",
        "revoke_remote",
        "blank",
    }
)


def bind_keys(app: App[None], keys: Iterable[Key], language: str) -> None:
    """Bind `keys` on `app`, each described in the session's language (footer and help)."""
    for key in keys:
        app.bind(
            key.keys, key.action, description=label(language, key.label), key_display=key.display
        )
