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
from workshop_tui import cli
from workshop_tui.domain import tally
from workshop_tui.domain.commands import Answer, Moderate
from workshop_tui.domain.deck import PromptStep, ScaleStep, Step
from workshop_tui.export import FORMATS, NamesNotAnnounced, export_formats, exports_folder
from workshop_tui.export.outcome import build_outcome
from workshop_tui.export.pocket import pocket_paragraphs
from workshop_tui.export.source import load_session
from workshop_tui.hub import Hub

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


def texts(files: list[Path]) -> dict[str, str]:
    """Every export's text by format: the PDF through pdftotext, the PNG by the card's text it
    is drawn from (the same paragraphs as the HTML and the PDF)."""
    found = {}
    for path in files:
        fmt = next(f for f in FORMATS if path.name.endswith(_suffix(f)))
        if fmt == "pdf":
            found[fmt] = subprocess.run(
                ["pdftotext", str(path), "-"], capture_output=True, check=True, text=True
            ).stdout
        elif fmt != "png":
            found[fmt] = path.read_text(encoding="utf-8-sig")
    return found


def _suffix(fmt: str) -> str:
    return {"card": "-card.html", "pdf": "-card.pdf", "png": "-card.png"}.get(
        fmt, {"md": "-outcome.md", "json": "-outcome.json", "csv": "-answers.csv"}.get(fmt, "")
    )


def rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


def the(files: list[Path], fmt: str) -> Path:
    return next(p for p in files if p.name.endswith(_suffix(fmt)))


async def test_by_default_no_export_names_anyone(sessions: Path, tmp_path: Path) -> None:
    path = await finished_session(bundled("stjarnklass-sv"), sessions, script())
    files = export_formats(path, FORMATS, tmp_path / "out")
    found = texts(files)
    card = " ".join(
        run.text for p in pocket_paragraphs(build_outcome(load_session(path))) for run in p.runs
    )
    found["png"] = card
    assert set(found) == set(FORMATS)
    for fmt, text in found.items():
        for name in NAMES:
            for part in name.split():
                assert part not in text, f"{part} in the {fmt} export"

    # Pseudonyms by join order, the same in a second export.
    answers = rows(the(files, "csv"))
    assert "name" not in answers[0]
    memory = [r for r in answers if r["step_id"] == "memory" and not r["withheld"]]
    assert (memory[0]["participant"], memory[0]["text"]) == ("Deltagare 1", f"{Script().text} 0")
    assert {r["participant"] for r in answers if r["participant"]} == {
        f"Deltagare {n}" for n in range(1, len(NAMES) + 1)
    }
    again = rows(the(export_formats(path, ("csv",), tmp_path / "again"), "csv"))
    assert again == answers


async def test_names_only_when_the_lobby_said_so(sessions: Path, tmp_path: Path) -> None:
    anonymous = await finished_session(bundled("stjarnklass-sv"), sessions, script())
    with pytest.raises(NamesNotAnnounced):
        export_formats(anonymous, FORMATS, tmp_path / "refused", names=True)
    assert not (tmp_path / "refused").exists()

    named = await finished_session(with_names(bundled("stjarnklass-sv")), sessions, script())
    default = texts(export_formats(named, FORMATS, tmp_path / "default"))
    assert not [name for name in NAMES for text in default.values() if name in text]

    files = export_formats(named, FORMATS, tmp_path / "named", names=True)
    answers = rows(the(files, "csv"))
    memory = [r for r in answers if r["step_id"] == "memory" and not r["withheld"]]
    assert (memory[0]["participant"], memory[0]["name"]) == ("Deltagare 1", NAMES[0])
    assert {r["name"] for r in answers if r["name"]} == set(NAMES)
    data = json.loads(the(files, "json").read_text(encoding="utf-8"))
    assert data["names"] is True
    assert {r["name"] for s in data["steps"] for r in s["rows"] if r["name"]} == set(NAMES)
    # Even with names, a ballot names nobody.
    assert not [r for r in answers if r["kind"] in ("levels", "consensus") and r["name"]]


