"""The facilitator's keys: one map for the projector, its help screen and footer, and the
console in a second terminal (which presses the same keys on the projector's behalf).

Each key names its target. The app's keys (steps, timer, dialogs, the room's screen) are bound
on the app; a view's keys (its cursor, moderating the wall, choosing a card) are bound on the
step view that owns them, which decides in its own `check_action` when they apply, as Textual's
widgets own their bindings. The footer and the help list every key by need (`BY_NEED`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from textual.dom import DOMNode

from workshop_tui.catalogue import t


@dataclass(frozen=True)
class Key:
    """One facilitator key: the keys, the action, the label shown in footer and help, and
    whose action it is (`target`: the app's, or the step view's on screen)."""

    keys: str
    action: str
    label: str
    display: str | None = None
    target: Literal["app", "view"] = "app"

    @property
    def name(self) -> str:
        """The action's name without its parameters ("cursor" for "cursor(-1)")."""
        return self.action.partition("(")[0]


KEYMAP: tuple[Key, ...] = (
    Key("right,space,pagedown", "next_step", "key_next", "→"),
    Key("left,pageup", "previous_step", "key_prev", "←"),
    Key("r", "reveal", "key_reveal"),
    Key("l", "lock", "key_lock"),
    Key("t", "timer", "key_timer"),
    Key("plus,equals_sign", "add_minute", "key_add_minute", "+"),
    Key("up,k", "cursor(-1)", "key_up", "↑", target="view"),
    Key("down,j", "cursor(1)", "key_down", "↓", target="view"),
    Key("h", "hide", "key_hide", target="view"),
    Key("u", "release", "key_release", target="view"),
    Key("s", "highlight", "key_highlight", target="view"),
    Key("m", "move_column", "key_move_column", target="view"),
    Key("g", "grouped", "key_wall_mode", target="view"),
    Key("w", "words", "key_words", target="view"),
    Key("v", "new_round", "key_new_round", target="view"),
    # `i`: let the answers in. (`b` blanks the screen, as presenters' clickers send it.)
    Key("i", "open_step", "key_open"),
    Key("c", "back_to_ladder", "key_back_to_ladder"),
    Key("enter", "choose", "key_choose", "⏎", target="view"),
    # Before the campaign vote: the cards of the areas rated lowest, or the whole deck again.
    Key("x", "narrow", "key_narrow", target="view"),
    Key("f", "show_qr", "key_qr"),
    Key("b,full_stop", "blank", "key_blank", "b ."),
    Key("o", "joining", "key_joining"),
    # Only with `--remote`: the phone remote's secret link stops working at once.
    Key("d", "revoke_remote", "key_revoke_remote"),
    Key("n", "notes", "key_notes"),
    Key("a", "arrange", "key_arrange", target="view"),
    Key("p", "compare", "key_compare", target="view"),
    Key("question_mark,f1", "help", "key_help", "?"),
    Key("q", "request_quit", "key_quit"),
    Key("e", "export", "key_export"),
)

# The keys a facilitator must always find (help, export, quit): first on the footer and in the
# help, so that no width of the screen cuts them off (a footer shows what fits from its start).
MUST_FIND = ("help", "export", "request_quit")
# Then the keys the session needs pressed at this moment, shown only then (let the prepared
# answers in, back to the ladder, a new round, narrow the deck before the vote): the ones a
# facilitator looks for, which the steady keys after them must not push off a narrow footer.
OF_THE_MOMENT = ("open_step", "back_to_ladder", "new_round", "narrow")


def _need(key: Key) -> int:
    if key.name in MUST_FIND:
        return MUST_FIND.index(key.name)
    if key.name in OF_THE_MOMENT:
        return len(MUST_FIND) + OF_THE_MOMENT.index(key.name)
    return len(MUST_FIND) + len(OF_THE_MOMENT)


# The key map ordered by need: the keys to always find, those of the moment, then the rest in
# the map's order (the sort is stable).
BY_NEED: tuple[Key, ...] = tuple(sorted(KEYMAP, key=_need))


# The keys a remote (the console in a second terminal, or the phone remote) may press on the
# projector's behalf: those that change the session for the room, not the projector's own
# cursor, dialogs or notes.
REMOTE_ACTIONS = frozenset(
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


# Where each key stands by need: the footer lists the keys in this order, whichever node (the
# focused view, or the app) they are bound on.
KEY_ORDER: dict[str, int] = {
    name: place for place, key in enumerate(BY_NEED) for name in key.keys.split(",")
}


def target_of(action: str) -> str | None:
    """Whose action `action` (a name without parameters) is: "app", "view", or None when the
    key map has no such key."""
    for key in KEYMAP:
        if key.name == action:
            return key.target
    return None


def bind_keys(node: DOMNode, keys: Iterable[Key], language: str) -> None:
    """Bind `keys` on `node` (the app, a step view, the console), each described in the
    session's language (footer and help)."""
    for key in keys:
        # What `App.bind` does, for any node: the descriptions are in the session's language,
        # known only when the session runs, so they cannot be a class's `BINDINGS`.
        node._bindings.bind(key.keys, key.action, t(language, key.label), key_display=key.display)
