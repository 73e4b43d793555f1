"""A phone whose answer the word filter holds is told it was received and awaits review."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.browser_server import Served
from workshop_tui.domain import tally

pytestmark = pytest.mark.browser


def test_a_held_answer_is_received_and_waits_for_the_facilitator(
    phone: Page, served: Served
) -> None:
    served.goto("memory")
    phone.goto(served.join_url)
    phone.get_by_label("Good: answer 1").fill("what the fuck")
    phone.get_by_role("button", name=re.compile("^Send")).click()
    status = phone.get_by_role("status").filter(has_text="Received ✓")
    expect(status).to_contain_text("the facilitator reviews it before it is shown")
    (item,) = tally.wall(served.hub.state.steps["memory"])
    assert item.held and item.text == "what the fuck"