async def test_the_command_line_refuses_names_a_session_did_not_announce(
    sessions: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = await finished_session(bundled("stjarnklass-en"), sessions, script())
    out = tmp_path / "out"
    assert (
        cli.main(
            ["--lang", "en", "export", str(path), "--format", "csv", "--names", "--out", str(out)]
        )
        == 1
    )
    assert "name nobody" in capsys.readouterr().err
    assert not out.exists()
    # The old flag is still accepted, and changes nothing: anonymous is the default.
    assert cli.main(["export", str(path), "--format", "csv", "--anonymous", "--out", str(out)]) == 0
    assert "name" not in rows(out / f"{path.stem}-answers.csv")[0]


async def test_exports_land_in_exports_beside_the_sessions_folder(
    sessions: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = await finished_session(bundled("stjarnklass-en"), sessions, script())
    assert exports_folder(path) == sessions.parent / "exports"
    assert cli.main(["export", str(path), "--format", "md"]) == 0
    assert capsys.readouterr().out.strip() == str(
        sessions.parent / "exports" / f"{path.stem}-outcome.md"
    )


async def test_hidden_and_held_answers_are_counted_not_printed(
    sessions: Path, tmp_path: Path
) -> None:
    path = await finished_session(bundled("stjarnklass-sv"), sessions, script())
    files = export_formats(path, FORMATS, tmp_path / "out")
    for fmt, text in texts(files).items():
        assert SECRET not in text and "Jävla" not in text, fmt
    markdown = the(files, "md").read_text(encoding="utf-8")
    assert "- 1 svar dolt av samtalsledaren, inte exporterat" in markdown
    assert "- 1 svar som ordfiltret höll kvar och som aldrig släpptes, inte exporterat" in markdown
    withheld = [r for r in rows(the(files, "csv")) if r["withheld"]]
    # Counted as rows of their own, after everyone's, with nothing that says whose they were.
    assert sorted(r["moderation"] for r in withheld) == ["held", "hidden"]
    assert {(r["participant"], r["answered_at"], r["text"]) for r in withheld} == {("", "", "")}

    shown = export_formats(path, FORMATS, tmp_path / "shown", include_hidden=True)
    markdown = the(shown, "md").read_text(encoding="utf-8")
    assert f"- {SECRET} (dolt)" in markdown
    assert "Jävla" not in markdown and "höll kvar" in markdown
    hidden = [r for r in rows(the(shown, "csv")) if r["moderation"] == "hidden"]
    assert [(r["participant"], r["text"], r["withheld"]) for r in hidden] == [
        ("Deltagare 2", SECRET, "")
    ]


async def test_a_ballot_cannot_be_linked_to_anyone(sessions: Path, tmp_path: Path) -> None:
    path = await finished_session(with_names(bundled("stjarnklass-sv")), sessions, script())
    files = export_formats(path, ("csv", "json", "md"), tmp_path, names=True)
    answers = rows(the(files, "csv"))
    for kind in ("consensus", "levels"):
        ballot = [r for r in answers if r["kind"] == kind]
        assert ballot
        assert {(r["participant"], r["name"], r["answered_at"]) for r in ballot} == {("", "", "")}
    fists = [(r["round"], r["number"]) for r in answers if r["kind"] == "consensus"]
    # Sorted by the fist, not by who showed it (the holdout joined last, the keenest first).
    assert fists == [
        ("1", "2"),
        ("1", "4"),
        ("1", "4"),
        ("1", "5"),
        ("2", "4"),
        ("2", "4"),
        ("2", "4"),
        ("2", "5"),
    ]
    data = json.loads(the(files, "json").read_text(encoding="utf-8"))
    ballots = [r for s in data["steps"] for r in s["rows"] if r["kind"] in ("consensus", "levels")]
    assert {(r["participant"], r["name"], r["answered_at"]) for r in ballots} == {
        (None, None, None)
    }


async def test_the_fist_of_five_reads_as_its_spread_and_verdict(
    sessions: Path, tmp_path: Path
) -> None:
    path = await finished_session(bundled("stjarnklass-sv"), sessions, script())
    markdown = the(export_formats(path, ("md",), tmp_path), "md").read_text(encoding="utf-8")
    step = markdown[markdown.index("### 12. Knytnäve till fem") :].split("\n### ")[0]
    assert (
        "- Omgång 1: inte eniga; 4 svar, 1 under gränsen (0: 0 · 1: 0 · 2: 1 · 3: 0 · 4: 2 · 5: 1)"
        in step
    )
    assert (
        "- Omgång 2: eniga; 4 svar, 0 under gränsen (0: 0 · 1: 0 · 2: 0 · 3: 0 · 4: 3 · 5: 1)"
        in step
    )
    assert "fingrar" not in step


async def test_scale_items_are_in_the_decks_order(sessions: Path, tmp_path: Path) -> None:
    workshop = bundled("stjarnklass-sv")
    path = await finished_session(workshop, sessions, script())
    markdown = the(export_formats(path, ("md",), tmp_path), "md").read_text(encoding="utf-8")
    [step] = [s for s in workshop[0].steps if isinstance(s, ScaleStep)]
    places = [markdown.index(f"- {item}: medel") for item in step.items]
    assert places == sorted(places)
