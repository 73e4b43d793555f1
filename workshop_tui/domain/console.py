"""What the facilitator's console shows of a session: plain JSON-ready data, no words.

The console in a second terminal is the facilitator's private screen, so this is the one place
that decides what leaves the projector for it: the current step's notes, the time plan, the next
step, the answers the word filter holds (their text, which the projector never shows) and who
has answered. The projector builds it from the hub's state on each change and sends it down the
console's socket (`workshop_tui/tui/console_link.py`); the console translates and draws it.
"""

from __future__ import annotations

from typing import Any

from workshop_tui.domain import tally
from workshop_tui.domain.deck import LobbyStep, PromptStep, Step, SummaryStep
from workshop_tui.domain.state import SessionState

JSON = dict[str, Any]


def _step_brief(step: Step | None) -> JSON | None:
    if step is None:
        return None
    return {"id": step.id, "title": step.title, "kind": step.kind}


def _plan(state: SessionState) -> list[JSON]:
    """Every step with its time in agenda order: the minutes the deck plans for it and for a
    break after it, and its answering time (`time_limit`), each None when the deck gives none."""
    return [
        {
            "title": step.title,
            "kind": step.kind,
            "minutes": step.minutes,
            "break_after": step.break_after,
            "seconds": step.time_limit,
            "status": state.steps[step.id].status,
        }
        for step in state.workshop.steps
    ]


def _held(state: SessionState) -> list[JSON]:
    """Every answer the word filter holds, on every open-answer step, newest first per step:
    votes and ladders take their options from earlier prompts, so an old one matters too."""
    held = []
    for step in state.workshop.steps:
        if not isinstance(step, PromptStep):
            continue
        step_state = state.steps[step.id]
        if not any(mod.held for mod in step_state.moderation.values()):
            continue
        for item in tally.wall(step_state):
            if item.held:
                held.append(
                    {
                        "step_id": step.id,
                        "step_title": step.title,
                        "item_id": item.id,
                        "text": item.text,
                        "count": item.count,
                    }
                )
    return held


def console_view(
    state: SessionState, now: float, started_at: float, remote_url: str | None = None
) -> JSON:
    """The console's view of the session at `now` (the hub's clock); `started_at` is when the
    session was created, what the time plan is measured from; `remote_url` is the phone
    remote's secret link while it works (for the console only: the remote's own view has none)."""
    step = state.current_step
    steps = state.workshop.steps
    next_step = steps[state.current + 1] if 0 <= state.current + 1 < len(steps) else None
    info = state.workshop.workshop
    view: JSON = {
        "language": info.language,
        "title": info.title,
        "room": state.room,
        "now": now,
        "started_at": started_at,
        "minutes": info.minutes,
        "index": state.current,
        "steps": len(steps),
        "step": _step_brief(step),
        "next": _step_brief(next_step),
        "notes": step.notes if step is not None else "",
        "plan": _plan(state),
        "held": _held(state),
        "participants": len(state.participants),
        "joining_open": state.joining_open,
        "remote_url": remote_url,
    }
    if step is None:
        return view
    step_state = state.steps[step.id]
    answered = step_state.current_answers
    view |= {
        "status": step_state.status,
        "revealed": step_state.revealed,
        "round": step_state.round,
        "timer": {
            "remaining": step_state.timer.remaining_at(now),
            "running": step_state.timer.running,
        },
    }
    if isinstance(step, LobbyStep | SummaryStep):
        # Nobody answers these: "0 of 4 answered" would say the room is behind on something
        # it cannot do (the console and the phone remote draw no count without one).
        return view
    view["answered"] = len(answered)
    # Names only when the session told its phones they would be named (the lobby says which).
    if info.names:
        people = sorted(state.participants.values(), key=lambda p: p.name.casefold())
        view["answered_names"] = [p.name for p in people if p.id in answered]
        view["waiting_names"] = [p.name for p in people if p.id not in answered]
    return view
