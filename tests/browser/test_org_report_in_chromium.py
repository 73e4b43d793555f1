"""The organisation report in Debian's chromium: five groups' sessions rendered, the figures on
the page checked against the organisation they were read into; nothing fetched, and it prints."""

from __future__ import annotations

import asyncio
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from tests.export.org_sessions import TODAY, Organisation, organisation
from workshop_tui.group.org_report import write_org_report
from workshop_tui.group.organisation import evenness, gather_all, overall

pytestmark = pytest.mark.browser


def _organisation(root: Path) -> Organisation:
    # Playwright's sync API keeps an event loop running in this thread.
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, organisation(root)).result(120)


def test_the_organisation_report_shows_every_group_as_its_sessions_hold_it(
    browser: Browser, tmp_path: Path
) -> None:
    files = _organisation(tmp_path)
    (files.folder / "notes.json").write_text('{"not": "a session"}')
    org = gather_all([files.folder], TODAY)
    html, _ = write_org_report(org, "sv", tmp_path / "out")

    page = browser.new_page(viewport={"width": 1000, "height": 1400})
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(html.as_uri())
    page.wait_for_load_state("load")
    assert requests == [html.as_uri()], "nothing is fetched"
    assert page.inner_text("h1") == "Organisationens servicenivå, grupp för grupp"

    rows = page.locator("#groups tbody tr")
    assert rows.count() == len(org.groups) == 5
    for index, group in enumerate(org.groups):
        row = rows.nth(index)
        assert row.get_attribute("data-group") == group.group
        assert row.locator("td").nth(0).get_attribute("data-days") == str(group.days_since)
        assert (row.locator(".flag").count() > 0 and "inte träffats" in row.inner_text()) == (
            group.not_met
        )
        level = row.locator("td").nth(1)
        assert level.get_attribute("data-draft") == str(group.draft).lower()
        assert ("utkast" in level.inner_text()) == group.draft
        figure = overall(group)
        assert figure is not None
        assert row.locator("td").nth(2).get_attribute("data-mean") == str(round(figure, 2))
        assert row.locator("[data-started]").inner_text() == f"{len(group.year)} av 4"
        assert row.locator("[data-followed-up]").inner_text() == str(group.followed_up)
        assert row.locator("[data-overdue]").inner_text() == str(len(group.overdue))
    assert page.locator('#groups tr[data-not-met="true"]').get_attribute("data-group") == "Lagret"

    # Evenness: one table per ladder; each area's dots sit at the groups' rungs.
    assert page.locator("#evenness table").count() == 3
    for area in evenness(org):
        row = page.locator(
            f'#evenness tr[data-workshop="{area.workshop}"][data-role="{area.role}"]'
            f'[data-area="{area.area_id}"]'
        )
        assert row.get_attribute("data-spread") == str(area.spread)
        dots = row.locator("circle.rung-dot")
        shown = [
            (dots.nth(i).get_attribute("data-group"), dots.nth(i).get_attribute("data-rung"))
            for i in range(dots.count())
        ]
        assert shown == [(group, str(rung)) for group, rung in area.rungs]

    spread = page.locator("#culture line.spread").first
    assert (spread.get_attribute("data-low"), spread.get_attribute("data-median")) == ("1.0", "2.0")
    assert spread.get_attribute("data-high") == "4.0"
    assert page.locator("#below li").get_attribute("data-group") == "Lagret"
    first_card = page.locator("#cards tbody tr").first
    assert first_card.get_attribute("data-card") == "greeting-contest"
    assert (first_card.get_attribute("data-chosen"), first_card.get_attribute("data-moved")) == (
        "4",
        "1",
    )
    judged = page.locator('section.group[data-group="Kassan"] .judged').inner_text()
    assert judged == "Uppföljningen gav chefernas åtaganden 3,0 av 5 (2026-09-14)."
    assert "notes.json" in page.inner_text("#skipped")
    for name in ("Åsa", "Päivi", "Örjan"):
        assert name not in page.content()

    page.emulate_media(media="print")
    pdf = tmp_path / "printed.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=True)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, check=True, text=True)
    assert "(A4)" in info.stdout
    page.close()
