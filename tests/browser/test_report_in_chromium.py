"""The group report in Debian's chromium: a year of sessions rendered, and every figure and text
on the page checked against the sessions themselves; nothing is fetched, and it prints."""

from __future__ import annotations

import asyncio
import subprocess
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from tests.export.history_sessions import GROUP, TODAY, GroupYear, group_year
from workshop_tui.catalogue import number
from workshop_tui.domain import tally
from workshop_tui.domain.deck import FollowupStep, ScaleStep
from workshop_tui.domain.service_card import service_card
from workshop_tui.export.source import load_session
from workshop_tui.group.history import gather
from workshop_tui.group.report import write_report

pytestmark = pytest.mark.browser


def _year(folder: Path) -> GroupYear:
    # Playwright's sync API keeps an event loop running in this thread.
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, group_year(folder)).result(120)


def test_the_report_shows_the_groups_year_as_the_sessions_hold_it(
    browser: Browser, tmp_path: Path
) -> None:
    year = _year(tmp_path / "sessions")
    (year.folder / "notes.json").write_text('{"not": "a session"}')
    history = gather([year.folder], GROUP, TODAY)
    assert history is not None
    report = write_report(history, tmp_path / "out")

    page = browser.new_page(viewport={"width": 1000, "height": 1400})
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(report.as_uri())
    page.wait_for_load_state("load")
    assert requests == [report.as_uri()], "nothing is fetched"
    assert page.inner_text("h1") == f"{GROUP}: gruppens historik"

    sessions = {p.name: load_session(p) for p in (year.january, year.march, year.may)}

    # The agreed level per area: the card of each session that agreed one, and how it moved.
    cards = {name: service_card(s.state) for name, s in sessions.items()}
    agreed = [name for name, card in cards.items() if card.locked]
    assert agreed == [year.january.name, year.may.name]
    for name in agreed:
        for area in cards[name].areas:
            cell = page.locator(f'#levels td[data-area="{area.id}"][data-session="{name}"]')
            assert area.level_text is not None and area.level_text in cell.inner_text()
    moves = {
        area.id: page.get_attribute(
            f'#levels td[data-area="{area.id}"][data-session="{year.may.name}"]', "data-change"
        )
        for area in cards[year.may.name].areas
    }
    january_levels = {a.id: a.level for a in cards[year.january.name].areas}
    for area in cards[year.may.name].areas:
        before, now = january_levels[area.id], area.level
        assert before is not None and now is not None
        expected = "raised" if now > before else "lowered" if now < before else "kept"
        assert moves[area.id] == expected
        word = {"raised": "höjd", "lowered": "sänkt", "kept": "behållen"}[expected]
        cell = page.locator(f'#levels td[data-area="{area.id}"][data-session="{year.may.name}"]')
        assert cell.locator(".change").inner_text() == word
    assert sorted(Counter(moves.values()).items()) == [("kept", 2), ("lowered", 1), ("raised", 1)]

    # Each campaign with its goal, and the follow-up answers of the session that followed it up.
    plans = [cards[name].campaign for name in sessions]
    articles = page.locator("#campaigns article")
    assert articles.count() == 3
    for index, plan in enumerate(plans):
        assert plan is not None
        text = articles.nth(index).inner_text()
        assert plan.title in text and plan.goal in text and plan.owner in text
        assert f"{plan.start} – {plan.end}" in text
    states = [articles.nth(i).get_attribute("data-state") for i in range(3)]
    assert states == ["followed up", "followed up", "follow-up due"]
    assert "Dags att följa upp sedan 2026-11-09." in articles.nth(2).inner_text()
    for index, follower in ((0, year.march.name), (1, year.may.name)):
        state = sessions[follower].state
        followup = next(s for s in state.workshop.steps if isinstance(s, FollowupStep))
        answers = [a for r in state.steps[followup.id].answers.values() for a in r.values()]
        reached = Counter(a["reached"] for a in answers)
        article = articles.nth(index)
        for key in ("yes", "partly", "no"):
            count = article.locator(f'[data-reached="{key}"]').get_attribute("data-count")
            assert count == str(reached[key])
        changed = article.locator("li").all_inner_texts()
        assert sorted(changed) == sorted(a["changed"] for a in answers)

    # The rhythm: three quarters with a campaign, the third quarter a gap.
    assert page.locator("#rhythm rect.campaign-bar").count() == 3
    assert page.locator("#rhythm circle.session-mark").count() == 3
    gaps = page.locator("#rhythm rect.quarter.gap")
    assert [gaps.nth(i).get_attribute("data-quarter") for i in range(gaps.count())] == ["2026-Q3"]
    assert page.inner_text("#rhythm .gaps") == (
        "Lucka: ingen kampanj under kvartal 3 2026 (2026-07-01 – 2026-09-30)"
    )

    # The culture scale: one bar per session and item, its mean from the session's answers.
    for name in (year.january.name, year.may.name):
        state = sessions[name].state
        scale = next(s for s in state.workshop.steps if isinstance(s, ScaleStep))
        means = tally.scale_items(
            state.steps[scale.id].answers[1].values(), len(scale.items), scale.min, scale.max
        )
        bars = page.locator(f'#scales rect.scale-bar[data-session="{name}"]')
        assert bars.count() == len(scale.items) == 8
        for i, item in enumerate(means):
            assert item.mean is not None
            bar = bars.nth(i)
            assert bar.get_attribute("data-mean") == str(round(item.mean, 2))
            width = float(bar.get_attribute("width") or 0)
            assert width == pytest.approx((item.mean - 1) / 4 * 790, abs=0.2)
            assert number("sv", item.mean) in page.inner_text("#scales")
    assert "notes.json" in page.inner_text("#skipped")

    page.emulate_media(media="print")
    pdf = tmp_path / "printed.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=True)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, check=True, text=True)
    assert "(A4)" in info.stdout
    page.close()
