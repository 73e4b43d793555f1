"""A merged answer ("×2" on the wall) is moderated in one command, all of it or none."""

from __future__ import annotations

import pytest

from tests.foundation.test_rules import answer, goto, join
from workshop_tui.domain.commands import ModerateItems, from_dict, to_dict
from workshop_tui.domain.rules import apply
from workshop_tui.domain.state import SessionState, snapshot
from workshop_tui.domain.tally import item_id, wall
from workshop_tui.domain.verdict import Refused


def merged(state: SessionState) -> tuple[str, ...]:
    join(state, "p1")
    join(state, "p2", "Bo")
    goto(state, "ideas")
    answer(state, "p1", "ideas", {"answers": [{"text": "Smile"}]})
    answer(state, "p2", "ideas", {"answers": [{"text": "smile "}]})
    (item,) = wall(state.steps["ideas"])
    assert len(item.members) == 2
    return item.members


def test_one_command_hides_every_copy_of_a_merged_answer(mini_state: SessionState) -> None:
    members = merged(mini_state)
    apply(mini_state, ModerateItems("ideas", members, hidden=True))
    (item,) = wall(mini_state.steps["ideas"])
    assert item.hidden
    assert all(mini_state.steps["ideas"].moderation[m].hidden for m in members)


def test_a_refused_column_changes_no_copy(mini_state: SessionState) -> None:
    members = merged(mini_state)
    before = snapshot(mini_state)
    with pytest.raises(Refused):
        apply(mini_state, ModerateItems("ideas", members, hidden=True, column=9))
    assert snapshot(mini_state) == before


def test_it_is_stored_and_read_back_as_it_was() -> None:
    command = ModerateItems("ideas", (item_id("p1", "a"), item_id("p2", "a")), held=False)
    assert from_dict(to_dict(command)) == command
    # Sessions stored before hold one `moderate` per copy: they still replay.
    old = from_dict({"type": "moderate", "step_id": "ideas", "item_id": "p1-x", "hidden": True})
    assert old.type == "moderate"
