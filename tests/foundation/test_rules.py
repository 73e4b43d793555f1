"""The session rules, applied to the pure state with no I/O."""

from __future__ import annotations

import pytest

from workshop_tui.domain.commands import (
    Answer,
    ChooseCampaign,
    GoTo,
    Join,
    LockLevels,
    Moderate,
    NewRound,
    SetJoining,
    SetLadder,
    SetLocked,
    TimerControl,
    from_dict,
    to_dict,
)
from workshop_tui.domain.rules import apply
from workshop_tui.domain.state import CampaignPlan, SessionState, snapshot
from workshop_tui.domain.tally import item_id, ladders, wall
from workshop_tui.domain.verdict import Refused


def join(state: SessionState, pid: str, name: str = "Anna") -> None:
    apply(state, Join(pid, f"hash-{pid}", name, 1.0))


def goto(state: SessionState, step_id: str) -> None:
    index = [s.id for s in state.workshop.steps].index(step_id)
    apply(state, GoTo(index, 2.0))


def answer(state: SessionState, pid: str, step: str, payload: object, key: str = "") -> None:
    apply(state, Answer(pid, step, payload, key or f"{pid}-{step}-{payload!r}", 3.0))  # type: ignore[arg-type]


def refused(state: SessionState, command: object) -> Refused:
    before = snapshot(state)
    with pytest.raises(Refused) as caught:
        apply(state, command)  # type: ignore[arg-type]
    assert snapshot(state) == before, "a refused command must leave the state unchanged"
    return caught.value


def test_answer_to_a_step_that_is_not_current_is_refused(mini_state: SessionState) -> None:
    join(mini_state, "p1")
    goto(mini_state, "scenario")
    error = refused(mini_state, Answer("p1", "ideas", {"answers": []}, "k", 3.0))
    assert error.code == "not_current"


def test_locked_step_refuses_answers_until_unlocked(mini_state: SessionState) -> None:
    join(mini_state, "p1")
    goto(mini_state, "scenario")
    apply(mini_state, SetLocked("scenario", True))
    assert refused(mini_state, Answer("p1", "scenario", {"options": [0]}, "k", 3)).code == "locked"
    apply(mini_state, SetLocked("scenario", False))
    answer(mini_state, "p1", "scenario", {"options": [0]})
    assert mini_state.steps["scenario"].current_answers["p1"] == {"options": [0]}


def test_over_long_answer_is_refused_with_the_limit_in_the_message(
    mini_state: SessionState,
) -> None:
    join(mini_state, "p1")
    goto(mini_state, "ideas")
    error = refused(mini_state, Answer("p1", "ideas", {"answers": [{"text": "x" * 81}]}, "k", 3))
    assert error.code == "too_long"
    assert "81" in error.message and "80" in error.message


def test_too_many_answers_are_refused(mini_state: SessionState) -> None:
    join(mini_state, "p1")
    goto(mini_state, "ideas")
    items = [{"text": f"idea {i}"} for i in range(4)]
    assert refused(mini_state, Answer("p1", "ideas", {"answers": items}, "k", 3)).code == "too_many"


def test_terminal_escape_codes_in_an_answer_are_refused(mini_state: SessionState) -> None:
    join(mini_state, "p1")
    goto(mini_state, "ideas")
    payload = {"answers": [{"text": "\x1b[2Jgone"}]}
    assert refused(mini_state, Answer("p1", "ideas", payload, "k", 3)).code == "control_characters"


def test_markup_and_html_are_stored_exactly_as_given(mini_state: SessionState) -> None:
    join(mini_state, "p1")
    goto(mini_state, "ideas")
    text = "[bold red]<script>alert(1)</script>"
    answer(mini_state, "p1", "ideas", {"answers": [{"text": text}]})
    assert wall(mini_state.steps["ideas"])[0].text == text


def test_a_retried_answer_with_the_same_key_changes_nothing(mini_state: SessionState) -> None:
    join(mini_state, "p1")
    goto(mini_state, "ideas")
    apply(mini_state, Answer("p1", "ideas", {"answers": [{"text": "first"}]}, "k1", 3))
    apply(mini_state, Answer("p1", "ideas", {"answers": [{"text": "edited"}]}, "k2", 4))
    retry = apply(mini_state, Answer("p1", "ideas", {"answers": [{"text": "first"}]}, "k1", 5))
    assert retry.duplicate
    assert wall(mini_state.steps["ideas"])[0].text == "edited"


def test_single_choice_takes_one_option_and_multiple_none_twice(mini_state: SessionState) -> None:
    join(mini_state, "p1")
    goto(mini_state, "scenario")
    assert refused(mini_state, Answer("p1", "scenario", {"options": [0, 1]}, "k", 3)).code == (
        "too_many"
    )
    assert refused(mini_state, Answer("p1", "scenario", {"options": [7]}, "k", 3)).code == (
        "out_of_range"
    )


