"""Issue 24 on a phone in Debian's chromium: a ladder's later round starts from the phone's
earlier answer and lists the rungs as the wall does; a choice keeps its limit; a narrowed
deck shows a phone at most about ten compact cards."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.browser_server import Served
from tests.browser.conftest import WORKSHOP, serve
from tests.browser.test_accessibility import Scans
from workshop_tui import decks
from workshop_tui.domain.campaign import narrowed_cards
from workshop_tui.domain.commands import (
    Answer,
    GoTo,
    Join,
    NarrowDeck,
    NewRound,
    SetLadder,
    SetRevealed,
)
from workshop_tui.domain.deck import CULTURE_AREAS, CampaignStep
from workshop_tui.session.hub import Hub
from workshop_tui.web import Limits

pytestmark = pytest.mark.browser


def send_and_confirm(page: Page) -> None:
    page.get_by_role("button", name=re.compile("^(Send|Update)")).click()
    expect(page.get_by_role("status").filter(has_text="Received ✓")).to_be_visible()


def rung_labels(page: Page, area: str) -> list[str]:
    """The options of an area's fieldset, top to bottom as the phone lists them."""
    group = page.get_by_role("group", name=area, exact=True)
    expect(group.locator("label.option").first).to_be_visible()
    return [text.strip() for text in group.locator("label.option").all_inner_texts()]


def test_round_two_starts_from_the_phones_round_one_rungs(phone: Page, served: Served) -> None:
    served.goto("ladder")
    phone.goto(served.join_url)
    greeting = phone.get_by_role("group", name="Greeting", exact=True)
    greeting.get_by_label("Greet by name").check()
    phone.get_by_role("group", name="Phone", exact=True).get_by_label("Call back").check()
    send_and_confirm(phone)
    served.run(served.hub.execute(NewRound("ladder")))
    # Between the rounds the facilitator adds a rung at the bottom of the greeting ladder:
    # the earlier rung is found by its words, one place up.
    rungs = ("Nod", "Say hello", "Say hello and smile", "Greet by name")
    served.run(served.hub.execute(SetLadder("ladder", "greeting", rungs)))
    expect(phone.get_by_text("Round 2", exact=True)).to_be_visible()
    expect(phone.get_by_text("Your answer from round 1 is already marked")).to_be_visible()
    expect(greeting.get_by_label("Greet by name")).to_be_checked()
    expect(greeting.get_by_text("(your answer in round 1)")).to_be_visible()
    call_back = phone.get_by_role("group", name="Phone", exact=True).get_by_label("Call back")
    expect(call_back).to_be_checked()
    # Only on the phone until it is sent: round 2 has no answers yet.
    assert served.hub.state.steps["ladder"].current_answers == {}
    greeting.get_by_label("Say hello and smile").check()
    send_and_confirm(phone)
    answers = list(served.hub.state.steps["ladder"].current_answers.values())
    assert answers == [{"rungs": {"greeting": 2, "phone": 1}}]
    expect(phone.get_by_text("Your answer from round 1 is already marked")).to_have_count(0)
    scans = Scans()
    scans.scan(phone, "round 2 answered")
    assert scans.violations == []


def test_a_phone_that_answered_nothing_has_nothing_preselected(phone: Page, served: Served) -> None:
    served.goto("ladder")
    phone.goto(served.join_url)
    served.run(served.hub.execute(NewRound("ladder")))
    expect(phone.get_by_text("Round 2", exact=True)).to_be_visible()
    expect(phone.get_by_text("is already marked")).to_have_count(0)
    expect(phone.locator("input:checked")).to_have_count(0)


def test_the_phone_lists_rungs_as_the_wall_does_highest_on_top(phone: Page, served: Served) -> None:
    served.goto("ladder")
    phone.goto(served.join_url)
    expected = ["3. Greet by name", "2. Say hello and smile", "1. Say hello", "None of these yet"]
    assert rung_labels(phone, "Greeting") == expected
    phone.get_by_label("2. Say hello and smile").check()
    send_and_confirm(phone)
    assert list(served.hub.state.steps["ladder"].current_answers.values()) == [
        {"rungs": {"greeting": 1}}
    ]
    served.run(served.hub.execute(SetRevealed("ladder", True)))
    table = phone.locator("table").filter(has_text="Greeting")
    # The reveal reaches the phone through its stream: wait for the table before reading it.
    expect(table.locator("tbody th")).to_have_count(3)
    heads = [text.split(" · ")[0] for text in table.locator("tbody th").all_inner_texts()]
    assert heads == expected[:3]


