"""The group's history across sessions and folders, and `workshop-tui report`."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from tests.export.history_sessions import GROUP, MAY_LEVELS, TODAY, group_year
from workshop_tui import cli
from workshop_tui.group.history import gather, quarters


async def test_the_history_follows_the_group_through_its_year(tmp_path: Path) -> None:
    year = await group_year(tmp_path / "laptop-1")
    history = gather([year.folder], " kassan åbo ", TODAY)
    assert history is not None and history.group == GROUP
    assert [s.session for s in history.sessions] == [
        year.january.name,
        year.march.name,
        year.may.name,
    ]
    january, march, may = history.sessions
    assert january.locked and may.locked and not march.locked
    areas = range(len(january.levels))
    assert len(areas) == len(may.levels) == 4, "the bundled ladder's four areas"
    assert [a.level for a in january.levels] == [i % 2 for i in areas]
    assert [a.level for a in may.levels] == [MAY_LEVELS[i] for i in areas]

    states = [(e.campaign.session, e.state) for e in history.campaigns]
    assert states == [
        (year.january.name, "followed up"),
        (year.march.name, "followed up"),
        (year.may.name, "follow-up due"),
    ]
    first, second, _ = history.campaigns
    assert first.followed_up is not None and first.followed_up.session == year.march.name
    assert second.followed_up is not None and second.followed_up.session == year.may.name
    answers = history.followup_of(second)
    assert answers is not None and answers.reached == {"partly": 3}
    assert answers.changed == (year.scripts[2].text,) * 3

    culture = [scale for s in (january, may) for scale in s.scales if scale.step_id == "culture"]
    assert [len(c.items) for c in culture] == [8, 8]
    assert culture[0].means == tuple(float(2 + i % 4) for i in range(8))

    spans = quarters(history.campaigns, date(2026, 1, 15), TODAY)
    assert [(q.number, q.gap) for q in spans] == [(1, False), (2, False), (3, True), (4, False)]


async def test_several_folders_count_a_copied_session_once_and_skip_foreign_files(
    tmp_path: Path,
) -> None:
    year = await group_year(tmp_path / "laptop-1")
    other = tmp_path / "laptop-2"
    other.mkdir()
    shutil.copy(year.march, other / year.march.name)  # copied across, and renamed
    shutil.copy(year.march, other / "kopia.json")
    (other / "notes.json").write_text('{"not": "a session"}')
    (other / "torn.json").write_bytes(b"\x00\xff{")
    history = gather([year.folder, other], GROUP, TODAY)
    assert history is not None
    assert len(history.sessions) == 3
    assert sorted(Path(s.split(": ")[0]).name for s in history.skipped) == [
        "notes.json",
        "torn.json",
    ]
    assert gather([other], "Köket", TODAY) is None


async def test_the_command_writes_the_report_and_lists_what_it_skipped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    year = await group_year(tmp_path / "sessions")
    (year.folder / "notes.json").write_text("[]")
    out = tmp_path / "report"
    argv = ["report", "--group", GROUP, "--sessions-dir", str(year.folder), "--out", str(out)]
    assert cli.main([*argv, "--lang", "sv"]) == 0
    said = capsys.readouterr()
    [written] = out.glob("*.html")
    assert said.out.strip() == str(written) and written.name == "history-kassan-åbo.html"
    assert "notes.json" in said.err
    html = written.read_text(encoding="utf-8")
    assert "<script" not in html and "http" not in html, "self-contained, nothing to fetch"
    assert "@media print" in html and "<svg" in html
    for name in ("Åsa", "Päivi", "Örjan"):
        assert name not in html.replace("Åsa Öberg", ""), "the owner is the plan's, not a phone's"
    assert (
        cli.main(
            ["report", "--group", "Köket", "--sessions-dir", str(year.folder), "--out", str(out)]
        )
        == 1
    )
    assert "Köket" in capsys.readouterr().err


async def test_the_report_is_written_in_the_language_asked_for(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    year = await group_year(tmp_path / "sessions")
    out = tmp_path / "report"
    argv = ["report", "--group", GROUP, "--sessions-dir", str(year.folder), "--out", str(out)]
    assert cli.main(argv) == 0
    [written] = out.glob("*.html")
    # Without --lang, in the language the group's sessions were run in (Swedish)...
    assert '<html lang="sv"' in written.read_text(encoding="utf-8")
    assert cli.main([*argv, "--lang", "en"]) == 0
    # ...and with it, in the one asked for.
    assert '<html lang="en"' in written.read_text(encoding="utf-8")
    capsys.readouterr()
