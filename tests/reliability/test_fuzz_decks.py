"""Workshop and card deck files broken in generated ways: a message naming the file, never a
traceback (neither from `workshop-tui check` nor when a workshop is loaded to run)."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workshop_tui import cli, decks

DATA = Path(__file__).resolve().parents[1] / "data"
SOURCES = {
    name: (DATA / name).read_text(encoding="utf-8") for name in ("mini.toml", "mini-cards.toml")
}
VALUES = [
    '""',
    '"x"',
    "0",
    "-1",
    "99999999999999999999",
    "1.5",
    "nan",
    "true",
    "[]",
    "[1, 2]",
    '["a", 1]',
    "{}",
    "{ a = 1 }",
    "1979-05-27",
    '"\\u0000"',
    '"' + "x" * 5000 + '"',
    '"[red]x[/red] \\u001b[2J <script>"',
]


@st.composite
def broken(draw: st.DrawFn) -> tuple[str, str]:
    """One of the test decks with a few generated changes."""
    name = draw(st.sampled_from(sorted(SOURCES)))
    lines = SOURCES[name].split("\n")
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(lines) - 1))
        change = draw(st.sampled_from(["value", "drop", "duplicate", "insert", "cut", "key"]))
        line = lines[at]
        if change == "value" and " = " in line:
            lines[at] = line.split(" = ", 1)[0] + " = " + draw(st.sampled_from(VALUES))
        elif change == "drop":
            del lines[at]
        elif change == "duplicate":
            lines.insert(at, line)
        elif change == "insert":
            lines.insert(at, draw(st.text(max_size=40)))
        elif change == "cut":
            lines = [*lines[:at], line[: draw(st.integers(0, len(line)))]]
        elif " = " in line:
            lines[at] = (
                draw(st.sampled_from(["kind", "id", "steps", "rungs", "x"]))
                + " = "
                + (line.split(" = ", 1)[1])
            )
        if not lines:
            lines = [""]
    return name, "\n".join(lines)


CASES = 100


def test_broken_deck_files_get_a_message_never_a_traceback(
    capsys: pytest.CaptureFixture[str],
) -> None:
    outcomes = {"valid": 0, "refused": 0}

    with tempfile.TemporaryDirectory() as folder:

        @settings(
            max_examples=CASES,
            deadline=None,
            database=None,
            suppress_health_check=[HealthCheck.function_scoped_fixture],
        )
        @given(case=broken())
        def run(case: tuple[str, str]) -> None:
            name, text = case
            path = Path(folder) / name
            for source, original in SOURCES.items():
                (Path(folder) / source).write_text(original, encoding="utf-8")
            path.write_text(text, encoding="utf-8")
            problems = decks.check([path])
            for problem in problems:
                assert str(problem).startswith(str(path)), problem
            if name == "mini.toml":
                try:
                    decks.load_workshop(path)
                except decks.DeckError as exc:
                    assert exc.problems
            status = cli.main(["check", str(path)])
            err = capsys.readouterr().err
            assert "Traceback" not in err
            assert status == (1 if problems else 0)
            outcomes["refused" if problems else "valid"] += 1

        run()
    print(f"\nbroken deck files: {outcomes}")
    assert outcomes["refused"] > CASES // 2
