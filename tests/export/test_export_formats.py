"""Every export format, made from real finished sessions run through the hub."""

from __future__ import annotations

import csv
import io
import json
import subprocess
from html import escape
from pathlib import Path
from typing import cast

import pytest
from PIL import Image

from tests.export.export_sessions import Script, bundled, expected_levels, finished_session
from workshop_tui.domain.commands import Answer, GoTo, LockLevels, NewRound, SetLadder
from workshop_tui.export import FORMATS, export_session, fonts, pocket_pdf, sheet
from workshop_tui.export.outcome import build_outcome
from workshop_tui.export.pocket import pocket_paragraphs
from workshop_tui.export.source import load_session
from workshop_tui.session.hub import Hub

LANGUAGES = ("stjarnklass-sv", "stjarnklass-fi", "stjarnklass-en")


def _pdf_text(path: Path) -> str:
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout
    return " ".join(text.split())


@pytest.mark.parametrize("workshop_id", LANGUAGES)
async def test_the_card_shows_the_levels_and_campaign_the_group_chose(
    workshop_id: str, sessions: Path, tmp_path: Path
) -> None:
    workshop = bundled(workshop_id)
    script = Script()
    path = await finished_session(workshop, sessions, script)
    outcome = build_outcome(load_session(path))
    expected = expected_levels(workshop[0], script)
    card = pocket_paragraphs(outcome)
    shown = {
        p.runs[0].text.rstrip(":"): p.runs[1].text.strip()
        for p in card
        if p.runs[0].text.rstrip(":") in expected
    }
    assert shown == expected
    campaign = outcome.card.campaign
    assert campaign is not None
    cards = workshop[1][next(iter(workshop[1]))].cards
    assert (campaign.title, campaign.start, campaign.end) == (
        cards[0].title,
        script.start,
        script.end,
    )

    html = export_session(path, "card", tmp_path)[0].read_text(encoding="utf-8")
    pdf = _pdf_text(export_session(path, "pdf", tmp_path)[0])
    for text in [*expected.values(), campaign.title, script.owner, outcome.group]:
        assert escape(text) in html
        # pdftotext joins wrapped lines with a space, like the normalisation above.
        assert " ".join(text.split()) in pdf
    assert f'lang="{workshop[0].workshop.language}"' in html


async def test_every_format_is_written_from_the_session_file(
    sessions: Path, tmp_path: Path
) -> None:
    workshop = bundled("stjarnklass-sv")
    script = Script()
    path = await finished_session(workshop, sessions, script)
    out = tmp_path / "out"
    files = {fmt: export_session(path, fmt, out) for fmt in FORMATS}
    assert all(len(paths) == 1 and paths[0].stat().st_size > 0 for paths in files.values())
    assert len({paths[0] for paths in files.values()}) == len(FORMATS)

    data = json.loads(files["json"][0].read_text(encoding="utf-8"))
    assert (data["format"], data["version"]) == ("workshop-tui-outcome", 3)
    card = data["card"]
    assert card["locked_round"] == 2
    assert {a["name"]: a["level_text"] for a in card["areas"]} == expected_levels(
        workshop[0], script
    )
    assert card["consensus"]["status"] == "agreed"
    assert card["campaign"]["owner"] == "Åsa Öberg"
    levels = data["levels"][0]
    assert levels["locked_round"] == 2
    assert [len(a["rounds"]) for a in levels["areas"]] == [2] * len(levels["areas"])
    assert [r["agreed"] for r in data["consensus"][0]["rounds"]] == [False, True]

    markdown = files["md"][0].read_text(encoding="utf-8")
    assert markdown.startswith(f"# Servicekort: {workshop[0].workshop.title}")
    for text in expected_levels(workshop[0], script).values():
        assert text in markdown
    assert "Omgång 1" in markdown and "Omgång 2" in markdown

    raw = files["csv"][0].read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    outcome = build_outcome(load_session(path))
    assert len(rows) == sum(len(step.rows) for step in outcome.steps)
    assert "name" not in rows[0], "anonymous unless the lobby said otherwise"
    assert {r["participant"] for r in rows if r["kind"] == "prompt"} == {
        f"Deltagare {n}" for n in range(1, len(script.names) + 1)
    }
    level_rows = [r for r in rows if r["kind"] == "levels" and r["round"] == "2"]
    assert len(level_rows) == len(script.names) * len(outcome.levels[0].areas)

    with Image.open(files["png"][0]) as image:
        assert image.size == (1011, 638)
        assert image.info["dpi"] == pytest.approx((300, 300), abs=0.1)


