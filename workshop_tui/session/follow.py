"""A follower's own copy of the session: the state as written, moved on by what the hub writes.

The projector runs on a loop (and a thread) of its own, apart from the hub's, and must never
read a state the hub is in the middle of changing. So it keeps a copy of its own: made when it
starts following, and moved on by the same commands, in the same order, as each batch reaches
the disk — what a resume does from the file, done one batch at a time. A batch the disk refused
arrives as the whole state the hub went back to.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from workshop_tui.domain import rules
from workshop_tui.domain.commands import from_dict
from workshop_tui.domain.state import SessionState


@dataclass(frozen=True)
class Written:
    """What the hub has just written (and told its subscribers), for its followers.

    `commands` is the batch as stored; when the disk refused a batch, `commands` is None and
    `state` is a copy of the state the hub went back to. `version` is the hub's version once
    this is applied; `store_error` says why saving failed, while it does.
    """

    version: int
    commands: tuple[dict[str, Any], ...] | None
    state: SessionState | None = None
    store_error: str | None = None


def own_copy(state: SessionState) -> SessionState:
    """A copy of `state` that shares nothing the rules change: the workshop and card decks are
    frozen models, read by both and copied by neither."""
    shared: dict[int, Any] = {id(state.workshop): state.workshop}
    shared[id(state.card_decks)] = state.card_decks
    return copy.deepcopy(state, shared)


class Copy:
    """The session as a follower knows it: `state` and its `version`, moved on by `apply`.

    Only its owner's thread touches it, between two of its own drawings, so it is never seen
    half applied.
    """

    def __init__(self, state: SessionState, version: int) -> None:
        self.state = state
        self.version = version
        self.store_error: str | None = None

    def apply(self, written: Written) -> None:
        """Move on by one written batch (or go back with the hub after a refused one)."""
        if written.commands is None:
            assert written.state is not None
            self.state = written.state
        else:
            for data in written.commands:
                # The hub applied these, in this order, to the state this copy holds; the
                # rules are deterministic, so they apply the same here (as on a resume).
                rules.apply(self.state, from_dict(data))
        self.version = written.version
        self.store_error = written.store_error
