"""The phone page while a ladder is prepared, and a phone below the threshold saying what would
bring it up to it: in Debian's chromium against the real server."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.browser_server import Served
from tests.browser.test_phone_page import send_and_confirm, watch_errors
from workshop_tui.domain import tally
from workshop_tui.domain.commands import LockLevels, OpenStep

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("served", [{"on_key": ["ladder"]}], indirect=True)
def test_a_phone_waits_while_the_ladder_is_prepared(phone: Page, served: Served) -> None:
    errors = watch_errors(phone)
    served.goto("ladder")
    phone.goto(served.join_url)
    expect(phone.get_by_text("The facilitator is preparing the ladder.")).to_be_visible()
    expect(phone.get_by_role("button", name=re.compile("^Send"))).to_have_count(0)
    served.run(served.hub.execute(OpenStep("ladder")))
    phone.get_by_role("group", name="Greeting").get_by_label("Greet by name").check()
    send_and_confirm(phone)
    assert errors == []


def test_a_phone_below_the_threshold_says_what_would_bring_it_up(
    phone: Page, served: Served
) -> None:
    errors = watch_errors(phone)
    served.goto("ladder")
    phone.goto(served.join_url)
    phone.get_by_role("group", name="Greeting").get_by_label("Greet by name").check()
    send_and_confirm(phone)
    served.run(served.hub.execute(LockLevels("ladder")))
    served.goto("fist")
    reason = phone.get_by_label(re.compile("What would bring you up to 3"))
    expect(reason).to_be_hidden()
    phone.get_by_label("2 of 5").check()
    expect(reason).to_be_visible()
    reason.fill("  A checklist at the desk  ")
    send_and_confirm(phone)
    (answer,) = served.hub.state.steps["fist"].current_answers.values()
    assert answer == {"fist": 2, "reason": "A checklist at the desk"}
    # At the threshold or above, there is nothing to bring up: no reason is sent or kept.
    phone.get_by_label("4 of 5").check()
    expect(reason).to_be_hidden()
    send_and_confirm(phone)
    (answer,) = served.hub.state.steps["fist"].current_answers.values()
    assert answer == {"fist": 4}
    assert tally.consensus_reasons(served.hub.state.steps["fist"].current_answers.values()) == []
    assert errors == []
