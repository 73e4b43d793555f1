"""A saved session, read for export without locking or touching its files."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from workshop_tui.domain.deck import LevelsStep
from workshop_tui.domain.state import SessionState
from workshop_tui.session.rebuild import Headers, read_state

# ladders[step id][round][area id] = the rungs that round was answered on.
RoundLadders = dict[str, dict[int, dict[str, list[str]]]]


@dataclass(frozen=True)
class LoadedSession:
    """A session as its files hold it now, with the ladders every levels round was voted on."""

    path: Path
    meta: dict[str, Any]
    state: SessionState
    round_ladders: RoundLadders


def load_session(path: Path, headers: Headers | None = None) -> LoadedSession:
    """Read and replay a session file; works while another process has it open. A reader of
    many sessions passes one `Headers` to them all, so each distinct workshop is validated once."""
    meta, state = read_state(path, headers)
    return session_from_state(path, meta, state)


def session_from_state(path: Path, meta: dict[str, Any], state: SessionState) -> LoadedSession:
    """A session as exports read it, from a state already in memory (the running session's,
    for the phones' card); the ladders are copied, so the live state may change afterwards."""
    history: RoundLadders = {}
    for step in state.workshop.steps:
        if isinstance(step, LevelsStep):
            step_state = state.steps[step.id]
            rounds = {r: _copy(ladders) for r, ladders in step_state.ladder_history.items()}
            rounds[step_state.round] = _copy(step_state.ladders)
            history[step.id] = rounds
    return LoadedSession(path, meta, state, history)


def _copy(ladders: dict[str, list[str]]) -> dict[str, list[str]]:
    return {area: list(rungs) for area, rungs in ladders.items()}
