"""A saved session, read for export without locking or touching its files."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from workshop_tui.domain import rules
from workshop_tui.domain.commands import NewRound, from_dict
from workshop_tui.domain.deck import LevelsStep
from workshop_tui.domain.outcome import Refused
from workshop_tui.domain.state import SessionState
from workshop_tui.hub import state_from_meta
from workshop_tui.store import StoreError, read_session

# ladders[step id][round][area id] = the rungs that round was answered on.
RoundLadders = dict[str, dict[int, dict[str, list[str]]]]


@dataclass(frozen=True)
class LoadedSession:
    """A session as its files hold it now, with the ladders every levels round was voted on."""

    path: Path
    meta: dict[str, Any]
    state: SessionState
    round_ladders: RoundLadders


def load_session(path: Path) -> LoadedSession:
    """Read and replay a session file; works while another process has it open."""
    meta, commands = read_session(path)
    try:
        state = state_from_meta(meta)
    except (KeyError, TypeError, ValueError) as exc:
        raise StoreError(f"{path} has a header this version cannot read: {exc}") from None
    levels_ids = {s.id for s in state.workshop.steps if isinstance(s, LevelsStep)}
    history: RoundLadders = {step_id: {} for step_id in levels_ids}
    # Rungs can be rearranged between rounds, so an earlier round's rung numbers only make
    # sense against the ladders as they were when that round ended.
    for number, data in enumerate(commands, start=1):
        try:
            command = from_dict(data)
            if isinstance(command, NewRound) and command.step_id in levels_ids:
                step_state = state.steps[command.step_id]
                history[command.step_id][step_state.round] = _copy(step_state.ladders)
            rules.apply(state, command)
        except (Refused, ValueError) as exc:
            raise StoreError(
                f"{path}: stored command {number} ({data.get('type')}) no longer applies: {exc}"
            ) from None
    for step_id in levels_ids:
        step_state = state.steps[step_id]
        history[step_id][step_state.round] = _copy(step_state.ladders)
    return LoadedSession(path, meta, state, history)


def _copy(ladders: dict[str, list[str]]) -> dict[str, list[str]]:
    return {area: list(rungs) for area, rungs in ladders.items()}
