"""The rules of preparing a step and of rounds, and that sessions stored before them replay as
they were."""

from __future__ import annotations

from typing import Any

import pytest

from workshop_tui.domain.commands import (
    Answer,
    GoTo,
    Join,
    LockLevels,
    NewRound,
    OpenStep,
    SetLocked,
    TimerControl,
    from_dict,
    to_dict,
)
from workshop_tui.domain.deck import CardDeck, Workshop, stored_workshop
from workshop_tui.domain.rules import apply
from workshop_tui.domain.state import SessionState
from workshop_tui.domain.verdict import Refused
from workshop_tui.session.rebuild import replay

Mini = tuple[Workshop, dict[str, CardDeck]]


def _header(workshop: Workshop, cards: dict[str, CardDeck], *, opens: bool) -> dict[str, Any]:
    """A session file's header; without `opens` as sessions stored before it was written."""
    data = workshop.model_dump(mode="json")
    if not opens:
        for step in data["steps"]:
            del step["opens"]
    return {
        "room": "ABCD",
        "workshop": data,
        "card_decks": {k: v.model_dump(mode="json") for k, v in cards.items()},
    }


def _on_key(workshop: Workshop) -> Workshop:
    steps = [
        s.model_copy(update={"opens": "on_key", "time_limit": 60}) if s.id == "level" else s
        for s in workshop.steps
    ]
    return workshop.model_copy(update={"steps": steps})


def test_the_new_commands_round_trip_and_old_rounds_read_as_they_were() -> None:
    for command in (OpenStep("level"), NewRound("level"), LockLevels("level", clean=False)):
        assert from_dict(to_dict(command)) == command
    assert from_dict({"type": "new_round", "step_id": "level"}) == NewRound("level", clean=False)
    assert from_dict({"type": "lock_levels", "step_id": "level"}) == LockLevels(
        "level", clean=False
    )


def test_a_levels_step_opens_on_key_unless_a_stored_header_predates_it(mini: Mini) -> None:
    workshop, cards = mini
    deck = _on_key(workshop)
    assert deck.step("level").opens == "on_key"
    assert stored_workshop(_header(deck, cards, opens=True)["workshop"]) == deck
    old = stored_workshop(_header(deck, cards, opens=False)["workshop"])
    assert old.step("level").opens == "on_arrival"


def test_a_prepared_step_takes_answers_only_once_opened(mini: Mini) -> None:
    workshop, cards = mini
    state = SessionState(_on_key(workshop), cards, "ABCD")
    apply(state, _join("p1"))
    apply(state, GoTo(_index(state, "level"), 0.0))
    level = state.steps["level"]
    assert level.status == "preparing"
    with pytest.raises(Refused) as caught:
        apply(state, Answer("p1", "level", {"rungs": {"greeting": 0}}, "k1", 1.0))
    assert caught.value.code == "preparing"
    with pytest.raises(Refused) as caught:
        apply(state, SetLocked("level", False))  # unlocking must not open it either
    assert caught.value.code == "not_open"
    apply(state, OpenStep("level"))
    with pytest.raises(Refused) as caught:
        apply(state, OpenStep("level"))
    assert caught.value.code == "not_preparing"
    apply(state, Answer("p1", "level", {"rungs": {"greeting": 0}}, "k1", 1.0))
    apply(state, TimerControl("level", "start", 2.0))
    apply(state, NewRound("level"))
    assert (level.status, level.round, level.timer.remaining, level.timer.running) == (
        "preparing",
        2,
        60,
        False,
    )


def test_a_session_stored_before_clean_rounds_replays_as_it_was(mini: Mini) -> None:
    workshop, cards = mini
    deck = _on_key(workshop)
    # A running timer kept running through a new round, and ran out: the old rule.
    commands = [
        to_dict(_join("p1")),
        to_dict(GoTo(_index_in(deck, "level"), 0.0)),
        to_dict(Answer("p1", "level", {"rungs": {"greeting": 0}}, "k1", 1.0)),
        to_dict(TimerControl("level", "start", 10.0)),
        {"type": "new_round", "step_id": "level"},
        to_dict(Answer("p1", "level", {"rungs": {"greeting": 1}}, "k2", 20.0)),
        to_dict(TimerControl("level", "expire", 70.0)),
        {"type": "lock_levels", "step_id": "level"},
    ]
    state = replay(_header(deck, cards, opens=False), commands)
    level = state.steps["level"]
    assert (level.round, level.status, level.levels) == (
        2,
        "locked",
        {"greeting": 1, "calls": None},
    )


def _join(pid: str) -> Join:
    return Join(pid, f"hash-{pid}", pid.upper(), 0.0)


def _index(state: SessionState, step_id: str) -> int:
    return _index_in(state.workshop, step_id)


def _index_in(workshop: Workshop, step_id: str) -> int:
    return [s.id for s in workshop.steps].index(step_id)
