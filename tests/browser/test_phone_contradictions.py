"""What the phone page says must not contradict what is next to it (issue 21), in chromium."""

from __future__ import annotations

import re
from typing import Literal

import pytest
from playwright.sync_api import Page, expect

from tests.browser.browser_server import Served
from workshop_tui.catalogue import t
from workshop_tui.domain.commands import Answer, LockLevels, TimerControl

pytestmark = pytest.mark.browser


def timer(served: Served, step: str, action: Literal["start", "add"], seconds: int = 0) -> None:
    """The facilitator's timer key on `step`, now."""
    served.run(served.hub.execute(TimerControl(step, action, served.hub.clock(), seconds)))


def test_times_up_is_not_said_of_a_later_step_nor_after_more_time(
    phone: Page, served: Served
) -> None:
    phone.clock.install()
    served.goto("rate")
    phone.goto(served.join_url)
    clock = phone.get_by_role("timer")
    said = phone.locator("p.sr-only[aria-live=polite]")
    timer(served, "rate", "start")
    expect(clock).to_have_text(re.compile(r"Time left (2:00|1:59)"))
    phone.clock.run_for(125_000)
    expect(clock).to_have_text("Time left 0:00")
    expect(said).to_have_text(t("en", "phone_time_up"))
    # The facilitator adds time: the time is not up any more.
    timer(served, "rate", "add", 60)
    expect(clock).not_to_have_text("Time left 0:00")
    expect(said).to_have_text("")
    phone.clock.run_for(240_000)
    expect(said).to_have_text(t("en", "phone_time_up"))
    # The next step has time of its own: nothing said of the last one's stays.
    served.goto("dots")
    timer(served, "dots", "add", 420)
    timer(served, "dots", "start")
    expect(clock).to_have_text(re.compile(r"Time left (7:00|6:59)"))
    expect(said).to_have_text("")


def test_a_locked_ladder_shows_no_countdown(phone: Page, served: Served) -> None:
    served.goto("ladder")
    phone.goto(served.join_url)
    timer(served, "ladder", "add", 300)
    timer(served, "ladder", "start")
    expect(phone.get_by_role("timer")).to_have_text(re.compile(r"Time left (5:00|4:59)"))

    async def answer_and_lock() -> None:
        someone, _ = await served.hub.join()
        rungs = {"rungs": {"greeting": 1, "phone": 0}}
        await served.hub.execute(Answer(someone.id, "ladder", rungs, "k", served.hub.clock()))
        await served.hub.execute(LockLevels("ladder"))

    served.run(answer_and_lock())
    expect(phone.get_by_text(t("en", "phone_locked"))).to_be_visible()
    expect(phone.locator("p.timer")).to_be_hidden()
