"""The pre-flight check: `workshop-tui check --fit COLSxROWS DECK` lays the workshop out on a
screen of that size, filled with the most a group can write, and says what the room would not
see."""

from __future__ import annotations

from pathlib import Path

import pytest

from workshop_tui import decks
from workshop_tui.cli import main
from workshop_tui.domain.answers import NAME_MAX, validate_answer
from workshop_tui.domain.deck import CardDeck, PromptStep, Workshop
from workshop_tui.domain.state import SessionState
from workshop_tui.tui.fit import worst_case
from workshop_tui.tui.fit.check import check_fit
from workshop_tui.tui.fit.screen_size import BadSize, Size, parse_size

BUNDLED = sorted(
    str(path.relative_to(decks.bundled_dir()))
    for pattern in ("stjarnklass-*.toml", "followup-*.toml")
    for path in decks.bundled_dir().glob(pattern)
)


def ladder_deck(folder: Path, rung: str, title: str = "Our lowest level") -> Path:
    """A workshop whose second step is a ladder of six rungs, each `rung` with its number."""
    rungs = ", ".join(f'"{n}. {rung}"' for n in range(1, 7))
    path = folder / "ladder.toml"
    path.write_text(
        f"""
[workshop]
id = "ladder"
title = "A ladder"
language = "en"

[[steps]]
id = "lobby"
kind = "lobby"
title = "Welcome"

[[steps]]
id = "level"
kind = "levels"
title = "{title}"
question = "Which rung do you commit to?"

[[steps.areas]]
id = "greeting"
name = "Greeting"
rungs = [{rungs}]
""",
        encoding="utf-8",
    )
    return path


# A rung at the length limit, of the words a real rung has.
LONG_RUNG = (
    "I greet every customer and colleague I meet, with eye contact and a smile, by name when I "
    "know it, and I tell a waiting customer when I will be free, even on the most stressful day"
)[:196]