def test_scale_needs_one_rating_per_item_within_the_range(mini_state: SessionState) -> None:
    join(mini_state, "p1")
    goto(mini_state, "areas")
    assert refused(mini_state, Answer("p1", "areas", {"ratings": [3]}, "k", 3)).code == "bad_shape"
    assert refused(mini_state, Answer("p1", "areas", {"ratings": [3, 9, None]}, "k", 3)).code == (
        "out_of_range"
    )
    answer(mini_state, "p1", "areas", {"ratings": [3, None, 5]})


def test_vote_options_come_from_the_visible_earlier_answers_without_duplicates(
    mini_state: SessionState,
) -> None:
    join(mini_state, "p1")
    join(mini_state, "p2", "Bo")
    goto(mini_state, "ideas")
    answer(mini_state, "p1", "ideas", {"answers": [{"text": "Smile"}, {"text": "Rude word"}]})
    answer(mini_state, "p2", "ideas", {"answers": [{"text": "smile "}, {"text": "Listen"}]})
    apply(mini_state, Moderate("ideas", item_id("p1", "Rude word"), hidden=True))
    goto(mini_state, "dots")
    assert sorted(mini_state.steps["dots"].options) == ["Listen", "Smile"]


def test_dots_stack_but_never_exceed_the_budget(mini_state: SessionState) -> None:
    join(mini_state, "p1")
    goto(mini_state, "ideas")
    answer(mini_state, "p1", "ideas", {"answers": [{"text": "A"}, {"text": "B"}]})
    goto(mini_state, "dots")
    answer(mini_state, "p1", "dots", {"dots": {"0": 3}})
    error = refused(mini_state, Answer("p1", "dots", {"dots": {"0": 2, "1": 2}}, "k", 3))
    assert error.code == "over_budget" and error.detail == {"placed": 4, "budget": 3}


def test_levels_rounds_are_kept_and_locking_fixes_the_group_level(
    mini_state: SessionState,
) -> None:
    for pid in ("p1", "p2", "p3"):
        join(mini_state, pid)
    goto(mini_state, "level")
    answer(mini_state, "p1", "level", {"rungs": {"greeting": 2, "calls": 1}})
    answer(mini_state, "p2", "level", {"rungs": {"greeting": 0, "calls": 1}})
    apply(mini_state, NewRound("level"))
    answer(mini_state, "p1", "level", {"rungs": {"greeting": 2, "calls": 1}}, key="r2a")
    answer(mini_state, "p2", "level", {"rungs": {"greeting": 1, "calls": 1}}, key="r2b")
    answer(mini_state, "p3", "level", {"rungs": {"greeting": 1, "calls": 0}}, key="r2c")
    apply(mini_state, LockLevels("level"))
    level_state = mini_state.steps["level"]
    assert ladders(level_state, 1)["greeting"].level == 0
    assert level_state.levels == {"greeting": 1, "calls": 0}
    assert level_state.levels_round == 2
    assert level_state.status == "locked"


def test_ladder_can_be_rearranged_only_before_anyone_answers(mini_state: SessionState) -> None:
    join(mini_state, "p1")
    goto(mini_state, "level")
    apply(mini_state, SetLadder("level", "calls", ("Calls returned the same day",)))
    assert mini_state.steps["level"].ladders["calls"] == ["Calls returned the same day"]
    answer(mini_state, "p1", "level", {"rungs": {"calls": 0}})
    assert refused(mini_state, SetLadder("level", "calls", ("a", "b"))).code == "answers_exist"


def test_timer_counts_down_and_locks_the_step_at_zero(mini_state: SessionState) -> None:
    goto(mini_state, "ideas")
    timer = mini_state.steps["ideas"].timer
    assert timer.remaining_at(100.0) == 180
    apply(mini_state, TimerControl("ideas", "start", 100.0))
    assert timer.remaining_at(130.0) == 150
    apply(mini_state, TimerControl("ideas", "add", 130.0, seconds=60))
    assert timer.remaining_at(130.0) == 210
    assert refused(mini_state, TimerControl("ideas", "expire", 200.0)).code == "not_expired"
    apply(mini_state, TimerControl("ideas", "expire", 400.0))
    assert mini_state.steps["ideas"].status == "locked"


def test_a_lock_stops_the_timer_with_the_time_left_when_it_was_locked(
    mini_state: SessionState,
) -> None:
    join(mini_state, "p1")
    goto(mini_state, "ideas")
    apply(mini_state, TimerControl("ideas", "start", 100.0))
    apply(mini_state, SetLocked("ideas", True, at=130.0))
    timer = mini_state.steps["ideas"].timer
    assert not timer.running and timer.remaining_at(500.0) == 150
    goto(mini_state, "level")
    apply(mini_state, TimerControl("level", "add", 100.0, seconds=600))
    apply(mini_state, TimerControl("level", "start", 100.0))
    answer(mini_state, "p1", "level", {"rungs": {"greeting": 1, "calls": 0}})
    apply(mini_state, LockLevels("level", at=160.0))
    timer = mini_state.steps["level"].timer
    assert not timer.running and timer.remaining_at(900.0) == 540


