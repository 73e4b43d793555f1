"""Property tests for the group maths: the ladder, the dot budget and fist-of-five."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workshop_tui.domain.answers import validate_answer
from workshop_tui.domain.state import SessionState
from workshop_tui.domain.tally import consensus, ladder
from workshop_tui.domain.verdict import Refused

picks = st.lists(st.integers(min_value=-1, max_value=4), max_size=40)


@given(picks)
def test_group_level_is_the_highest_rung_everyone_accepts(choices: list[int]) -> None:
    result = ladder(choices, 5)
    if not choices:
        assert result.level is None and result.responses == 0
        return
    if result.level is None:
        assert min(choices) == -1
    else:
        assert all(c >= result.level for c in choices)
        higher = result.level + 1
        assert higher == 5 or any(c < higher for c in choices)
        assert result.accepts[result.level] == len(choices)


@given(picks)
def test_aspiration_is_the_rung_most_people_chose(choices: list[int]) -> None:
    result = ladder(choices, 5)
    if result.aspiration is not None:
        top = max(result.counts)
        assert result.counts[result.aspiration] == top
        assert all(result.counts[i] < top for i in range(result.aspiration + 1, 5))
    assert sum(result.counts) + result.none == len(choices)


@given(picks)
def test_accept_counts_never_rise_up_the_ladder(choices: list[int]) -> None:
    accepts = ladder(choices, 5).accepts
    assert all(a >= b for a, b in pairwise(accepts))


@given(st.lists(st.integers(min_value=0, max_value=5), max_size=50))
def test_agreement_means_everyone_at_three_or_more(fists: list[int]) -> None:
    result = consensus(fists, 3)
    assert result.agreed == (bool(fists) and min(fists) >= 3)
    assert result.below == sum(1 for f in fists if f < 3)
    assert result.responses == len(fists)


# The fixture's state is only read here (options are set to the same list every time).
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.dictionaries(st.sampled_from(["0", "1", "2"]), st.integers(min_value=-2, max_value=5)))
def test_dots_are_accepted_exactly_when_within_the_budget(
    mini_state: SessionState, dots: dict[str, int]
) -> None:
    step = mini_state.workshop.step("dots")
    step_state = mini_state.steps["dots"]
    step_state.options = ["a", "b", "c"]
    fits = all(0 <= n <= 3 for n in dots.values()) and sum(dots.values()) <= 3
    try:
        stored = validate_answer(step, step_state, mini_state, {"dots": dots})
    except Refused:
        assert not fits
    else:
        assert fits
        assert sum(stored["dots"].values()) == sum(dots.values()) <= 3
