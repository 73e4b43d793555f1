"""The organisation report (`report --all`), its CSV, and the brief for a group's new coach,
checked against the sessions of five groups (tests/export/org_sessions.py)."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest

from tests.export.org_sessions import TODAY, organisation
from workshop_tui import cli
from workshop_tui.export.source import load_session
from workshop_tui.group.group_brief import brief_html
from workshop_tui.group.org_report import org_csv, org_html
from workshop_tui.group.organisation import (
    GENERAL,
    below_middle,
    card_use,
    culture_spread,
    evenness,
    gather_all,
    role_of,
)


def test_a_sessions_role_is_its_headers_or_its_workshops_else_general() -> None:
    assert role_of({}) == GENERAL
    assert role_of({"role": "reception"}) == "reception"
    assert role_of({"workshop": {"workshop": {"role": "cleaning"}}}) == "cleaning"


async def test_every_figure_of_the_organisation_comes_from_its_sessions(tmp_path: Path) -> None:
    org_files = await organisation(tmp_path)
    other = tmp_path / "laptop-3"
    other.mkdir()
    shutil.copy(org_files.kassan[0], other / "kopia.json")  # the same session, copied
    shutil.copy(org_files.lagret, other / org_files.lagret.name)
    (other / "notes.json").write_text('{"not": "a session"}')
    (other / "torn.json").write_bytes(b"\x00\xff{")
    org = gather_all([org_files.folder, other], TODAY)
    assert sorted(Path(s.split(": ")[0]).name for s in org.skipped) == ["notes.json", "torn.json"]
    groups = {g.group: g for g in org.groups}
    assert list(groups) == ["Kassan", "Keittiö", "Lagret", "Receptionen", "Vaktmästarna"]
    assert [len(g.sittings) for g in org.groups] == [3, 1, 1, 1, 1], "a copy counts once"

    kassan, keittio, lagret = groups["Kassan"], groups["Keittiö"], groups["Lagret"]
    reception, vakt = groups["Receptionen"], groups["Vaktmästarna"]
    assert [(g.last_held.isoformat(), g.days_since, g.not_met) for g in org.groups] == [
        ("2026-09-14", 67, False),
        ("2026-09-20", 61, False),
        ("2026-05-04", 200, True),
        ("2026-10-01", 50, False),
        ("2026-10-01", 50, False),
    ]
    # The level as it stands: Receptionen's (from its export) and its copy's are drafts.
    assert [g.draft for g in org.groups] == [False, False, False, True, True]
    march = load_session(org_files.kassan[0])
    assert kassan.level_sitting is not None
    assert kassan.level_sitting.point.session == march.path.name
    # Campaigns in the last twelve months, followed up, and every overdue follow-up.
    assert [(len(g.year), g.followed_up, len(g.overdue)) for g in org.groups] == [
        (3, 2, 0),
        (1, 0, 0),
        (1, 0, 1),
        (1, 0, 0),
        (1, 0, 0),
    ]
    assert [g.behind for g in org.groups] == [True] * 5
    # The managers' commitments from March, rated 3 of 5 by September's card check.
    commitments = kassan.commitments
    assert commitments is not None and commitments.judged == 3.0
    assert str(commitments.judged_on) == "2026-09-14"
    assert [count for _, count in commitments.chosen] == [1, 1, 1]
    assert lagret.commitments is not None and lagret.commitments.judged is None

    # Evenness: the sv general ladder holds Kassan, Lagret and Receptionen; Keittiö (fi) and
    # Vaktmästarna (cleaning) each hold a ladder of their own, never compared with it.
    ladders = {(a.workshop, a.role) for a in evenness(org)}
    assert ladders == {
        ("stjarnklass-sv", GENERAL),
        ("stjarnklass-fi", GENERAL),
        ("stjarnklass-sv", "cleaning"),
    }
    greeting = next(
        a
        for a in evenness(org)
        if a.area_id == "greeting" and a.role == GENERAL and a.workshop == "stjarnklass-sv"
    )
    assert greeting.rungs == (("Kassan", 1), ("Lagret", 1), ("Receptionen", 2))
    assert greeting.spread == 1 and greeting.most_common == (1, 2)
    assert keittio.ladder == ("stjarnklass-fi", GENERAL)
    assert vakt.ladder == ("stjarnklass-sv", "cleaning")
    assert reception.ladder == ("stjarnklass-sv", GENERAL)

    # The culture scale: Kassan 4, Keittiö 3 and 4 in turn, Receptionen and its copy 2,
    # Lagret 1; the middle is 2 and Lagret is furthest below it.
    spreads = culture_spread(org, "sv")
    assert len(spreads) == 8
    assert [(s.low, s.median, s.high) for s in spreads[:2]] == [(1, 2, 4), (1, 2, 4)]
    assert spreads[0].item.startswith("Affärsmannaskap"), "named in the report's language"
    assert below_middle(org) == (2.0, [("Lagret", 1.0)])
    # Cards: greeting-contest chosen four times, moved customers once (everyone said yes).
    uses = card_use(org)
    assert [(u.card_id, u.chosen, u.followed_up, u.moved) for u in uses] == [
        ("greeting-contest", 4, 1, 1),
        ("ten-seconds", 2, 0, 0),
        ("names", 1, 1, 0),
    ]
    assert uses[0].reached == {"yes": 3} and uses[2].reached == {"partly": 3}

    # The CSV parses and holds the table.
    rows = list(csv.DictReader(io.StringIO(org_csv(org))))
    assert [r["group"] for r in rows] == list(groups)
    assert rows[0] == {
        "group": "Kassan",
        "last_session": "2026-09-14",
        "days_since": "67",
        "not_met_for_a_quarter": "no",
        "workshop": "stjarnklass-sv",
        "role": "general",
        "level": "agreed",
        "level_date": "2026-03-02",
        "culture_mean": "4.0",
        "campaigns_started_12m": "3",
        "campaigns_per_year": "4",
        "followed_up_12m": "2",
        "follow_ups_overdue": "0",
        "commitments_judged": "3.0",
    }
    assert rows[3]["level"] == "draft" and rows[2]["not_met_for_a_quarter"] == "yes"

    # Groups, never people: no participant's name or pseudonym anywhere.
    html = org_html(org, "sv")
    for name in ("Åsa", "Päivi", "Örjan", "Deltagare", "Osallistuja"):
        assert name not in html and name not in org_csv(org)


async def test_the_brief_for_a_new_coach_matches_the_groups_sessions(tmp_path: Path) -> None:
    org_files = await organisation(tmp_path)
    org = gather_all([org_files.folder], TODAY)
    kassan = org.group(" kassan ")
    assert kassan is not None
    march, _, september = (load_session(p) for p in org_files.kassan)
    html = brief_html(kassan, "sv")
    assert 'data-draft="false"' in html and "överenskommen 2026-03-02" in html
    from workshop_tui.domain.service_card import service_card

    for area in service_card(march.state).areas:
        assert area.level_text is not None and area.level_text in html
    plan = service_card(september.state).campaign
    assert plan is not None and plan.title in html and plan.goal in html
    assert 'data-followup="2026-12-07"' in html
    # September's follow-up: everyone partly, and what changed.
    assert 'data-reached="partly" data-count="3"' in html
    assert 'data-reached="yes" data-count="0"' in html
    assert 'data-due="2026-12-07"' in html and "Senast 2026-12-07." in html
    lagret = org.group("Lagret")
    assert lagret is not None
    assert "Försenat sedan 2026-06-22." in brief_html(lagret, "sv")


async def test_the_commands_write_the_report_its_csv_and_the_brief(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    org_files = await organisation(tmp_path)
    (org_files.folder / "notes.json").write_text("[]")
    out = tmp_path / "out"
    argv = ["report", "--all", "--sessions-dir", str(org_files.folder), "--out", str(out)]
    assert cli.main([*argv, "--lang", "fi"]) == 0
    said = capsys.readouterr()
    assert said.out.split() == [str(out / "organisation.html"), str(out / "organisation.csv")]
    assert "notes.json" in said.err
    html = (out / "organisation.html").read_text(encoding="utf-8")
    assert '<html lang="fi">' in html and "Organisaation palvelutaso" in html
    assert "<script" not in html and "http" not in html, "self-contained, nothing to fetch"
    brief = ["group", "Lagret", "--sessions-dir", str(org_files.folder), "--out", str(out)]
    assert cli.main([*brief, "--lang", "en"]) == 0
    assert capsys.readouterr().out.strip() == str(out / "brief-lagret.html")
    assert (
        cli.main(["group", "Köket", "--sessions-dir", str(org_files.folder), "--out", str(out)])
        == 1
    )
    assert "Köket" in capsys.readouterr().err
