"""Planned minutes: every bundled step has them, the bundled workshops fit their time with slack,
`check` refuses a workshop planned past its `minutes`, and the console's plan carries them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from workshop_tui import decks
from workshop_tui.catalogue import t
from workshop_tui.cli import main
from workshop_tui.domain.console import console_view
from workshop_tui.domain.state import SessionState

# The slack each bundled workshop keeps for a late start, a long discussion or a slow re-vote.
SLACK = {"stjarnklass": 10, "followup": 5}


@pytest.mark.parametrize("language", ["sv", "fi", "en"])
@pytest.mark.parametrize("name", sorted(SLACK))
def test_every_bundled_workshop_fits_its_time_with_slack(name: str, language: str) -> None:
    workshop, _ = decks.load_workshop(decks.bundled_dir() / f"{name}-{language}.toml")
    unplanned = [step.id for step in workshop.steps if step.minutes is None]
    assert unplanned == [], f"steps without planned minutes: {unplanned}"
    assert workshop.planned_minutes() + SLACK[name] <= workshop.workshop.minutes


def test_the_break_counts_in_the_plan() -> None:
    workshop, _ = decks.load_workshop(decks.bundled_dir() / "stjarnklass-sv.toml")
    steps = sum(step.minutes or 0 for step in workshop.steps)
    breaks = [step.break_after for step in workshop.steps if step.break_after]
    assert breaks and workshop.planned_minutes() == steps + sum(breaks)


def _over_time(tmp_path: Path) -> Path:
    """The bundled Finnish workshop, told it has 60 minutes."""
    source = decks.bundled_dir() / "stjarnklass-fi.toml"
    path = tmp_path / source.name
    text = source.read_text(encoding="utf-8")
    assert text.count("minutes = 120\n") == 1
    path.write_text(text.replace("minutes = 120\n", "minutes = 60\n"), encoding="utf-8")
    shutil.copy(decks.bundled_dir() / "cards-fi.toml", tmp_path)
    return path


def test_check_refuses_a_workshop_planned_past_its_minutes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _over_time(tmp_path)
    planned = decks.load_workshop(path)[0].planned_minutes()
    assert decks.over_time([path]) == [(path, planned, 60)]
    assert main(["check", "--lang", "fi", str(path)]) == 1
    out = capsys.readouterr().out
    assert f"{path}: {t('fi', 'check_over_time', planned=planned, minutes=60)}" in out
    assert main(["check", str(decks.bundled_dir() / "stjarnklass-fi.toml")]) == 0


def test_a_deck_without_planned_minutes_is_not_refused(tmp_path: Path) -> None:
    data = Path(__file__).parent.parent / "data"
    assert decks.over_time([data / "mini.toml"]) == []


def test_the_console_plan_carries_planned_minutes_and_breaks(mini_state: SessionState) -> None:
    steps = list(mini_state.workshop.steps)
    steps[1] = steps[1].model_copy(update={"minutes": 7, "break_after": 10})
    workshop = mini_state.workshop.model_copy(update={"steps": steps})
    state = SessionState(workshop=workshop, card_decks=mini_state.card_decks, room="ABCD")
    plan = console_view(state, now=0.0, started_at=0.0)["plan"]
    assert (plan[1]["minutes"], plan[1]["break_after"]) == (7, 10)
    assert (plan[0]["minutes"], plan[0]["break_after"]) == (None, None)


# Wording from issue 22 in the workshops' own texts (the ladders' rungs are checked elsewhere):
# slips, and sentences that stayed too close to the source articles.
TOO_CLOSE = {
    "sv": [
        "vilar på tre:",
        "ett eget ärende",
        "alltid med ett leende",
        "färskvara",
        "Engagemanget från både",
        "röd tråd",
        "70 procent",
        "Service i stjärnklass",
    ],
    "fi": [
        "selkeä ei on myös vastaus",
        "kantaa osan liiketoiminnasta",
        "jäänyt alas",
        "tuoretavaraa",
        "aina \\\nhymyillen",
        "70 prosenttia",
        "Tähtiluokan palvelu",
    ],
    "en": ["Good treatment", "at at least", "thin red thread", "70 percent", "Star-class service"],
}


@pytest.mark.parametrize("language", ["sv", "fi", "en"])
def test_the_workshop_texts_keep_none_of_the_flagged_wording(language: str) -> None:
    for name in SLACK:
        text = (decks.bundled_dir() / f"{name}-{language}.toml").read_text(encoding="utf-8")
        for phrase in TOO_CLOSE[language]:
            assert phrase not in text, (name, phrase)
