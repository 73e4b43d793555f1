"""A session read in a parallel language (`domain.parallel.read_in`): the deck's words are the
translation's, the group's own words, the answers and the numbers are the session's, and the
session itself is not touched."""

from __future__ import annotations

from dataclasses import replace

from workshop_tui import decks
from workshop_tui.decks.parallel import load_parallel
from workshop_tui.domain.commands import (
    Answer,
    ChooseCampaign,
    Command,
    GoTo,
    Join,
    LockLevels,
    OpenStep,
    SetLadder,
)
from workshop_tui.domain.deck import LevelsStep, ScaleStep
from workshop_tui.domain.parallel import Translation, read_in
from workshop_tui.domain.rules import apply
from workshop_tui.domain.service_card import service_card
from workshop_tui.domain.state import (
    CampaignPlan,
    EarlierCampaign,
    PreviousLevel,
    PreviousResults,
    SessionState,
)

SV = decks.bundled_dir() / "stjarnklass-sv.toml"
OWN_RUNG = "Vi hälsar med namn – gruppens egna ord"
OWN_GOAL = "Vårt eget mål: alla hälsar före lunch"


def _session() -> tuple[SessionState, Translation]:
    """The bundled Swedish workshop up to its summary: a ladder with one rung of the group's
    own, a level locked on a deck rung, a fist of five with one below (a draft), and a campaign
    whose purpose is the card's and whose goal the facilitator wrote."""
    workshop, cards = decks.load_workshop(SV)
    finnish = load_parallel(SV, workshop, cards, ["fi"])["fi"]
    state = SessionState(workshop, cards, "ABCD")
    level = workshop.step("level")
    assert isinstance(level, LevelsStep)
    rungs = level.areas[0].rungs
    index = {step.id: i for i, step in enumerate(workshop.steps)}
    card = cards["cards-sv"].cards[0]
    plan = CampaignPlan(
        card.id, card.title, card.purpose, OWN_GOAL, "2026-02-02", "2026-02-22", "Kim", "2026-03-02"
    )
    commands: list[Command] = [
        Join("p1", "h1", "Åsa", 1.0),
        Join("p2", "h2", "Bo", 2.0),
        GoTo(index["level"], 3.0),
        SetLadder("level", "greeting", (rungs[1], OWN_RUNG, rungs[0])),
        OpenStep("level"),
        Answer("p1", "level", {"rungs": {"greeting": 0, "availability": 1}}, "k1", 4.0),
        Answer("p2", "level", {"rungs": {"greeting": 1, "availability": 1}}, "k2", 4.0),
        LockLevels("level"),
        GoTo(index["fist"], 5.0),
        Answer("p1", "fist", {"fist": 5}, "k3", 6.0),
        Answer("p2", "fist", {"fist": 1}, "k4", 6.0),
        GoTo(index["campaign"], 7.0),
        ChooseCampaign("campaign", plan),
        GoTo(index["summary"], 8.0),
    ]
    for command in commands:
        apply(state, command)
    return state, finnish


def test_the_card_read_in_finnish_has_the_finnish_decks_words_and_the_groups_own() -> None:
    state, finnish = _session()
    before = service_card(state)
    card = service_card(read_in(state, finnish))
    fi_level = finnish.workshop.step("level")
    assert isinstance(fi_level, LevelsStep)
    fi_card = finnish.card_decks["cards-fi"].cards[0]

    assert card.title == finnish.workshop.workshop.title
    assert [a.name for a in card.areas] == [a.name for a in fi_level.areas]
    # Greeting: the ladder's top rung is the deck's second, in Finnish; everyone accepts it.
    assert card.areas[0].level == 0
    assert card.areas[0].level_text == fi_level.areas[0].rungs[1]
    assert card.areas[1].level_text == fi_level.areas[1].rungs[1]
    # The same numbers and the same verdict: a draft, one below the threshold.
    assert card.draft and before.draft
    assert card.consensus == before.consensus
    assert [a.level for a in card.areas] == [a.level for a in before.areas]
    assert card.campaign is not None and before.campaign is not None
    assert card.campaign.title == fi_card.title
    assert card.campaign.purpose == fi_card.purpose  # still the card's own text: Finnish
    assert card.campaign.goal == OWN_GOAL  # the group's text: as written
    assert (card.campaign.start, card.campaign.owner) == ("2026-02-02", "Kim")


def test_the_groups_own_rung_stays_as_written_and_the_session_is_not_touched() -> None:
    state, finnish = _session()
    before = service_card(state)
    ladder = list(state.steps["level"].ladders["greeting"])
    rounds = dict(state.steps["fist"].answers)
    read = read_in(state, finnish)
    fi_level = finnish.workshop.step("level")
    assert isinstance(fi_level, LevelsStep)
    fi_rungs = fi_level.areas[0].rungs
    assert read.steps["level"].ladders["greeting"] == [fi_rungs[1], OWN_RUNG, fi_rungs[0]]
    # Reading the current round of a later step adds it to the copy, not to the session.
    read.steps["fist"].round += 1
    assert read.steps["fist"].current_answers == {}
    assert state.steps["fist"].answers == rounds
    assert state.steps["level"].ladders["greeting"] == ladder
    assert service_card(state) == before
    assert state.workshop.workshop.language == "sv"


def test_the_sessions_own_settings_decide_whatever_the_parallel_file_says() -> None:
    state, finnish = _session()
    steps = [
        s.model_copy(update={"time_limit": 999, "reveal": "live"}) for s in finnish.workshop.steps
    ]
    other = Translation(finnish.workshop.model_copy(update={"steps": steps}), finnish.card_decks)
    read = read_in(state, other)
    assert read.workshop.workshop.id == state.workshop.workshop.id
    assert read.workshop.workshop.language == "fi"
    assert [(s.time_limit, s.reveal) for s in read.workshop.steps] == [
        (s.time_limit, s.reveal) for s in state.workshop.steps
    ]


def test_an_earlier_campaigns_plan_is_read_by_the_same_rule() -> None:
    state, finnish = _session()
    plan = state.steps["campaign"].plan
    assert plan is not None
    state.earlier_campaign = EarlierCampaign("earlier.json", "campaign", replace(plan, goal=""))
    earlier = read_in(state, finnish).earlier_campaign
    assert earlier is not None
    assert earlier.plan.title == finnish.card_decks["cards-fi"].cards[0].title
    assert earlier.plan.purpose == finnish.card_decks["cards-fi"].cards[0].purpose
    assert earlier.plan.goal == ""


def test_the_groups_earlier_levels_and_means_are_read_in_the_translations_words() -> None:
    state, finnish = _session()
    level, culture = state.workshop.step("level"), state.workshop.step("culture")
    fi_level, fi_culture = finnish.workshop.step("level"), finnish.workshop.step("culture")
    assert isinstance(level, LevelsStep) and isinstance(fi_level, LevelsStep)
    assert isinstance(culture, ScaleStep) and isinstance(fi_culture, ScaleStep)
    area, fi_area = level.areas[0], fi_level.areas[0]
    state.previous = PreviousResults(
        scales={"culture": {culture.items[0]: 3.5}},
        levels={area.id: PreviousLevel(area.name, 2, area.rungs[2])},
    )
    previous = read_in(state, finnish).previous
    assert previous is not None
    assert previous.mean("culture", fi_culture.items[0]) == 3.5
    assert previous.levels[area.id].name == fi_area.name
    assert previous.levels[area.id].text == fi_area.rungs[2]
    assert previous.levels[area.id].level == 2
