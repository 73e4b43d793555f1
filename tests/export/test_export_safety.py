"""Exports only read the session, even while it runs, and participants' text stays inert."""

from __future__ import annotations

import csv
import io
import json
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from tests.export.export_sessions import (
    HOSTILE,
    Script,
    bundled,
    clock_at,
    finished_session,
    run_workshop,
    with_names,
)
from workshop_tui.export import FORMATS, export_session
from workshop_tui.session import store
from workshop_tui.session.hub import Hub
from workshop_tui.session.store import read_session

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _fingerprint(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(folder.iterdir())}


async def test_exporting_a_live_session_changes_none_of_its_files(
    sessions: Path, tmp_path: Path
) -> None:
    workshop, cards = bundled("stjarnklass-sv")
    hub = Hub.create(workshop, cards, sessions, clock=clock_at("2026-01-15T09:00:00"))
    await hub.start()
    try:
        await run_workshop(hub, Script())
        before = _fingerprint(sessions)
        # The journal holds answers not yet in the database: the export must read both.
        assert (sessions / f"{hub.path.name}.wal").stat().st_size > 0
        for fmt in FORMATS:
            export_session(hub.path, fmt, tmp_path / "out")
        assert _fingerprint(sessions) == before
        data = json.loads((tmp_path / "out" / f"{hub.path.stem}-outcome.json").read_text())
        assert data["levels"][0]["locked_round"] == 2
        assert data["card"]["campaign"]["title"] == "Hälsningstävlingen"
    finally:
        await hub.close()


async def test_a_closed_session_is_read_without_a_lock_or_any_change(sessions: Path) -> None:
    path = await finished_session(bundled("stjarnklass-fi"), sessions)
    wal = path.with_name(path.name + ".wal")
    with wal.open("ab") as journal:
        journal.write(b"0000 {torn")  # a line cut short by a crash: never acknowledged
    before = _fingerprint(sessions)
    meta, commands = read_session(path)
    assert meta["room"] and commands
    assert _fingerprint(sessions) == before


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.attributes: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.attributes.update(name for name, _ in attrs)


async def test_hostile_text_stays_inert_in_every_format(sessions: Path, tmp_path: Path) -> None:
    script = Script(names=["=SUM(1+1)", "@cmd", "<b>Bo</b>"], text=HOSTILE, owner=HOSTILE[:80])
    # Named, so that the names reach the CSV and the JSON too.
    path = await finished_session(with_names(bundled("stjarnklass-sv")), sessions, script)
    out = {fmt: export_session(path, fmt, tmp_path, names=True)[0] for fmt in FORMATS}

    html = out["card"].read_text(encoding="utf-8")
    tags = _Tags()
    tags.feed(html)
    own = {"html", "head", "meta", "title", "style", "body", "main", "section", "div", "p", "b"}
    assert tags.tags <= own
    assert tags.tags >= {"section", "p"} and "onerror" not in tags.attributes
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "\u202e" not in html and "[U+202E]evil" in html
    assert "http://" not in html.replace("http://evil.example", "")

    markdown = out["md"].read_text(encoding="utf-8")
    assert "<img" not in markdown.replace("\\<img", "")
    assert "\\<b\\>Bo\\</b\\>" not in markdown  # names never appear in the Markdown
    assert "\u202e" not in markdown

    rows = list(csv.reader(io.StringIO(out["csv"].read_text(encoding="utf-8-sig"))))
    cells = [cell for row in rows for cell in row]
    assert not [cell for cell in cells if cell.startswith(FORMULA_STARTS)]
    assert "'=SUM(1+1)" in cells and "'@cmd" in cells
    assert any(cell.startswith("'=HYPERLINK(") for cell in cells)
    assert not [cell for cell in cells if "\u202e" in cell]

    # JSON is data for other programs: the exact text, safely quoted by the JSON encoder.
    data = json.loads(out["json"].read_text(encoding="utf-8"))
    assert data["card"]["campaign"]["goal"] == f"{HOSTILE} (goal)"

    pdf = subprocess.run(
        ["pdftotext", str(out["pdf"]), "-"], capture_output=True, check=True, text=True
    ).stdout
    assert "[U+202E]evil" in " ".join(pdf.split()) and "\u202e" not in pdf
    assert out["png"].read_bytes().startswith(b"\x89PNG")


async def test_a_checkpoint_during_the_read_is_noticed_and_the_read_repeated(
    sessions: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    workshop, cards = bundled("stjarnklass-en")
    hub = Hub.create(workshop, cards, sessions, clock=clock_at("2026-01-15T09:00:00"))
    await hub.start()
    try:
        await run_workshop(hub, Script())
        real = store._read_journal
        calls = 0

        def checkpoint_first(wal: Path, checkpointed: int) -> tuple[list[Any], int]:
            nonlocal calls
            calls += 1
            if calls == 1:
                # The running session moves the journal into the database right now.
                hub.store.checkpoint()
            return real(wal, checkpointed)

        monkeypatch.setattr(store, "_read_journal", checkpoint_first)
        _, commands = read_session(hub.path)
        assert calls == 2
        assert commands == hub.store.commands
    finally:
        await hub.close()
