"""What the console is sent: the private things, and names only where the session names people."""

from __future__ import annotations

from workshop_tui.domain import rules
from workshop_tui.domain.commands import Answer, GoTo, Join
from workshop_tui.domain.console import console_view
from workshop_tui.domain.state import SessionState


def _session(state: SessionState) -> SessionState:
    for pid, name in (("p1", "Ada"), ("p2", "Bo")):
        rules.apply(state, Join(pid, f"hash-{pid}", name, 0.0))
    rules.apply(state, GoTo(1, 10.0))
    rules.apply(
        state, Answer("p1", "ideas", {"answers": [{"text": "We greet", "column": 0}]}, "k", 11.0)
    )
    return state


def test_the_console_gets_notes_the_next_step_the_plan_and_counts(mini_state: SessionState) -> None:
    view = console_view(_session(mini_state), now=20.0, started_at=5.0)
    assert view["step"] == {"id": "ideas", "title": "Good service", "kind": "prompt"}
    assert view["next"]["id"] == "scenario"
    assert view["notes"] == "Let people write for three minutes."
    assert view["plan"][1]["seconds"] == 180 and view["plan"][0]["seconds"] is None
    assert (view["answered"], view["participants"]) == (1, 2)
    assert view["timer"] == {"remaining": 180.0, "running": False}
    # The session did not tell its phones they would be named: counts only.
    assert "answered_names" not in view and "waiting_names" not in view


def test_names_only_when_the_session_names_people(mini_state: SessionState) -> None:
    info = mini_state.workshop.workshop.model_copy(update={"names": True})
    workshop = mini_state.workshop.model_copy(update={"workshop": info})
    state = _session(SessionState(workshop=workshop, card_decks=mini_state.card_decks, room="ABCD"))
    view = console_view(state, now=20.0, started_at=5.0)
    assert (view["answered_names"], view["waiting_names"]) == (["Ada"], ["Bo"])
