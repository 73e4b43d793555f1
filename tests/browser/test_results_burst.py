"""Phones that answer at the same moment, again and again: every phone's wall is the tally.

Five phones in Debian's chromium on a prompt whose results are shown. In each round three of
them press Send within a fraction of a second (the way a step usually ends); within 1.5 s of
the answers every phone's wall (its count and its items) must be what the projector's tally
gives (`domain.results.step_results` on the hub's state), a reloaded phone's too; and the
results' status never gives another number than the wall beside it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.browser_server import Served
from tests.browser.conftest import new_phone
from workshop_tui.catalogue import t
from workshop_tui.domain.results import step_results

pytestmark = pytest.mark.browser

PHONES = 5
ROUNDS = 5
SENDERS = 3
# The pause the phones' results wait for (`hub.RESULTS_QUIET`, 0.5 s) and room to spare.
WITHIN_MS = 1500

# Records, on every change of the results region, the number its status gives (if any) and
# the number of the wall's own line: `window.mismatch` keeps each moment they differ.
WATCH_COUNTS = """() => {
  window.mismatch = [];
  const region = document.getElementById('phone-results');
  const number = (text) => { const m = /\\d+/.exec(text || ''); return m ? Number(m[0]) : null; };
  new MutationObserver(() => {
    const said = number(document.getElementById('phone-results-status').textContent);
    const wall = region.querySelector('#phone-results-body > p');
    const shown = wall ? number(wall.textContent) : null;
    if (said !== null && said !== shown) window.mismatch.push([said, shown]);
  }).observe(region, {childList: true, characterData: true, subtree: true});
}"""


@pytest.fixture
def phones(browser: Browser, served: Served) -> Iterator[list[Page]]:
    pages = [new_phone(browser) for _ in range(PHONES)]
    yield pages
    for page in pages:
        page.context.close()


def tally(served: Served) -> dict[str, Any]:
    """What the projector's tally gives now, once every answer so far is written, as it
    travels to a phone (through JSON)."""

    async def written() -> Any:
        await served.hub.written()
        return step_results(served.hub.state)

    result = json.loads(json.dumps(served.run(written())))
    assert result["kind"] == "prompt"
    return dict(result)


def shows(page: Page, expected: dict[str, Any]) -> None:
    """The phone's wall is `expected`: its count and its items, newest first."""
    body = page.locator("#phone-results-body")
    expect(body.locator("> p").first).to_have_text(
        t("en", "phone_results_wall", count=expected["total"]), timeout=WITHIN_MS
    )
    texts = [item["text"] for item in expected["items"]]
    expect(body.locator("ul.wall li")).to_have_text(texts, timeout=WITHIN_MS)


def test_every_phone_shows_the_tally_after_bursts_of_answers(
    phones: list[Page], served: Served
) -> None:
    for page in phones:
        # The page's own clock: the pause between two announcements is skipped, not waited.
        page.clock.install()
        page.goto(served.join_url)
        expect(page.locator("#me")).to_contain_text("You are ")
    served.goto("memory")
    assert served.hub.state.steps["memory"].revealed  # a prompt's wall shows as it fills
    for page in phones:
        expect(page.locator("h1")).to_have_text("Service you remember")
        page.evaluate(WATCH_COUNTS)

    for round_ in range(ROUNDS):
        senders = [phones[(round_ + k) % PHONES] for k in range(SENDERS)]
        # Written first, then sent one right after the other: a burst well within 0.2 s.
        for page in senders:
            page.locator("textarea").first.fill(f"Round {round_} by {phones.index(page)}")
        for page in senders:
            page.get_by_role("button", name="Send").click(no_wait_after=True)
        for page in senders:
            expect(page.locator(".status").filter(has_text="Received ✓")).to_be_visible()
        expected = tally(served)
        # Each phone's newest answer replaces its earlier one.
        assert expected["total"] == min(PHONES, SENDERS + round_)
        if round_ == 2:
            # A reload is a fresh stream: it starts with the tally too.
            phones[-1].reload()
            expect(phones[-1].locator("h1")).to_have_text("Service you remember")
            phones[-1].evaluate(WATCH_COUNTS)
        for page in phones:
            shows(page, expected)
            # Let the announcement that waited be said, so the next round finds a count there
            # (a reloaded page first says that the results are there, without one).
            page.clock.fast_forward(10_000)
            said = [t("en", "phone_results_updated", count=expected["total"])]
            if page is phones[-1] and round_ == 2:
                said.append(t("en", "phone_results_shown"))
            expect(page.locator("#phone-results-status")).to_have_text(
                re.compile("|".join(f"^{re.escape(text)}$" for text in said))
            )
    for page in phones:
        assert page.evaluate("window.mismatch") == []