@pytest.fixture
def limited(tmp_path: Path) -> Iterator[Served]:
    """The every-kind workshop with its scenario a multiple choice of at most two."""

    async def make_hub() -> Hub:
        workshop, cards = decks.load_workshop(WORKSHOP)
        steps = [
            s.model_copy(update={"multiple": True, "max_choices": 2}) if s.id == "pick" else s
            for s in workshop.steps
        ]
        return Hub.create(workshop.model_copy(update={"steps": steps}), cards, tmp_path)

    with serve(make_hub, Limits()) as served:
        yield served


def test_a_tick_over_the_choice_limit_is_refused_on_the_phone(phone: Page, limited: Served) -> None:
    limited.goto("pick")
    phone.goto(limited.join_url)
    expect(phone.get_by_role("group", name="Choose up to 2")).to_be_visible()
    phone.get_by_label("Look up and smile").check()
    phone.get_by_label("Wave them over").check()
    third = phone.get_by_label("Finish the call first")
    third.click()
    expect(phone.get_by_text("You can choose at most 2. Untick one")).to_be_visible()
    expect(third).not_to_be_checked()
    send_and_confirm(phone)
    answers = list(limited.hub.state.steps["pick"].current_answers.values())
    assert answers == [{"options": [0, 2]}]


@pytest.fixture
def bundled(tmp_path: Path) -> Iterator[Served]:
    """The bundled English workshop with its whole card deck."""

    async def make_hub() -> Hub:
        workshop, cards = decks.load_workshop(decks.bundled_dir() / "stjarnklass-en.toml")
        return Hub.create(workshop, cards, tmp_path)

    with serve(make_hub, Limits()) as served:
        yield served


def test_a_narrowed_deck_shows_the_phone_at_most_ten_compact_cards(
    phone: Page, bundled: Served
) -> None:
    hub = bundled.hub
    steps = [s.id for s in hub.state.workshop.steps]
    # Two people rated the culture areas; leadership and follow-up lowest.
    bundled.run(hub.execute(GoTo(steps.index("culture"), hub.clock())))
    for pid in ("p1", "p2"):
        bundled.run(hub.execute(Join(pid, f"h-{pid}", f"Person {pid}", hub.clock())))
        ratings = [1 if a in ("leadership", "follow-up") else 4 for a in CULTURE_AREAS]
        payload = {"ratings": ratings}
        bundled.run(hub.execute(Answer(pid, "culture", payload, pid, hub.clock())))
    step = hub.state.workshop.step("campaign")
    assert isinstance(step, CampaignStep)
    total = len(hub.state.card_decks[step.card_deck].cards)
    ids = narrowed_cards(hub.state, step)
    assert 2 <= len(ids) <= 10 < total
    bundled.run(hub.execute(GoTo(steps.index("campaign"), hub.clock())))
    bundled.run(hub.execute(NarrowDeck("campaign", ids)))
    phone.goto(bundled.join_url)
    expect(
        phone.get_by_text(f"The vote is among {len(ids)} of the deck's {total} cards.")
    ).to_be_visible()
    cards = phone.locator("article.card")
    expect(cards).to_have_count(len(ids))
    titles = set(cards.locator("h2").all_inner_texts())
    deck = hub.state.card_decks[step.card_deck]
    assert titles == {deck.card(card_id).title for card_id in ids}
    # Compact: each card's text is one line until it is expanded.
    line = cards.first.locator(".card-line")
    one_line = line.evaluate("e => e.getBoundingClientRect().height")
    heights = cards.locator(".card-line").evaluate_all(
        "els => els.map(e => e.getBoundingClientRect().height)"
    )
    assert max(heights) <= one_line * 1.05
    cards.first.get_by_text("More about this card").click()
    assert line.evaluate("e => e.getBoundingClientRect().height") > one_line * 1.5
    cards.first.get_by_text("More about this card").click()
    page_height = phone.evaluate("document.documentElement.scrollHeight")
    assert page_height < 5 * 844, page_height
    scans = Scans()
    scans.scan(phone, "narrowed deck")
    assert scans.violations == []
    # A vote for the first card in play is taken.
    phone.get_by_role("button", name=f"Vote for: {deck.card(ids[0]).title}").click()
    send_and_confirm(phone)
    answers = list(hub.state.steps["campaign"].current_answers.values())
    assert answers == [{"votes": {ids[0]: 1}}]
