"""A Swedish and a Finnish phone in Debian's chromium: what the page writes around the group's
results is the session's language, the heading of a second round of the fist of five included
("Fist of five · Omgång 2" was once on a Swedish phone)."""

from __future__ import annotations

import random

import pytest
from playwright.sync_api import Page, expect

from tests.browser.browser_server import Served
from tests.browser.test_phone_page import watch_errors
from tests.e2e.test_no_english import leaks
from tests.tui.run_projector import payload_for
from workshop_tui.catalogue import t
from workshop_tui.domain.commands import Answer, LockLevels, NewRound, SetRevealed

pytestmark = pytest.mark.browser


def others_answer(served: Served, step: str, payloads: list[dict[str, object]]) -> None:
    """Participants other than this phone answer `step`, one payload each."""

    async def answer() -> None:
        for n, payload in enumerate(payloads):
            participant, _ = await served.hub.join()
            clock = served.hub.clock()
            await served.hub.execute(Answer(participant.id, step, payload, f"k{n}", clock))

    served.run(answer())


@pytest.mark.parametrize("served", ["sv", "fi"], indirect=True)
def test_a_second_rounds_fist_of_five_is_in_the_sessions_language(
    phone: Page, served: Served
) -> None:
    errors = watch_errors(phone)
    language = served.hub.language
    phone.goto(served.join_url)
    served.goto("ladder")
    ladder = payload_for(served.hub, "ladder", random.Random(1))
    assert ladder is not None
    others_answer(served, "ladder", [ladder])
    served.run(served.hub.execute(LockLevels("ladder")))
    served.goto("fist")
    others_answer(served, "fist", [{"fist": 4}])
    # The group is sent back to the ladder and asked again: round 2.
    served.run(served.hub.execute(NewRound("fist")))
    others_answer(served, "fist", [{"fist": 2}, {"fist": 5}])
    served.run(served.hub.execute(SetRevealed("fist", True)))
    results = phone.locator("#phone-results")
    heading = f"{t(language, 'phone_results_fist')} · {t(language, 'round', n=2)}"
    expect(results.locator("caption")).to_have_text(heading)
    expect(results).to_contain_text(t(language, "phone_results_below", count=1, threshold=3))
    # The deck is the English test deck: only the page's own words are looked at.
    assert leaks(results.inner_text(), language) == [], results.inner_text()
    assert errors == []
