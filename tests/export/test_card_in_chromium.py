"""The HTML card sheet in Debian's chromium: the agreed texts show, nothing overflows, no
request leaves the file, and printing gives one A4 page."""

from __future__ import annotations

import asyncio
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import Browser, Dialog

from tests.export.export_sessions import HOSTILE, Script, bundled, expected_levels, finished_session
from workshop_tui.export import export_session

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("workshop_id", ["stjarnklass-sv", "stjarnklass-fi"])
def test_the_printed_sheet_shows_the_agreed_level_and_campaign(
    browser: Browser, workshop_id: str, tmp_path: Path
) -> None:
    workshop = bundled(workshop_id)
    script = Script(text=f"Kampanjen för åäö och {HOSTILE}")
    # Playwright's sync API keeps an event loop running in this thread, so the session is run
    # to its end in a thread of its own.
    with ThreadPoolExecutor(1) as pool:
        run = pool.submit(asyncio.run, finished_session(workshop, tmp_path / "sessions", script))
        session = run.result(60)
    card = export_session(session, "card", tmp_path)[0]

    page = browser.new_page(viewport={"width": 900, "height": 1200})
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    dialogs: list[str] = []

    def on_dialog(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.goto(card.as_uri())
    page.wait_for_load_state("load")

    text = " ".join(page.inner_text("main").split())
    assert text.count(script.owner) == 10
    for rung in expected_levels(workshop[0], script).values():
        assert text.count(rung) == 10
    plan_title = workshop[1][next(iter(workshop[1]))].cards[0].title
    assert text.count(plan_title) == 10
    assert f"{HOSTILE.replace(chr(0x202E), '[U+202E]')} (goal)" in text
    assert page.locator("img").count() == 0 and not dialogs
    assert requests == [card.as_uri()]

    overflowing = page.eval_on_selector_all(
        ".card", "cards => cards.filter(c => c.scrollHeight > c.clientHeight + 1).length"
    )
    assert overflowing == 0
    width_mm = page.eval_on_selector(".card", "c => c.getBoundingClientRect().width * 25.4 / 96")
    assert width_mm == pytest.approx(85.6, abs=0.1)

    shot = tmp_path / "sheet.png"
    page.screenshot(path=str(shot), full_page=True)
    with Image.open(shot) as image:
        darkest, _ = image.convert("L").getextrema()
        assert image.width >= 794 and isinstance(darkest, int) and darkest < 64

    pdf = tmp_path / "printed.pdf"
    page.pdf(path=str(pdf), prefer_css_page_size=True, print_background=True)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, check=True, text=True)
    assert "Pages:           1" in info.stdout and "(A4)" in info.stdout
    page.close()
