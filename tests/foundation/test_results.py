"""The result phones get once a step is revealed: the projector's tallies, and nobody's answer."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from workshop_tui import decks
from workshop_tui.domain import rules, tally
from workshop_tui.domain.commands import (
    Answer,
    GoTo,
    LockLevels,
    Moderate,
    NewRound,
    SetRevealed,
)
from workshop_tui.domain.results import WALL_LIMIT, shown, step_results
from workshop_tui.domain.state import SessionState

DATA = Path(__file__).parent.parent / "data"


def go(state: SessionState, step_id: str) -> None:
    index = [s.id for s in state.workshop.steps].index(step_id)
    rules.apply(state, GoTo(index, 0.0))


def answer(state: SessionState, pid: str, step_id: str, payload: dict[str, Any]) -> None:
    if pid not in state.participants:
        state.participants[pid] = _participant(pid)
    at = float(len(state.steps[step_id].answered_at) + 1)
    rules.apply(state, Answer(pid, step_id, payload, f"{pid}-{at}", at))


def _participant(pid: str) -> Any:
    from workshop_tui.domain.state import Participant

    return Participant(pid, f"name-{pid}", f"hash-{pid}", 0.0)


def reveal(state: SessionState, step_id: str) -> None:
    rules.apply(state, SetRevealed(step_id, True))


def test_nothing_before_the_reveal_then_the_choice_counts(mini_state: SessionState) -> None:
    go(mini_state, "scenario")
    answer(mini_state, "p1", "scenario", {"options": [0]})
    answer(mini_state, "p2", "scenario", {"options": [2]})
    answer(mini_state, "p3", "scenario", {"options": [2]})
    assert not shown(mini_state)
    assert step_results(mini_state) is None
    reveal(mini_state, "scenario")
    result = step_results(mini_state)
    # By option index: each phone names the options in its own language.
    assert result == {"kind": "choice", "responses": 3, "counts": [1, 0, 2], "shares": [33, 0, 67]}


def test_scale_means_and_spread_are_the_projectors(mini_state: SessionState) -> None:
    go(mini_state, "areas")
    answer(mini_state, "p1", "areas", {"ratings": [2, 5, None]})
    answer(mini_state, "p2", "areas", {"ratings": [4, 5, None]})
    reveal(mini_state, "areas")
    result = step_results(mini_state)
    assert result is not None
    assert result["responses"] == 2
    first, second, third = result["items"]
    expected = tally.scale_items(mini_state.steps["areas"].current_answers.values(), 3, 1, 5)[0]
    assert first["mean"] == expected.mean == 3.0
    assert first["spread"] == expected.spread == 1.0
    assert (first["lowest"], first["highest"], first["responses"]) == (2, 4, 2)
    assert first["counts"] == [0, 1, 0, 1, 0]
    assert second["mean"] == 5.0 and second["spread"] == 0.0
    assert third == {**third, "responses": 0, "mean": None, "spread": None}


def test_vote_ranks_the_options_by_dots(mini_state: SessionState) -> None:
    go(mini_state, "ideas")
    answer(mini_state, "p1", "ideas", {"answers": [{"text": "Smile", "column": 0}]})
    answer(mini_state, "p2", "ideas", {"answers": [{"text": "Listen", "column": 0}]})
    go(mini_state, "dots")
    answer(mini_state, "p1", "dots", {"dots": {"1": 3}})
    answer(mini_state, "p2", "dots", {"dots": {"0": 1, "1": 1}})
    reveal(mini_state, "dots")
    result = step_results(mini_state)
    assert result is not None
    assert result["options"] == [
        {"place": 1, "option": 1, "dots": 4},
        {"place": 2, "option": 0, "dots": 1},
    ]


def test_levels_give_each_rungs_accepts_the_level_and_the_aspiration(
    mini_state: SessionState,
) -> None:
    go(mini_state, "level")
    answer(mini_state, "p1", "level", {"rungs": {"greeting": 2, "calls": 0}})
    answer(mini_state, "p2", "level", {"rungs": {"greeting": 1, "calls": 0}})
    answer(mini_state, "p3", "level", {"rungs": {"greeting": 2, "calls": -1}})
    reveal(mini_state, "level")
    result = step_results(mini_state)
    assert result is not None
    assert result["responses"] == 3
    greeting, calls = result["areas"]
    assert greeting["id"] == "greeting" and greeting["accepts"] == [3, 3, 2]
    assert (greeting["level"], greeting["aspiration"], greeting["locked"]) == (1, 2, None)
    assert (calls["level"], calls["none"], calls["responses"]) == (None, 1, 3)
    rules.apply(mini_state, LockLevels("level"))
    locked = step_results(mini_state)
    assert locked is not None and locked["areas"][0]["locked"] == 1


def test_consensus_counts_fingers_and_never_says_who(mini_state: SessionState) -> None:
    go(mini_state, "fist")
    answer(mini_state, "p1", "fist", {"fist": 5})
    answer(mini_state, "p2", "fist", {"fist": 2, "reason": "A clearer rung"})
    reveal(mini_state, "fist")
    result = step_results(mini_state)
    assert result is not None
    assert result["counts"][0] == {"fingers": 5, "count": 1}
    assert result["counts"][3] == {"fingers": 2, "count": 1}
    assert (result["responses"], result["below"], result["agreed"]) == (2, 1, False)
    assert result["reasons"] == ["A clearer rung"]
    rules.apply(mini_state, NewRound("fist"))
    reveal(mini_state, "fist")
    again = step_results(mini_state)
    assert again is not None
    assert again["earlier"] == [{"round": 1, "responses": 2, "below": 1}]
    assert "p1" not in json.dumps(result) and "p2" not in json.dumps(result)


def test_campaign_shortlist_ranks_the_cards(mini_state: SessionState) -> None:
    go(mini_state, "campaign")
    cards = mini_state.card_decks["mini-cards"].cards
    answer(mini_state, "p1", "campaign", {"votes": {cards[-1].id: 2}})
    reveal(mini_state, "campaign")
    result = step_results(mini_state)
    assert result is not None
    first = result["shortlist"][0]
    assert first == {"place": 1, "card_id": cards[-1].id, "votes": 2}
    assert len(result["shortlist"]) == len(cards)


def test_the_wall_shows_only_what_the_projector_shows(mini_state: SessionState) -> None:
    mini_state.settings.word_filter = True
    go(mini_state, "ideas")
    answer(mini_state, "p1", "ideas", {"answers": [{"text": "Smile", "column": 0}]})
    answer(mini_state, "p2", "ideas", {"answers": [{"text": "smile ", "column": 0}]})
    answer(mini_state, "p3", "ideas", {"answers": [{"text": "Secret gossip", "column": 1}]})
    answer(mini_state, "p4", "ideas", {"answers": [{"text": "Move me", "column": 0}]})
    answer(mini_state, "p5", "ideas", {"answers": [{"text": "What the fuck", "column": 0}]})
    step_state = mini_state.steps["ideas"]
    rules.apply(mini_state, Moderate("ideas", tally.item_id("p3", "Secret gossip"), hidden=True))
    rules.apply(mini_state, Moderate("ideas", tally.item_id("p4", "Move me"), column=1))
    # The prompt reveals live: the wall is up from the start, as on the projector.
    assert step_state.revealed
    result = step_results(mini_state)
    assert result is not None
    # Newest first; the two smiles merged; the hidden and the held one left out.
    assert result["items"] == [
        {"text": "Move me", "column": 1, "count": 1, "highlighted": False},
        {"text": "smile", "column": 0, "count": 2, "highlighted": False},
    ]
    text = json.dumps(result)
    assert "gossip" not in text and "fuck" not in text
    assert all(f"p{n}" not in text for n in range(1, 6))


def test_a_long_wall_sends_the_newest_and_counts_the_rest(mini_state: SessionState) -> None:
    go(mini_state, "ideas")
    for n in range(WALL_LIMIT + 5):
        answer(mini_state, f"p{n}", "ideas", {"answers": [{"text": f"idea {n}", "column": 0}]})
    wall = tally.Wall()
    result = step_results(mini_state, wall)
    assert result is not None
    assert (result["total"], result["more"], len(result["items"])) == (
        WALL_LIMIT + 5,
        5,
        WALL_LIMIT,
    )
    assert result["items"][0]["text"] == f"idea {WALL_LIMIT + 4}"
    # The kept wall catches up with a new answer like a fresh one.
    answer(mini_state, "late", "ideas", {"answers": [{"text": "late idea", "column": 0}]})
    assert step_results(mini_state, wall) == step_results(mini_state)


def test_followup_counts_and_what_changed(mini_state: SessionState) -> None:
    go(mini_state, "followup")
    answer(mini_state, "p1", "followup", {"reached": "yes", "changed": "Faster replies"})
    answer(mini_state, "p2", "followup", {"reached": "no", "changed": ""})
    reveal(mini_state, "followup")
    result = step_results(mini_state)
    assert result is not None
    assert [r["count"] for r in result["reached"]] == [1, 0, 1]
    assert result["changed"] == ["Faster replies"]


def test_the_lobby_and_the_summary_have_no_result(mini_state: SessionState) -> None:
    go(mini_state, "lobby")
    assert step_results(mini_state) is None
    go(mini_state, "end")
    assert step_results(mini_state) is None


def test_a_deck_can_turn_phone_results_off_for_a_step(tmp_path: Path) -> None:
    text = (DATA / "mini.toml").read_text(encoding="utf-8")
    old = 'options = ["Finish the call", "Nod and smile", "Ask the caller to hold"]\n'
    path = tmp_path / "mini.toml"
    path.write_text(text.replace(old, old + "phone_results = false\n"), encoding="utf-8")
    (tmp_path / "mini-cards.toml").write_text((DATA / "mini-cards.toml").read_text())
    workshop, cards = decks.load_workshop(path)
    state = SessionState(workshop=workshop, card_decks=cards, room="ABCD")
    go(state, "scenario")
    answer(state, "p1", "scenario", {"options": [0]})
    reveal(state, "scenario")
    assert state.steps["scenario"].revealed
    assert step_results(state) is None


@pytest.mark.parametrize("value", ['"no"', "0"])
def test_phone_results_must_be_true_or_false(tmp_path: Path, value: str) -> None:
    text = (DATA / "mini.toml").read_text(encoding="utf-8")
    old = 'options = ["Finish the call", "Nod and smile", "Ask the caller to hold"]\n'
    path = tmp_path / "mini.toml"
    path.write_text(text.replace(old, old + f"phone_results = {value}\n"), encoding="utf-8")
    (tmp_path / "mini-cards.toml").write_text((DATA / "mini-cards.toml").read_text())
    (message,) = [str(p) for p in decks.check([path])]
    line = path.read_text(encoding="utf-8").splitlines().index(f"phone_results = {value}") + 1
    assert message.startswith(f"{path}:{line}: ")
    assert "steps[2].phone_results" in message and "boolean" in message
