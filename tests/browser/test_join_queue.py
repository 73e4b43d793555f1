"""A phone over the join limit in Debian's chromium: it says plainly that it is in a queue, with
the seconds to wait, and joins by itself when its turn comes (never an endless spinner)."""

from __future__ import annotations

import re
import urllib.request

import pytest
from playwright.sync_api import Page, expect

from tests.browser.browser_server import Served

pytestmark = pytest.mark.browser
# One new phone every three seconds from one address, twenty at once: the test fills the burst,
# so the phone's turn comes about three seconds after it asks.
PER_MINUTE = 20


def join_from_this_address(served: Served) -> int:
    request = urllib.request.Request(f"{served.base_url}/api/{served.room}/join", method="POST")
    with urllib.request.urlopen(request, timeout=5) as response:
        status: int = response.status
    return status


@pytest.mark.parametrize("served", [{"joins_per_minute": PER_MINUTE}], indirect=True)
def test_a_phone_over_the_limit_waits_in_a_queue_and_joins_by_itself(
    served: Served, phone: Page
) -> None:
    # The rest of the room, arrived a moment earlier through the same address (127.0.0.1).
    assert [join_from_this_address(served) for _ in range(PER_MINUTE)] == [201] * PER_MINUTE
    phone.goto(served.join_url)
    queue = phone.get_by_text("You're in the queue to join")
    expect(queue).to_be_visible()
    expect(phone.get_by_role("timer")).to_have_text(re.compile(r"^Your turn in about [1-3] s$"))
    expect(phone.locator("#connection")).to_be_hidden()
    # It asks again when its turn comes, with its place in the queue, and is let in.
    expect(phone.get_by_text("You're in. Wait for the facilitator to start.")).to_be_visible(
        timeout=10_000
    )
    expect(queue).to_be_hidden()
    assert len(served.hub.state.participants) == PER_MINUTE + 1
