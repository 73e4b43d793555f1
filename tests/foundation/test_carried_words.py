"""The group's levels carried into a follow-up, read in another language: the follow-up
workshop has no ladder to word them, so they are worded as the earlier session recorded them
in each language it offered (`PreviousLevel.names`, `texts`; `history.previous_results`)."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from pathlib import Path

from tests.export.draft_sessions import FOLLOWUP_DAY, GROUP
from tests.export.export_sessions import bundled
from tests.export.parallel_draft_sessions import bilingual_draft_session, parallel
from workshop_tui.domain.deck import LevelsStep
from workshop_tui.domain.parallel import read_in
from workshop_tui.domain.service_card import carried_levels
from workshop_tui.domain.state import PreviousLevel, PreviousResults, SessionState
from workshop_tui.group.history import previous_results
from workshop_tui.session.rebuild import state_from_meta

OWN_RUNG = "Vi hälsar med namn – gruppens egna ord"


def _ladder(workshop_id: str) -> LevelsStep:
    step = bundled(workshop_id)[0].step("level")
    assert isinstance(step, LevelsStep)
    return step


def _followup(previous: PreviousResults) -> SessionState:
    workshop, cards = bundled("followup-sv")
    return SessionState(workshop, cards, "ABCD", previous=previous)


def _recorded() -> PreviousResults:
    """Greeting on a deck rung, recorded in sv and fi; availability on a rung the group wrote;
    feedback from a session that offered no other language."""
    sv, fi = _ladder("stjarnklass-sv"), _ladder("stjarnklass-fi")
    greeting, availability, feedback = sv.areas[:3]
    return PreviousResults(
        {},
        {
            greeting.id: PreviousLevel(
                greeting.name,
                1,
                greeting.rungs[1],
                "2026-11-02",
                True,
                {"sv": greeting.name, "fi": fi.areas[0].name},
                {"sv": greeting.rungs[1], "fi": fi.areas[0].rungs[1]},
            ),
            availability.id: PreviousLevel(
                availability.name,
                0,
                OWN_RUNG,
                "2026-11-02",
                True,
                {"sv": availability.name, "fi": fi.areas[1].name},
                {"sv": OWN_RUNG, "fi": OWN_RUNG},
            ),
            feedback.id: PreviousLevel(feedback.name, 2, feedback.rungs[2], "2026-11-02", True),
        },
    )


def test_carried_levels_read_in_finnish_are_worded_as_the_earlier_session_recorded_them() -> None:
    sv, fi = _ladder("stjarnklass-sv"), _ladder("stjarnklass-fi")
    state = _followup(_recorded())
    read = read_in(state, parallel("followup-sv")["fi"])
    areas = carried_levels(read)
    assert [(a.name, a.level_text) for a in areas] == [
        (fi.areas[0].name, fi.areas[0].rungs[1]),
        # The group's own rung stays as written.
        (fi.areas[1].name, OWN_RUNG),
        # Nothing recorded in Finnish: as the session holds it.
        (sv.areas[2].name, sv.areas[2].rungs[2]),
    ]
    # Only words change: the numbers and the draft are the session's, which is not touched.
    assert [a.level for a in areas] == [1, 0, 2]
    assert {a.origin.kind for a in areas if a.origin is not None} == {"draft"}
    assert [a.name for a in carried_levels(state)] == [a.name for a in sv.areas[:3]]


def test_a_header_from_before_the_words_were_recorded_still_reads() -> None:
    workshop, cards = bundled("followup-sv")
    sv = _ladder("stjarnklass-sv")
    greeting = sv.areas[0]
    old = {"name": greeting.name, "level": 1, "text": greeting.rungs[1], "on": "2026-11-02"}
    meta = {
        "room": "ABCD",
        "workshop": workshop.model_dump(mode="json"),
        "card_decks": {k: v.model_dump(mode="json") for k, v in cards.items()},
        "history": {"scales": {}, "levels": {greeting.id: old}},
    }
    state = state_from_meta(meta)
    assert state.previous is not None
    assert asdict(state.previous.levels[greeting.id]) == {
        **old,
        "draft": False,
        "names": {},
        "texts": {},
    }
    [area] = carried_levels(read_in(state, parallel("followup-sv")["fi"]))
    assert (area.name, area.level_text) == (greeting.name, greeting.rungs[1])


async def test_previous_results_records_the_words_of_every_language_offered(
    tmp_path: Path,
) -> None:
    await bilingual_draft_session(tmp_path)
    swedish = previous_results([tmp_path], GROUP, bundled("followup-sv")[0], FOLLOWUP_DAY)
    finnish = previous_results([tmp_path], GROUP, bundled("followup-fi")[0], FOLLOWUP_DAY)
    assert swedish is not None and finnish is not None
    ladders = {language: _ladder(f"stjarnklass-{language}") for language in ("sv", "fi", "en")}
    for position, area in enumerate(ladders["sv"].areas):
        level = swedish.levels[area.id]
        assert level.text is not None and level.draft
        index = area.rungs.index(level.text)
        assert level.names == {
            lang: ladder.areas[position].name for lang, ladder in ladders.items()
        }
        assert level.texts == {
            lang: ladder.areas[position].rungs[index] for lang, ladder in ladders.items()
        }
        # A follow-up run in Finnish carries the level in Finnish on its projector too.
        again = finnish.levels[area.id]
        assert (again.name, again.text) == (level.names["fi"], level.texts["fi"])
        assert (again.level, again.on, again.draft) == (level.level, level.on, level.draft)
    assert date.fromisoformat(str(level.on)) == date(2026, 11, 2)