def test_an_over_long_rung_is_reported_at_80x24(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    deck = ladder_deck(tmp_path, LONG_RUNG)
    assert main(["check", "--fit", "80x24", "--lang", "en", str(deck)]) == 1
    out, err = capsys.readouterr()
    ladder = [
        line for line in out.splitlines() if "Step 2 'Our lowest level' (level ladder)" in line
    ]
    assert ladder, out
    assert all("at 80x24" in line for line in ladder)
    assert "would not be seen at 80x24" in err


def test_short_rungs_fit_where_long_ones_do_not(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    deck = ladder_deck(tmp_path, "I say hello")
    argv = ["check", "--fit", "120x34", "--fit", "160x45", "--lang", "en", str(deck)]
    assert main(argv) == 0, capsys.readouterr()
    assert "1 workshop fits at 120x34, 160x45" in capsys.readouterr().out


def test_a_long_title_wraps_in_the_top_bar_and_is_reported_only_where_it_cannot(
    tmp_path: Path,
) -> None:
    title = "Our lowest level, " * 11
    deck = ladder_deck(tmp_path, "I say hello", title=title.strip(" ,"))
    workshop = decks.load_workshop(deck)
    # At 80x24 the title takes four lines of the top bar beside the count and the room code.
    wide = [
        misfit.describe("en", Size(80, 24)) for misfit in check_fit(*workshop, Size(80, 24), "en")
    ]
    assert not any("the top bar does not show the title" in line for line in wide), wide
    small = [
        misfit.describe("en", Size(40, 12)) for misfit in check_fit(*workshop, Size(40, 12), "en")
    ]
    assert any("the top bar does not show the title" in line for line in small), small


def test_a_question_longer_than_the_screen_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "question.toml"
    question = "Which of these do you do when a customer waits while you are on the phone? " * 30
    path.write_text(
        f"""
[workshop]
id = "question"
title = "A long question"
language = "en"

[[steps]]
id = "wait"
kind = "choice"
title = "A customer waits"
question = "{question.strip()}"
options = ["Finish the call", "Nod and smile"]
""",
        encoding="utf-8",
    )
    found = check_fit(*decks.load_workshop(path), Size(80, 24), "en")
    assert [
        (m.number, m.what) for m in found if m.what == "the question is not on the screen in full"
    ]


@pytest.mark.parametrize("deck", BUNDLED)
def test_the_bundled_workshops_fit_at_120x34(deck: str) -> None:
    size = Size(120, 34)
    found = check_fit(*decks.load_workshop(decks.bundled_dir() / deck), size, "en")
    assert [misfit.describe("en", size) for misfit in found] == []


def test_the_size_is_columns_x_rows() -> None:
    assert parse_size("80x24", "en") == Size(80, 24)
    assert parse_size(" 160X45 ", "en") == Size(160, 45)
    for wrong in ("80by24", "80 x 24", "80x", "x24", "80x24x2", "-80x24", "80.5x24"):
        with pytest.raises(BadSize, match="is not a screen size: write columns x rows"):
            parse_size(wrong, "en")
    with pytest.raises(BadSize, match="from 20x8 to 1000x500"):
        parse_size("2x2", "en")


def test_a_wrong_size_is_refused_before_anything_is_laid_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    deck = ladder_deck(tmp_path, "I say hello")
    with pytest.raises(SystemExit) as exited:
        main(["check", "--fit", "80by24", "--lang", "sv", str(deck)])
    assert exited.value.code == 2
    assert "'80by24' är ingen skärmstorlek: skriv kolumner x rader, som 80x24" in (
        capsys.readouterr().err
    )


def test_plain_check_does_not_lay_out(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    deck = ladder_deck(tmp_path, LONG_RUNG)
    assert main(["check", "--lang", "en", str(deck)]) == 0
    assert capsys.readouterr().out == "1 file OK\n"


def test_the_worst_case_is_the_most_each_step_takes(
    mini: tuple[Workshop, dict[str, CardDeck]],
) -> None:
    workshop, card_decks = mini
    state = SessionState(workshop=workshop, card_decks=card_decks, room="ABCD")
    prompt = next(step for step in workshop.steps if isinstance(step, PromptStep))
    given = worst_case.answers(state, prompt)
    assert len(given) == worst_case.ROOM
    texts = [answer["text"] for payload in given for answer in payload["answers"]]
    assert len(texts) == worst_case.ROOM * prompt.max_answers
    # At the length limit, to a word, and never two the same (a wall would merge them).
    assert all(prompt.max_length - 20 < len(text) <= prompt.max_length for text in texts)
    assert len(set(texts)) == len(texts)
    for step in workshop.steps:
        for payload in worst_case.answers(state, step):
            # What the phones would send, so the hub takes every answer.
            validate_answer(step, state.steps[step.id], state, payload)
    names = worst_case.names("sv")
    assert len(set(names)) == worst_case.ROOM
    assert all(len(name) == NAME_MAX for name in names)


def test_a_ladder_is_looked_at_on_every_page(tmp_path: Path) -> None:
    # Five short areas, then one whose rungs cannot fit: it is on a later page at 80x24.
    short = ", ".join(f'"{n}. I say hello"' for n in range(1, 4))
    long = ", ".join(f'"{n}. {LONG_RUNG}"' for n in range(1, 7))
    areas = [(f"area{n}", f"Area {n}", short) for n in range(1, 6)]
    areas.append(("complaints", "Complaints", long))
    tables = "".join(
        f'\n[[steps.areas]]\nid = "{id_}"\nname = "{name}"\nrungs = [{rungs}]\n'
        for id_, name, rungs in areas
    )
    path = tmp_path / "pages.toml"
    path.write_text(
        f"""
[workshop]
id = "pages"
title = "Many areas"
language = "en"

[[steps]]
id = "level"
kind = "levels"
title = "Our lowest level"
question = "Which rung do you commit to?"
{tables}""",
        encoding="utf-8",
    )
    found = check_fit(*decks.load_workshop(path), Size(80, 24), "en")
    assert any("Complaints" in misfit.what for misfit in found), found
