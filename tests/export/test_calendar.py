"""The campaign as an iCalendar file: a session's export, the register's year, read back by
the `icalendar` parser the way a calendar program reads it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from icalendar import Calendar, Event

from tests.export.export_sessions import HOSTILE, Script, bundled, finished_session
from workshop_tui import cli
from workshop_tui.export import export_formats, export_session
from workshop_tui.export.source import load_session


def events(path: Path) -> dict[str, Event]:
    """The file's events by what they are (`period`, `followup`, the UID's last part)."""
    calendar = Calendar.from_ical(path.read_bytes())
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    found: dict[str, Event] = {}
    for event in calendar.walk("VEVENT"):
        assert isinstance(event, Event)
        found[str(event["UID"])] = event
    return found


def day(event: Event, field: str) -> date:
    value = event.decoded(field)
    assert type(value) is date, f"{field} is an all-day date, not {value!r}"
    return value


async def test_a_session_exports_its_campaign_period_and_follow_up(
    sessions: Path, tmp_path: Path
) -> None:
    workshop = bundled("stjarnklass-sv")
    path = await finished_session(workshop, sessions, Script(), group="Kassan Åbo")
    [ics] = export_session(path, "ics", tmp_path / "out")
    assert ics.name == f"{path.stem}-campaign.ics"
    assert b"\r\n" in ics.read_bytes()
    found = events(ics)
    room = load_session(path).state.room
    period = found[f"{room}-20260115T0900-campaign-period@workshop-tui"]
    followup = found[f"{room}-20260115T0900-campaign-followup@workshop-tui"]
    assert len(found) == 2
    # All day from the start to the end: DTEND is the day after the last day.
    assert (day(period, "DTSTART"), day(period, "DTEND")) == (date(2026, 2, 2), date(2026, 2, 23))
    assert (day(followup, "DTSTART"), day(followup, "DTEND")) == (
        date(2026, 3, 2),
        date(2026, 3, 3),
    )
    title = workshop[1][next(iter(workshop[1]))].cards[0].title
    assert str(period["SUMMARY"]) == f"Kassan Åbo: kampanjen ”{title}”"
    assert str(followup["SUMMARY"]) == f"Kassan Åbo: uppföljning av ”{title}”"
    for event in (period, followup):
        description = str(event["DESCRIPTION"])
        assert f"Mål: {Script().text} (goal)\n" in description
        assert "Ansvarig: Åsa Öberg\n" in description
    # Exported again (as `e` does, every format at once): the same events, not new ones.
    again = export_formats(path, ("md", "ics"), tmp_path / "again")
    assert set(events(again[1])) == set(found)


async def test_hostile_campaign_text_stays_inside_its_fields(
    sessions: Path, tmp_path: Path
) -> None:
    script = Script(owner="Bo\nEND:VCALENDAR", text=f"a;b,c\nBEGIN:VEVENT {HOSTILE}")
    path = await finished_session(bundled("stjarnklass-en"), sessions, script)
    [ics] = export_session(path, "ics", tmp_path)
    found = events(ics)
    assert len(found) == 2
    description = str(next(iter(found.values()))["DESCRIPTION"])
    assert "Owner: Bo END:VCALENDAR\n" in description, "the owner stays on its line"
    assert "a;b,c\nBEGIN:VEVENT" in description and "[U+202E]evil" in description
    assert "\u202e" not in ics.read_text(encoding="utf-8")


async def test_a_session_without_a_campaign_writes_no_calendar(
    sessions: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = await finished_session(
        bundled("stjarnklass-en"), sessions, Script(choose_campaign=False)
    )
    assert export_session(path, "ics", tmp_path) == []
    assert [p.suffix for p in export_formats(path, ("md", "ics"), tmp_path)] == [".md"]
    assert cli.main(["export", str(path), "--format", "ics", "--out", str(tmp_path)]) == 1
    assert "no campaign was chosen" in capsys.readouterr().err


class _January20(date):
    """The command line's today, fixed to a day between the sessions' campaigns."""

    @classmethod
    def today(cls) -> _January20:
        return cls(2026, 1, 20)


async def test_the_register_writes_the_groups_year_with_the_sessions_uids(
    sessions: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(cli, "date", _January20)
    workshop = bundled("stjarnklass-fi")
    january = await finished_session(workshop, sessions, Script(), group="Kassa")
    april = Script(card=1, start="2026-04-06", end="2026-05-03", followup="2026-05-11")
    await finished_session(workshop, sessions, april, when="2026-01-16T09:00:00", group="Kassa")
    # Past by January 20th (followed up on the 19th): not in the year to come.
    past = Script(card=3, start="2025-12-01", end="2025-12-21", followup="2026-01-19")
    await finished_session(workshop, sessions, past, when="2025-11-20T09:00:00", group="Kassa")
    # Another group's campaign is not in Kassa's calendar.
    await finished_session(workshop, sessions, Script(card=2), group="Keittiö")

    out = tmp_path / "kassa.ics"
    argv = ["campaigns", "--group", "kassa", "--ics", "--out", str(out), "--lang", "fi"]
    assert cli.main([*argv, "--sessions-dir", str(sessions)]) == 0
    assert capsys.readouterr().out.strip() == str(out)
    year = events(out)
    starts = sorted(day(e, "DTSTART") for e in year.values())
    assert starts == [date(2026, 2, 2), date(2026, 3, 2), date(2026, 4, 6), date(2026, 5, 11)]
    assert all(str(e["SUMMARY"]).startswith("Kassa: ") for e in year.values())
    assert all("Tavoite: " in str(e["DESCRIPTION"]) for e in year.values())
    [own] = export_session(january, "ics", tmp_path / "own")
    assert set(events(own)) < set(year), "the session's own export has the same UIDs"

    default = sessions.parent / "exports" / "campaigns-kassa.ics"
    argv = ["campaigns", "--group", " Kassa ", "--ics", "--sessions-dir", str(sessions)]
    assert cli.main(argv) == 0
    assert set(events(default)) == set(year)


async def test_the_years_calendar_needs_a_group_with_campaigns(
    sessions: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    await finished_session(bundled("stjarnklass-sv"), sessions, Script(), group="Kassan")
    folder = ["--sessions-dir", str(sessions), "--lang", "sv"]
    assert cli.main(["campaigns", "--ics", *folder]) == 2
    assert "--group NAME" in capsys.readouterr().err
    assert cli.main(["campaigns", "--ics", "--group", "Köket", *folder]) == 1
    assert "ingen kalender skrevs" in capsys.readouterr().err
