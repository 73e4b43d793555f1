"""Issue 24's domain side: a later round starts from each phone's earlier rungs, a choice step
keeps its deck's limit, and the facilitator narrows a campaign deck before the vote."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from workshop_tui import decks
from workshop_tui.domain.campaign import cards_in_play, narrowed_cards
from workshop_tui.domain.commands import (
    Answer,
    GoTo,
    Join,
    NarrowDeck,
    NewRound,
    SetLadder,
    from_dict,
    to_dict,
)
from workshop_tui.domain.deck import CULTURE_AREAS, CampaignStep, ChoiceStep
from workshop_tui.domain.parallel import first_difference
from workshop_tui.domain.results import step_results
from workshop_tui.domain.rules import apply
from workshop_tui.domain.state import SessionState, snapshot
from workshop_tui.domain.verdict import Refused


def join(state: SessionState, pid: str) -> None:
    apply(state, Join(pid, f"hash-{pid}", f"Person {pid}", 1.0))


def goto(state: SessionState, step_id: str) -> None:
    apply(state, GoTo([s.id for s in state.workshop.steps].index(step_id), 2.0))


def answer(state: SessionState, pid: str, step: str, payload: dict[str, object]) -> None:
    apply(state, Answer(pid, step, payload, f"{pid}-{step}-{payload!r}", 3.0))


def refused(state: SessionState, command: object) -> Refused:
    before = snapshot(state)
    with pytest.raises(Refused) as caught:
        apply(state, command)  # type: ignore[arg-type]
    assert snapshot(state) == before, "a refused command must leave the state unchanged"
    return caught.value


# -- the ladder: a new round starts from each phone's earlier answer ----------------------------


def test_a_later_round_reads_each_phones_earlier_rungs_by_their_words(
    mini_state: SessionState,
) -> None:
    state = mini_state
    for pid in ("p1", "p2", "p3"):
        join(state, pid)
    goto(state, "level")
    level = state.steps["level"]
    greeting, calls = (list(level.ladders[a]) for a in ("greeting", "calls"))
    answer(state, "p1", "level", {"rungs": {"greeting": 1, "calls": 0}})
    answer(state, "p2", "level", {"rungs": {"greeting": -1, "calls": -1}})
    assert level.earlier_rungs("p1") is None, "round 1 has nothing earlier"
    apply(state, NewRound("level"))
    # The facilitator adds a rung below greeting's, and drops the calls rung p1 took.
    apply(state, SetLadder("level", "greeting", ("Nod", *greeting)))
    apply(state, SetLadder("level", "calls", tuple(calls[1:])))
    # The same rung by its words (one place up now); the dropped one is left out.
    assert level.earlier_rungs("p1") == (1, {"greeting": 2})
    # "None of these" is kept only where the ladder did not change.
    assert level.earlier_rungs("p2") is None
    assert level.earlier_rungs("p3") is None, "a phone that never answered has nothing"
    # Nothing is sent for a phone: round 2 has no answers until one is sent.
    assert level.current_answers == {}
    # In round 3, a phone that skipped round 2 starts from its round-1 answer.
    answer(state, "p2", "level", {"rungs": {"greeting": 0}})
    apply(state, NewRound("level"))
    assert level.earlier_rungs("p1") == (1, {"greeting": 2})
    assert level.earlier_rungs("p2") == (2, {"greeting": 0})


# -- choice limits ------------------------------------------------------------------------------


def test_a_choice_step_refuses_more_options_than_its_limit(mini_state: SessionState) -> None:
    state = mini_state
    step = state.workshop.step("scenario")
    assert isinstance(step, ChoiceStep)
    limited = step.model_copy(
        update={"multiple": True, "max_choices": 2, "options": ["a", "b", "c", "d"]}
    )
    steps = [limited if s.id == "scenario" else s for s in state.workshop.steps]
    state.workshop = state.workshop.model_copy(update={"steps": steps})
    join(state, "p1")
    goto(state, "scenario")
    too_many = refused(state, Answer("p1", "scenario", {"options": [0, 1, 3]}, "k", 3.0))
    assert too_many.code == "too_many_choices"
    assert too_many.detail == {"count": 3, "limit": 2}
    answer(state, "p1", "scenario", {"options": [3, 1]})
    assert state.steps["scenario"].current_answers["p1"] == {"options": [1, 3]}


def test_choice_limits_are_checked_in_the_deck() -> None:
    base = {"kind": "choice", "id": "c", "title": "T", "question": "Q", "options": ["a", "b"]}
    with pytest.raises(ValidationError, match="need 'multiple = true'"):
        ChoiceStep.model_validate({**base, "max_choices": 1})
    with pytest.raises(ValidationError, match="the step has 2 'options'"):
        ChoiceStep.model_validate({**base, "multiple": True, "max_choices": 3})
    with pytest.raises(ValidationError, match="more than 'max_choices'"):
        ChoiceStep.model_validate({**base, "multiple": True, "min_choices": 2, "max_choices": 1})
    assert ChoiceStep.model_validate({**base, "multiple": True}).choice_limits() == (1, 2)


@pytest.mark.parametrize("language", ["sv", "en", "fi"])
def test_the_bundled_two_or_three_step_takes_at_most_three(language: str) -> None:
    workshop, _ = decks.load_workshop(decks.bundled_dir() / f"stjarnklass-{language}.toml")
    managers = workshop.step("managers")
    assert isinstance(managers, ChoiceStep)
    assert managers.choice_limits() == (1, 3)


def test_parallel_workshops_must_agree_on_choice_limits() -> None:
    sv, sv_cards = decks.load_workshop(decks.bundled_dir() / "stjarnklass-sv.toml")
    en, en_cards = decks.load_workshop(decks.bundled_dir() / "stjarnklass-en.toml")
    assert first_difference(sv, sv_cards, en, en_cards) is None
    steps = [s.model_copy(update={"max_choices": 2}) if s.id == "managers" else s for s in en.steps]
    found = first_difference(sv, sv_cards, en.model_copy(update={"steps": steps}), en_cards)
    assert found is not None
    assert (found.field, found.first, found.second) == ("max_choices", 3, 2)


# -- narrowing the deck -------------------------------------------------------------------------


@pytest.fixture
def bundled() -> SessionState:
    workshop, cards = decks.load_workshop(decks.bundled_dir() / "stjarnklass-en.toml")
    return SessionState(workshop=workshop, card_decks=cards, room="ABCD")


def campaign(state: SessionState) -> CampaignStep:
    step = state.workshop.step("campaign")
    assert isinstance(step, CampaignStep)
    return step


def rate_culture(state: SessionState, low: tuple[str, ...]) -> None:
    """Two people rate the eight culture areas: 1 for those in `low`, 5 for the rest."""
    goto(state, "culture")
    for pid in ("p1", "p2"):
        join(state, pid)
        ratings = [1 if area in low else 5 for area in CULTURE_AREAS]
        answer(state, pid, "culture", {"ratings": ratings})


def test_the_proposal_takes_the_cards_of_the_lowest_rated_areas(bundled: SessionState) -> None:
    state = bundled
    step = campaign(state)
    deck = state.card_decks[step.card_deck]
    assert len(deck.cards) > 10
    # Without ratings: the first ten in the browsing order.
    assert narrowed_cards(state, step) == tuple(c.id for c in deck.for_role("general")[:10])
    rate_culture(state, ("recruitment", "follow-up"))
    proposed = narrowed_cards(state, step)
    assert 2 <= len(proposed) <= 10
    low = [c.id for c in deck.cards if {"recruitment", "follow-up"} & set(c.areas)]
    # Every card for a low area comes before any other (as many as fit).
    assert set(proposed[: min(len(low), 10)]) <= set(low)
    assert narrowed_cards(state, step, limit=3) == proposed[:3]


def test_narrowing_the_deck_limits_the_vote_and_its_results(bundled: SessionState) -> None:
    state = bundled
    step = campaign(state)
    rate_culture(state, ("leadership",))
    ids = narrowed_cards(state, step)
    goto(state, "campaign")
    apply(state, NarrowDeck("campaign", ids))
    assert [c.id for c in cards_in_play(state, step)] == [
        c.id for c in state.card_decks[step.card_deck].for_role("general") if c.id in ids
    ]
    outside = next(c.id for c in state.card_decks[step.card_deck].cards if c.id not in ids)
    assert refused(state, Answer("p1", "campaign", {"votes": {outside: 1}}, "k", 3.0)).code == (
        "unknown_option"
    )
    answer(state, "p1", "campaign", {"votes": {ids[0]: 2, ids[1]: 1}})
    state.steps["campaign"].revealed = True
    results = step_results(state)
    assert results is not None
    assert [c["card_id"] for c in results["shortlist"]][:2] == [ids[0], ids[1]]
    assert {c["card_id"] for c in results["shortlist"]} == set(ids)
    # Votes exist: the deck stays as it was voted on.
    assert refused(state, NarrowDeck("campaign", ())).code == "votes_exist"


def test_narrowing_refuses_what_is_not_a_vote_among_the_decks_cards(
    bundled: SessionState,
) -> None:
    state = bundled
    first, second = (c.id for c in state.card_decks[campaign(state).card_deck].cards[:2])
    assert refused(state, NarrowDeck("culture", (first, second))).code == "bad_step"
    assert refused(state, NarrowDeck("campaign", (first, "no-such"))).code == "unknown_option"
    assert refused(state, NarrowDeck("campaign", (first, first))).code == "duplicate"
    assert refused(state, NarrowDeck("campaign", (first,))).code == "too_few_cards"
    apply(state, NarrowDeck("campaign", (first, second)))
    assert state.steps["campaign"].cards == [first, second]
    # No ids: the whole deck again.
    apply(state, NarrowDeck("campaign", ()))
    assert state.steps["campaign"].cards is None


def test_narrowing_is_stored_and_replays(bundled: SessionState) -> None:
    command = NarrowDeck("campaign", ("a", "b"))
    assert from_dict(to_dict(command)) == command
    assert to_dict(command) == {
        "type": "narrow_deck",
        "step_id": "campaign",
        "card_ids": ["a", "b"],
    }
