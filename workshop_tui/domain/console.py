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
            "optional": step.optional,
            "entered_at": list(state.steps[step.id].entered_at),
        }
        for step in state.workshop.steps
    ]


def planned_seconds(step: JSON, pause: bool = False) -> float:
    """A step's planned time in a console view's plan: the deck's planned minutes, else its
    answering time (a deck that plans no minutes still has a plan); `pause` adds the break
    planned after it."""
    minutes = step.get("minutes")
    seconds = float(minutes) * 60 if minutes else float(step.get("seconds") or 0)
    if pause:
        seconds += float(step.get("break_after") or 0) * 60
    return seconds


def began(view: JSON) -> float:
    """When the group came to its first step, from a console view: the day's clock starts
    there, not when the session was created (a session is often made the day before); the
    session's creation until a step is entered."""
    firsts = [step["entered_at"][0] for step in view.get("plan", []) if step.get("entered_at")]
    return float(min(firsts)) if firsts else float(view.get("started_at", 0.0))


def behind(view: JSON, now: float) -> float | None:
    """Seconds the session is behind its plan at `now` (negative: ahead), from a console view:
    the time since the group first came to any step against where the plan would have it by
    now, which is the planned start of the current step plus its time there, up to the step's
    planned time (staying longer is running late; leaving early is gaining time). None before
    any step was entered, or with no step current."""
    plan = view.get("plan", [])
    index = int(view.get("index", -1))
    if not 0 <= index < len(plan) or not plan[index].get("entered_at"):
        return None
    current = plan[index]
    planned_start = sum(planned_seconds(step, pause=True) for step in plan[:index])
    here = min(now - current["entered_at"][-1], planned_seconds(current))
    return float((now - began(view)) - (planned_start + max(0.0, here)))


def spare(view: JSON) -> list[JSON]:
    """The steps still ahead that the deck marks optional, each with its planned seconds: what
    can be shortened or skipped when the session runs late (nothing yet once entered)."""
    index = int(view.get("index", -1))
    return [
        {"title": step["title"], "seconds": planned_seconds(step)}
        for step in view.get("plan", [])[index + 1 :]
        if step.get("optional") and not step.get("entered_at")
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
    session was created, what the time plan is measured from until a step is entered;
    `remote_url` is the phone remote's secret link while it works (for the console only: the
    remote's own view has none)."""
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
