"""Results on the phone in Debian's chromium: revealed as a table, kept up to date, announced."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.browser.browser_server import Served
from workshop_tui.domain.commands import Answer, SetRevealed

pytestmark = pytest.mark.browser


def someone_answers(served: Served, step: str, payload: dict[str, Any]) -> None:
    """Another participant (not this phone) answers, as their phone would."""

    async def join_and_answer() -> None:
        participant, _ = await served.hub.join()
        clock = served.hub.clock()
        await served.hub.execute(Answer(participant.id, step, payload, f"k{clock}", clock))

    served.run(join_and_answer())


def reveal(served: Served, step: str) -> None:
    served.run(served.hub.execute(SetRevealed(step, True)))


def row(page: Page, heading: str) -> Any:
    """The results table's row whose row heading is `heading`, as its cells' texts."""
    return page.locator("#phone-results tr").filter(
        has=page.locator("th[scope=row]", has_text=heading)
    )


def test_a_revealed_choice_is_a_table_that_follows_new_answers(phone: Page, served: Served) -> None:
    # The page's own clock, so that the pause between two announcements can be skipped.
    phone.clock.install()
    phone.goto(served.join_url)
    expect(phone.locator("#me")).to_contain_text("You are ")
    served.goto("pick")
    phone.get_by_label("Look up and smile").check()
    phone.get_by_role("button", name=re.compile("^Send")).click()
    expect(phone.get_by_role("status").filter(has_text="Received ✓")).to_be_visible()
    someone_answers(served, "pick", {"options": [2]})
    results = phone.locator("#phone-results")
    # Not revealed: the phone has nothing of the others' answers to show.
    expect(results.locator("table")).to_have_count(0)
    assert served.hub.state.steps["pick"].revealed is False

    reveal(served, "pick")
    table = results.locator("table")
    expect(table.locator("caption")).to_have_text("2 answered")
    expect(table.locator("th[scope=col]")).to_have_text(["Option", "Answers"])
    expect(row(phone, "A. Look up and smile").locator("td")).to_have_text(["1 (50 %)"])
    expect(row(phone, "C. Wave them over").locator("td")).to_have_text(["1 (50 %)"])
    expect(results.get_by_role("status")).to_have_text("The results are shown below the answers.")
    # The own answer stays, and can still be changed.
    expect(phone.get_by_label("Look up and smile")).to_be_checked()
    expect(phone.get_by_role("button", name=re.compile("^Send"))).to_be_enabled()

    # A change not sent yet survives the others' answers updating the table.
    phone.get_by_label("Finish the call first").check()
    someone_answers(served, "pick", {"options": [2]})
    expect(table.locator("caption")).to_have_text("3 answered")
    expect(phone.get_by_label("Finish the call first")).to_be_checked()
    expect(row(phone, "C. Wave them over").locator("td")).to_have_text(["2 (67 %)"])
    # Said once the screen reader has had a quiet while since the last announcement.
    status = results.get_by_role("status")
    expect(status).to_have_text("The results are shown below the answers.")
    phone.clock.fast_forward(10_000)
    expect(status).to_have_text("Results updated: 3 answers")
    expect(results).to_have_attribute("aria-labelledby", "phone-results-title")
    assert results.locator("[aria-live=polite]").count() == 1


def test_a_revealed_scale_gives_each_items_mean_and_spread(phone: Page, served: Served) -> None:
    phone.goto(served.join_url)
    expect(phone.locator("#me")).to_contain_text("You are ")
    served.goto("rate")
    someone_answers(served, "rate", {"ratings": [2, 5]})
    someone_answers(served, "rate", {"ratings": [4, None]})
    reveal(served, "rate")
    # One table per item, its caption the item, a row per figure.
    greet = phone.locator("#phone-results table", has_text="We greet everyone")
    call = phone.locator("#phone-results table", has_text="We call back")
    expect(phone.locator("#phone-results caption")).to_have_text(
        ["We greet everyone", "We call back"]
    )
    expect(greet.locator("th[scope=row]")).to_have_text(
        ["Mean", "Spread", "Range", "Answers", "Each rating"]
    )
    expect(greet.locator("td")).to_have_text(
        ["3.0", "±1.0", "2–4", "2", "1: 0 · 2: 1 · 3: 0 · 4: 1 · 5: 0"]
    )
    expect(call.locator("td")).to_have_text(
        ["5.0", "±0.0", "5–5", "1", "1: 0 · 2: 0 · 3: 0 · 4: 0 · 5: 1"]
    )

    someone_answers(served, "rate", {"ratings": [3, 1]})
    expect(call.locator("td").first).to_have_text("3.0")
    expect(call.locator("td")).to_have_text(
        ["3.0", "±2.0", "1–5", "2", "1: 1 · 2: 0 · 3: 0 · 4: 0 · 5: 1"]
    )
    # The answer form is still there, the results below it.
    expect(phone.get_by_role("group", name="We greet everyone")).to_be_visible()


def test_a_step_moved_on_from_takes_its_results_away(phone: Page, served: Served) -> None:
    phone.goto(served.join_url)
    served.goto("pick")
    someone_answers(served, "pick", {"options": [1]})
    reveal(served, "pick")
    expect(phone.locator("#phone-results table")).to_have_count(1)
    served.goto("rate")
    expect(phone.locator("h1")).to_have_text("How are we doing?")
    expect(phone.locator("#phone-results table")).to_have_count(0)
    expect(phone.locator("#phone-results-status")).to_have_text("")
