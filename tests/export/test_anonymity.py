"""Anonymous means anonymous: what the lobby promised holds in every export, and the exports
read like the method (the fist of five as its spread and verdict, scale items in the deck's
order)."""

from __future__ import annotations

import csv
import io
import json
import subprocess
from pathlib import Path

import pytest

from tests.export.export_sessions import Script, bundled, finished_session, with_names
from tests.tui.conftest import INFO, screen_text, settle
from workshop_tui import cli
from workshop_tui.domain import tally
from workshop_tui.domain.commands import Answer, Moderate
from workshop_tui.domain.deck import PromptStep, ScaleStep, Step
from workshop_tui.export import FORMATS, NamesNotAnnounced, export_formats, exports_folder
from workshop_tui.export.outcome import build_outcome
from workshop_tui.export.pocket import pocket_paragraphs
from workshop_tui.export.source import load_session
from workshop_tui.session.hub import Hub
from workshop_tui.tui.app import ProjectorApp
from workshop_tui.web.views import step_view

NAMES = ["Zebulon Quist", "Yrsa Wikström", "Xavier Ölund", "Wilma Vänskä"]
SECRET = "Chefen borde sluta mikrostyra"
HELD = "Jävla kunder som aldrig läser mejlen"


async def hide_and_hold(hub: Hub, step: Step, people: list[str]) -> None:
    """On the first open question, the second to join writes something the facilitator hides,
    and the third something the word filter holds and nobody releases."""
    if not isinstance(step, PromptStep) or step.columns or step.id != "memory":
        return
    for person, text in ((1, SECRET), (2, HELD)):
        payload = {"answers": [{"text": text}]}
        await hub.execute(Answer(people[person], step.id, payload, f"m{person}", hub.clock()))
    await hub.execute(Moderate(step.id, tally.item_id(people[1], SECRET), hidden=True))


def holdout_last(person: int, round_: int) -> int:
    # The last to join holds round 1 back; the first to join is all in.
    if round_ == 1 and person == len(NAMES) - 1:
        return 2
    return 5 if person == 0 else 4


def script() -> Script:
    return Script(
        names=list(NAMES),
        fist=holdout_last,
        # The first to join skips the first item: it is answered last.
        ratings=lambda person, items: [None if person == 0 and i == 0 else 4 for i in range(items)],
        during=hide_and_hold,
    )


def export(path: Path, out: Path, *formats: str, **flags: bool) -> dict[str, Path]:
    """The files of an export by format (every format unless some are named)."""
    chosen = formats or FORMATS
    return dict(zip(chosen, export_formats(path, chosen, out, **flags), strict=True))


def texts(files: dict[str, Path]) -> dict[str, str]:
    """Every export's text by format, the PDF's through pdftotext. The PNG is left out: it is
    drawn from the card's paragraphs, the same text as the HTML sheet and the PDF."""
    found = {}
    for fmt, path in files.items():
        if fmt == "pdf":
            found[fmt] = subprocess.run(
                ["pdftotext", str(path), "-"], capture_output=True, check=True, text=True
            ).stdout
        elif fmt != "png":
            found[fmt] = path.read_text(encoding="utf-8-sig")
    return found


def rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


async def test_by_default_no_export_names_anyone(sessions: Path, tmp_path: Path) -> None:
    path = await finished_session(bundled("stjarnklass-sv"), sessions, script())
    files = export(path, tmp_path / "out")
    found = texts(files)
    outcome = build_outcome(load_session(path))
    found["png"] = " ".join(run.text for p in pocket_paragraphs(outcome) for run in p.runs)
    assert set(found) == set(FORMATS)
    for fmt, text in found.items():
        for part in (part for name in NAMES for part in name.split()):
            assert part not in text, f"{part} in the {fmt} export"

    # Pseudonyms numbered by join order, the same in a second export.
    answers = rows(files["csv"])
    assert "name" not in answers[0]
    memory = [r for r in answers if r["step_id"] == "memory" and not r["withheld"]]
    assert (memory[0]["participant"], memory[0]["text"]) == ("Deltagare 1", f"{Script().text} 0")
    assert {r["participant"] for r in answers if r["participant"]} == {
        f"Deltagare {n}" for n in range(1, len(NAMES) + 1)
    }
    assert rows(export(path, tmp_path / "again", "csv")["csv"]) == answers