async def test_the_pdf_is_one_page_of_ten_cards(sessions: Path, tmp_path: Path) -> None:
    path = await finished_session(bundled("stjarnklass-fi"), sessions)
    pdf = export_session(path, "pdf", tmp_path)[0]
    subprocess.run(["pdftoppm", "-r", "150", "-png", str(pdf), str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page*.png"))
    assert len(pages) == 1
    with Image.open(pages[0]) as image:
        grey = image.convert("L")
        assert grey.size == (1241, 1754)  # A4 at 150 dpi

        def darkest(x_mm: float, y_mm: float) -> int:
            x, y = round(x_mm / 25.4 * 150), round(y_mm / 25.4 * 150)
            return min(cast(int, grey.getpixel((x + dx, y))) for dx in range(-2, 3))

        # A crop mark in the top margin above every vertical cut, none in the corner.
        for x_mm in (sheet.LEFT, sheet.LEFT + sheet.CARD_WIDTH, sheet.LEFT + 2 * sheet.CARD_WIDTH):
            assert darkest(x_mm, sheet.TOP - 4) < 128
        assert darkest(5, 5) == 255
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, check=True, text=True)
    assert "Pages:           1" in info.stdout
    assert "(A4)" in info.stdout
    assert _pdf_text(pdf).count("Palvelukortti") == 10


async def test_an_unknown_format_is_refused_before_anything_is_written(
    sessions: Path, tmp_path: Path
) -> None:
    path = await finished_session(bundled("stjarnklass-en"), sessions)
    with pytest.raises(ValueError, match="card, pdf, png, md, json, csv"):
        export_session(path, "docx", tmp_path / "out")
    assert not (tmp_path / "out").exists()


async def test_earlier_rounds_keep_the_rungs_they_were_voted_on(hub: Hub, tmp_path: Path) -> None:
    ann, _ = await hub.join("Ann")
    level = next(i for i, s in enumerate(hub.state.workshop.steps) if s.id == "level")
    await hub.execute(GoTo(level, 1.0))
    await hub.execute(Answer(ann.id, "level", {"rungs": {"greeting": 1, "calls": 0}}, "a", 2.0))
    await hub.execute(NewRound("level"))
    await hub.execute(SetLadder("level", "greeting", ("Nod", "Say hello", "Say hello by name")))
    await hub.execute(Answer(ann.id, "level", {"rungs": {"greeting": 2, "calls": 1}}, "b", 3.0))
    await hub.execute(LockLevels("level"))
    outcome = build_outcome(load_session(hub.path))
    first, second = outcome.levels[0].areas[0].rounds
    assert first.rungs[first.level or 0] == "I greet everyone I meet"
    assert second.rungs[second.level or 0] == "Say hello by name"
    assert outcome.card.areas[0].level_text == "Say hello by name"
    rows = [r for s in outcome.steps for r in s.rows if r.kind == "levels" and r.item == "Greeting"]
    assert [(r.round, r.text) for r in rows] == [
        (1, "I greet everyone I meet"),
        (2, "Say hello by name"),
    ]


async def test_without_dejavu_the_card_falls_back_and_still_prints(
    sessions: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = await finished_session(bundled("stjarnklass-sv"), sessions, Script(owner="Åsa Ωmega"))
    monkeypatch.setattr(fonts, "dejavu", lambda: None)
    monkeypatch.setattr(pocket_pdf, "dejavu", lambda: None)
    fonts.pillow_font.cache_clear()
    try:
        pdf = _pdf_text(export_session(path, "pdf", tmp_path)[0])
        png = export_session(path, "png", tmp_path)[0]
    finally:
        fonts.pillow_font.cache_clear()
    # Latin-1 letters survive in the core font; the rest print as '?'.
    assert "Åsa ?mega" in pdf and "Hälsningstävlingen" in pdf
    with Image.open(png) as image:
        assert image.size == (1011, 638)