def test_a_lock_stored_without_its_time_replays_as_it_ran(mini_state: SessionState) -> None:
    join(mini_state, "p1")
    goto(mini_state, "level")
    apply(mini_state, TimerControl("level", "add", 100.0, seconds=600))
    apply(mini_state, TimerControl("level", "start", 100.0))
    answer(mini_state, "p1", "level", {"rungs": {"greeting": 1, "calls": 0}})
    stored = to_dict(LockLevels("level"))
    del stored["at"]
    apply(mini_state, from_dict(stored))
    assert mini_state.steps["level"].timer.running


def test_closed_room_refuses_new_phones(mini_state: SessionState) -> None:
    apply(mini_state, SetJoining(False))
    assert refused(mini_state, Join("p9", "h", "Eve", 1.0)).code == "joining_closed"


def test_full_room_refuses_the_next_phone(mini_state: SessionState) -> None:
    mini_state.settings.max_participants = 2
    join(mini_state, "p1")
    join(mini_state, "p2")
    assert refused(mini_state, Join("p3", "h3", "Cy", 1.0)).code == "session_full"


def test_campaign_plan_takes_the_card_and_checks_the_dates(mini_state: SessionState) -> None:
    goto(mini_state, "campaign")
    bad = CampaignPlan("greeting", "", "p", "g", "2026-03-01", "2026-02-01", "Ann", "x")
    assert refused(mini_state, ChooseCampaign("campaign", bad)).code == "bad_date"
    good = ChooseCampaign(
        "campaign",
        CampaignPlan(
            "greeting", "typed", "Seen", "9/10", "2026-03-02", "2026-03-22", "Ann", "2026-03-29"
        ),
    )
    apply(mini_state, good)
    plan = mini_state.steps["campaign"].plan
    assert plan is not None and plan.title == "Greeting contest"


def test_campaign_votes_are_limited_by_the_card_deck(mini_state: SessionState) -> None:
    join(mini_state, "p1")
    goto(mini_state, "campaign")
    answer(mini_state, "p1", "campaign", {"votes": {"greeting": 2, "thanks": 1}})
    assert refused(mini_state, Answer("p1", "campaign", {"votes": {"nope": 1}}, "k", 3)).code == (
        "unknown_option"
    )
    error = refused(mini_state, Answer("p1", "campaign", {"votes": {"greeting": 4}}, "k", 3))
    assert error.code == "out_of_range"


def test_followup_records_whether_the_goal_was_reached(mini_state: SessionState) -> None:
    join(mini_state, "p1")
    goto(mini_state, "followup")
    answer(mini_state, "p1", "followup", {"reached": "partly", "changed": "Fewer complaints"})
    assert refused(mini_state, Answer("p1", "followup", {"reached": "maybe"}, "k", 3)).code == (
        "bad_shape"
    )


def test_steps_without_answers_refuse_them(mini_state: SessionState) -> None:
    join(mini_state, "p1")
    goto(mini_state, "lobby")
    assert refused(mini_state, Answer("p1", "lobby", {}, "k", 3)).code == "no_answers"


def test_a_new_round_keeps_the_ladder_the_earlier_round_was_answered_on(
    mini_state: SessionState,
) -> None:
    join(mini_state, "p1")
    goto(mini_state, "level")
    answer(mini_state, "p1", "level", {"rungs": {"greeting": 2, "calls": 1}})
    apply(mini_state, NewRound("level"))
    apply(mini_state, SetLadder("level", "calls", ("Calls returned within the hour",)))
    level_state = mini_state.steps["level"]
    assert level_state.ladder_history[1]["calls"] == [
        "Calls returned within two days",
        "Calls returned the same day",
    ]
    assert level_state.ladders["calls"] == ["Calls returned within the hour"]
    assert level_state.answers[1]["p1"] == {"rungs": {"greeting": 2, "calls": 1}}


def test_locking_a_new_level_starts_a_new_consensus_round_and_keeps_the_last(
    mini_state: SessionState,
) -> None:
    for pid in ("p1", "p2"):
        join(mini_state, pid)
    goto(mini_state, "level")
    answer(mini_state, "p1", "level", {"rungs": {"greeting": 2, "calls": 1}})
    answer(mini_state, "p2", "level", {"rungs": {"greeting": 1, "calls": 1}})
    apply(mini_state, LockLevels("level"))
    goto(mini_state, "fist")
    answer(mini_state, "p1", "fist", {"fist": 1})
    answer(mini_state, "p2", "fist", {"fist": 4})
    # Back to the ladder: another round, and a new lock.
    goto(mini_state, "level")
    apply(mini_state, NewRound("level"))
    answer(mini_state, "p1", "level", {"rungs": {"greeting": 0, "calls": 1}}, key="again")
    apply(mini_state, LockLevels("level"))
    fist = mini_state.steps["fist"]
    assert fist.round == 2
    assert fist.answers[1] == {"p1": {"fist": 1}, "p2": {"fist": 4}}
    assert fist.current_answers == {}


def test_locking_the_first_level_leaves_an_unanswered_consensus_alone(
    mini_state: SessionState,
) -> None:
    join(mini_state, "p1")
    goto(mini_state, "level")
    answer(mini_state, "p1", "level", {"rungs": {"greeting": 2, "calls": 1}})
    apply(mini_state, LockLevels("level"))
    assert mini_state.steps["fist"].round == 1