async def test_names_only_when_the_lobby_said_so(sessions: Path, tmp_path: Path) -> None:
    anonymous = await finished_session(bundled("stjarnklass-sv"), sessions, script())
    with pytest.raises(NamesNotAnnounced):
        export(anonymous, tmp_path / "refused", names=True)
    assert not (tmp_path / "refused").exists()

    named = await finished_session(with_names(bundled("stjarnklass-sv")), sessions, script())
    default = texts(export(named, tmp_path / "default"))
    assert not [(fmt, name) for fmt, text in default.items() for name in NAMES if name in text]

    files = export(named, tmp_path / "named", names=True)
    answers = rows(files["csv"])
    memory = [r for r in answers if r["step_id"] == "memory" and not r["withheld"]]
    assert (memory[0]["participant"], memory[0]["name"]) == ("Deltagare 1", NAMES[0])
    assert {r["name"] for r in answers if r["name"]} == set(NAMES)
    data = json.loads(files["json"].read_text(encoding="utf-8"))
    assert data["names"] is True
    assert {r["name"] for s in data["steps"] for r in s["rows"] if r["name"]} == set(NAMES)


async def test_the_command_line_refuses_names_a_session_did_not_announce(
    sessions: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = await finished_session(bundled("stjarnklass-en"), sessions, script())
    out = tmp_path / "out"
    csv_to = ["export", str(path), "--format", "csv", "--out", str(out)]
    assert cli.main(["--lang", "en", *csv_to, "--names"]) == 1
    assert "name nobody" in capsys.readouterr().err
    assert not out.exists()
    # The old flag is still accepted and changes nothing: anonymous is the default.
    assert cli.main([*csv_to, "--anonymous"]) == 0
    assert "name" not in rows(out / f"{path.stem}-answers.csv")[0]


async def test_exports_land_in_exports_beside_the_sessions_folder(
    sessions: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = await finished_session(bundled("stjarnklass-en"), sessions, script())
    folder = sessions.parent / "exports"
    assert exports_folder(path) == folder
    assert cli.main(["export", str(path), "--format", "md"]) == 0
    assert capsys.readouterr().out.strip() == str(folder / f"{path.stem}-outcome.md")


async def test_hidden_and_held_answers_are_counted_not_printed(
    sessions: Path, tmp_path: Path
) -> None:
    path = await finished_session(bundled("stjarnklass-sv"), sessions, script())
    files = export(path, tmp_path / "out")
    for fmt, text in texts(files).items():
        assert SECRET not in text and "Jävla" not in text, fmt
    markdown = files["md"].read_text(encoding="utf-8")
    assert "- 1 svar dolt av samtalsledaren, inte exporterat" in markdown
    assert "- 1 svar som ordfiltret höll kvar och som aldrig släpptes, inte exporterat" in markdown
    # A row each, after everyone's, with nothing that tells whose they were.
    withheld = [r for r in rows(files["csv"]) if r["withheld"]]
    assert sorted(r["moderation"] for r in withheld) == ["held", "hidden"]
    assert {(r["participant"], r["answered_at"], r["text"]) for r in withheld} == {("", "", "")}

    shown = export(path, tmp_path / "shown", include_hidden=True)
    markdown = shown["md"].read_text(encoding="utf-8")
    assert f"- {SECRET} (dolt)" in markdown
    assert "Jävla" not in markdown and "höll kvar" in markdown
    hidden = [r for r in rows(shown["csv"]) if r["moderation"] == "hidden"]
    assert [(r["participant"], r["text"], r["withheld"]) for r in hidden] == [
        ("Deltagare 2", SECRET, "")
    ]


async def test_a_ballot_cannot_be_linked_to_anyone(sessions: Path, tmp_path: Path) -> None:
    # Even in a session with names: whoever holds the group back stays unknown.
    path = await finished_session(with_names(bundled("stjarnklass-sv")), sessions, script())
    files = export(path, tmp_path, "csv", "json", names=True)
    answers = rows(files["csv"])
    data = json.loads(files["json"].read_text(encoding="utf-8"))
    for kind in ("consensus", "levels"):
        ballot = [r for r in answers if r["kind"] == kind]
        assert ballot
        assert {(r["participant"], r["name"], r["answered_at"]) for r in ballot} == {("", "", "")}
        ballot_json = [r for s in data["steps"] for r in s["rows"] if r["kind"] == kind]
        assert {(r["participant"], r["name"], r["answered_at"]) for r in ballot_json} == {
            (None, None, None)
        }
    # Sorted by the fist, not by who showed it: the holdout joined last, the keenest first.
    fists = [(r["round"], r["number"]) for r in answers if r["kind"] == "consensus"]
    assert fists == [("1", "2"), ("1", "4"), ("1", "4"), ("1", "5")] + [("2", "4")] * 3 + [
        ("2", "5")
    ]


async def test_the_fist_of_five_reads_as_its_spread_and_verdict(
    sessions: Path, tmp_path: Path
) -> None:
    workshop = bundled("stjarnklass-sv")
    path = await finished_session(workshop, sessions, script())
    markdown = export(path, tmp_path, "md")["md"].read_text(encoding="utf-8")
    steps = workshop[0].steps
    fist = next(n for n, s in enumerate(steps, 1) if s.kind == "consensus")
    step = markdown[markdown.index(f"### {fist}. {steps[fist - 1].title}") :].split("\n### ")[0]
    spread = "(0: 0 · 1: 0 · 2: {} · 3: 0 · 4: {} · 5: 1)"
    assert f"- Omgång 1: inte eniga; 4 svar, 1 under gränsen {spread.format(1, 2)}" in step
    assert f"- Omgång 2: eniga; 4 svar, 0 under gränsen {spread.format(0, 3)}" in step
    # The spread in figures, not "3 fingrar" per person (the step's own title may say fingers).
    assert not any("fingrar" in line for line in step.splitlines() if line.startswith("- "))


async def test_scale_items_are_in_the_decks_order(sessions: Path, tmp_path: Path) -> None:
    workshop = bundled("stjarnklass-sv")
    path = await finished_session(workshop, sessions, script())
    markdown = export(path, tmp_path, "md")["md"].read_text(encoding="utf-8")
    [step] = [s for s in workshop[0].steps if isinstance(s, ScaleStep)]
    places = [markdown.index(f"- {item}: medel") for item in step.items]
    assert places == sorted(places)


@pytest.mark.parametrize(
    ("flags", "projector"),
    [([], "the exports name nobody"), (["--names"], "Names are shown in the exports")],
)
async def test_the_lobby_says_whether_the_exports_name_people(
    sessions: Path, flags: list[str], projector: str
) -> None:
    """`run --names` keeps the setting in the session; the projector's lobby says it, and the
    phone's lobby view carries it for the phone to say."""
    args = cli._parser().parse_args(
        ["run", "stjarnklass-en", "--sessions-dir", str(sessions), *flags]
    )
    hub = cli._open_hub(args)
    app = ProjectorApp(hub, None, info=INFO)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert hub.state.current == 0 and hub.state.workshop.steps[0].kind == "lobby"
        assert projector in " ".join(screen_text(app).split())
        view = step_view(hub.state, hub.clock())
        assert view is not None
        assert view["names_exported"] is bool(flags)
    assert hub.state.workshop.workshop.names is bool(flags), "kept in the session"
