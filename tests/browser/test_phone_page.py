"""The phone page in Debian's chromium at phone sizes: join, answer every kind, follow, reload."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from PIL import Image
from playwright.sync_api import Page, Route, expect

from tests.browser.browser_server import Served
from workshop_tui.domain.commands import ChooseCampaign, LockLevels, SetLocked, TimerControl
from workshop_tui.domain.state import CampaignPlan

pytestmark = pytest.mark.browser


def watch_errors(page: Page) -> list[str]:
    """Script errors and CSP violations the page reports (a test expects none)."""
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on(
        "console",
        lambda msg: (
            errors.append(msg.text)
            if msg.type == "error" and "Content Security Policy" in msg.text
            else None
        ),
    )
    return errors


def answers(served: Served, step: str) -> list[dict[str, object]]:
    return list(served.hub.state.steps[step].current_answers.values())


def send_and_confirm(page: Page) -> None:
    page.get_by_role("button", name=re.compile("^Send")).click()
    expect(page.get_by_role("status").filter(has_text="Received ✓")).to_be_visible()


def fits_the_width(page: Page) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))


def test_a_phone_joins_by_the_short_link_and_can_rename_itself(phone: Page, served: Served) -> None:
    errors = watch_errors(phone)
    phone.goto(served.join_url)
    expect(phone.locator("#me")).to_contain_text("You are ")
    expect(phone.get_by_text("Wait for the facilitator")).to_be_visible()
    assert len(served.hub.state.participants) == 1
    name = phone.get_by_label("Your name")
    name.fill("Robin")
    phone.get_by_role("button", name="Save name").click()
    expect(phone.locator("#me")).to_have_text("You are Robin")
    expect(phone.get_by_role("status").filter(has_text="Name saved ✓")).to_be_visible()
    assert [p.name for p in served.hub.state.participants.values()] == ["Robin"]
    assert errors == []


def test_the_front_page_takes_a_typed_code_to_the_room(phone: Page, served: Served) -> None:
    phone.goto(served.base_url + "/")
    phone.get_by_label("Room code").fill(served.room.lower())
    phone.get_by_role("button", name="Join").click()
    expect(phone.locator("#me")).to_contain_text("You are ")
    assert phone.url == served.join_url


def test_a_wrong_code_shows_a_friendly_page(phone: Page, served: Served) -> None:
    response = phone.goto(served.base_url + "/QQQQ")
    assert response is not None and response.status == 404
    expect(phone.get_by_text("There is no workshop with the code QQQQ")).to_be_visible()
    expect(phone.get_by_text("Det finns ingen workshop med koden QQQQ")).to_be_visible()


def test_the_phone_follows_a_step_change_without_reloading(phone: Page, served: Served) -> None:
    phone.goto(served.join_url)
    expect(phone.locator("#me")).to_contain_text("You are ")
    phone.evaluate("window.notReloaded = true")
    served.goto("pick")
    expect(phone.get_by_role("heading", name="A scenario")).to_be_visible()
    served.goto("rate")
    expect(phone.get_by_role("heading", name="How are we doing?")).to_be_visible()
    assert phone.evaluate("window.notReloaded") is True


def answer_prompt(page: Page, served: Served) -> None:
    # Each column has its own fields under its heading: where an answer is written is the
    # column it is for.
    page.get_by_role("group", name="Bad").get_by_label("Bad: answer 1").fill("Kept typing")
    page.get_by_role("group", name="Good").get_by_label("Good: answer 1").fill(
        "<b>Smiled</b> &amp;"
    )
    send_and_confirm(page)
    assert answers(served, "memory") == [
        {
            "answers": [
                {"text": "<b>Smiled</b> &amp;", "column": 0},
                {"text": "Kept typing", "column": 1},
            ]
        }
    ]


def answer_choice(page: Page, served: Served) -> None:
    page.get_by_label("Wave them over").check()
    send_and_confirm(page)
    assert answers(served, "pick") == [{"options": [2]}]


def answer_scale(page: Page, served: Served) -> None:
    page.get_by_role("group", name="We greet everyone").get_by_label("4").check()
    page.get_by_role("group", name="We call back").get_by_label("Skip").check()
    send_and_confirm(page)
    assert answers(served, "rate") == [{"ratings": [4, None]}]


def answer_vote(page: Page, served: Served) -> None:
    add = page.get_by_role("button", name="Add a dot to: Greeting")
    add.click()
    add.click()
    page.get_by_role("button", name="Add a dot to: Follow-up").click()
    expect(page.get_by_text("0 of 3 dots left")).to_be_visible()
    expect(add).to_be_disabled()
    page.get_by_role("button", name="Remove a dot from: Greeting").click()
    expect(page.get_by_text("1 of 3 dots left")).to_be_visible()
    send_and_confirm(page)
    assert answers(served, "dots") == [{"dots": {"0": 1, "2": 1}}]


def answer_levels(page: Page, served: Served) -> None:
    page.get_by_role("group", name="Greeting").get_by_label("Greet by name").check()
    page.get_by_role("group", name="Phone").get_by_label("None of these yet").check()
    send_and_confirm(page)
    assert answers(served, "ladder") == [{"rungs": {"greeting": 2, "phone": -1}}]


def answer_consensus(page: Page, served: Served) -> None:
    page.get_by_label("4 of 5").check()
    send_and_confirm(page)
    assert answers(served, "fist") == [{"fist": 4}]


def answer_campaign(page: Page, served: Served) -> None:
    page.get_by_text("More about this card").first.click()
    expect(page.get_by_text("Make the greeting a habit.")).to_be_visible()
    page.get_by_role("button", name="Vote for: Same-day call-back").click()
    page.get_by_role("button", name="Vote for: Thank-you notes").click()
    expect(page.get_by_text("0 of 2 votes left")).to_be_visible()
    send_and_confirm(page)
    assert answers(served, "cards") == [{"votes": {"call-back": 1, "thank-you": 1}}]


def see_summary(page: Page, served: Served) -> None:
    card = page.get_by_role("region", name="Our service card")
    expect(card.get_by_text("No level agreed").first).to_be_visible()
    served.run(served.hub.execute(LockLevels("ladder")))
    plan = CampaignPlan(
        "call-back",
        "",
        "Nobody chases us",
        "All calls back the same day",
        "2026-01-05",
        "2026-02-01",
        "Robin",
        "2026-02-15",
    )
    served.run(served.hub.execute(ChooseCampaign("cards", plan)))
    expect(card.get_by_text("Greet by name")).to_be_visible()
    expect(card.get_by_text("No common level")).to_be_visible()
    expect(card.get_by_text("Campaign: Same-day call-back")).to_be_visible()
    expect(card.get_by_text("All calls back the same day")).to_be_visible()


def answer_followup(page: Page, served: Served) -> None:
    page.get_by_label("Partly").check()
    page.get_by_label("What changed?").fill("We call back.")
    send_and_confirm(page)
    assert answers(served, "later") == [{"reached": "partly", "changed": "We call back."}]


EVERY_KIND: list[tuple[str, str, Callable[[Page, Served], None]]] = [
    ("memory", "Service you remember", answer_prompt),
    ("pick", "A scenario", answer_choice),
    ("rate", "How are we doing?", answer_scale),
    ("dots", "Dot vote", answer_vote),
    ("ladder", "Our level", answer_levels),
    ("fist", "Fist of five", answer_consensus),
    ("cards", "Campaign", answer_campaign),
    ("card", "Our service card", see_summary),
    ("later", "Follow-up", answer_followup),
]


@pytest.mark.parametrize("size", ["phone", "small_phone", "tablet"])
def test_a_phone_answers_one_step_of_every_kind(
    size: str, request: pytest.FixtureRequest, served: Served
) -> None:
    page: Page = request.getfixturevalue(size)
    errors = watch_errors(page)
    served.goto("hello")
    page.goto(served.join_url)
    expect(page.get_by_text("Join with your phone.")).to_be_visible()
    for step, title, act in EVERY_KIND:
        served.goto(step)
        expect(page.get_by_role("heading", level=1, name=title, exact=True)).to_be_visible()
        act(page, served)
        assert fits_the_width(page), f"{step} is wider than the screen"
    assert errors == []


def test_a_reloaded_page_is_the_same_participant_with_its_answers(
    phone: Page, served: Served
) -> None:
    served.goto("memory")
    phone.goto(served.join_url)
    answer_prompt(phone, served)
    me = phone.locator("#me").text_content()
    phone.reload()
    expect(phone.get_by_label("Good: answer 1")).to_have_value("<b>Smiled</b> &amp;")
    expect(phone.get_by_label("Bad: answer 1")).to_have_value("Kept typing")
    expect(phone.locator("#me")).to_have_text(me or "")
    assert len(served.hub.state.participants) == 1
    phone.context.clear_cookies()
    phone.reload()
    expect(phone.locator("#me")).not_to_have_text(me or "")
    assert len(served.hub.state.participants) == 2


def test_an_over_long_answer_shows_the_refusal(phone: Page, served: Served) -> None:
    served.goto("memory")
    phone.goto(served.join_url)
    # 25 code points (the emoji is one character, two UTF-16 units).
    phone.get_by_label("Good: answer 1").fill("😀" + "x" * 24)
    expect(phone.get_by_text("25 / 20 characters — too long")).to_be_visible()
    phone.get_by_role("button", name="Send").click()
    refusal = phone.get_by_role("status").filter(has_text="Too long")
    expect(refusal).to_have_text("Too long: 25 characters, the limit is 20. Shorten it.")
    assert answers(served, "memory") == []


def test_hostile_text_is_shown_as_text(phone: Page, served: Served) -> None:
    errors = watch_errors(phone)
    phone.goto(served.join_url)
    hostile = "<img src=x onerror=alert(1)>"
    phone.get_by_label("Your name").fill(hostile)
    phone.get_by_role("button", name="Save name").click()
    expect(phone.locator("#me")).to_have_text(f"You are {hostile}")
    assert phone.locator("img").count() == 0
    assert errors == []


def test_a_locked_step_shows_it_and_disables_sending(phone: Page, served: Served) -> None:
    served.goto("pick")
    phone.goto(served.join_url)
    expect(phone.get_by_role("button", name="Send")).to_be_enabled()
    served.run(served.hub.execute(SetLocked("pick", True)))
    expect(phone.get_by_text("Locked — answers are closed.")).to_be_visible()
    expect(phone.get_by_role("button", name="Send")).to_be_disabled()


def test_a_lost_reply_is_retried_with_the_same_key_and_counted_once(
    phone: Page, served: Served
) -> None:
    served.goto("dots")
    phone.goto(served.join_url)
    keys: list[str] = []

    def lose_the_first_reply(route: Route) -> None:
        sent = route.request.post_data_json
        assert sent is not None
        keys.append(sent["key"])
        if len(keys) == 1:
            route.fetch()  # the server stores the answer...
            route.abort()  # ...but the phone never hears back
        else:
            route.continue_()

    phone.route("**/answer", lose_the_first_reply)
    phone.get_by_role("button", name="Add a dot to: Speed").click()
    phone.get_by_role("button", name="Send").click()
    expect(phone.get_by_text("Not received — retrying…")).to_be_visible()
    expect(phone.get_by_role("status").filter(has_text="Received ✓")).to_be_visible()
    assert len(keys) == 2
    assert keys[0] == keys[1]
    assert answers(served, "dots") == [{"dots": {"1": 1}}]
    assert sorted(c["type"] for c in served.hub.store.commands) == ["answer", "goto", "join"]


def test_the_timer_counts_down_on_the_phone(phone: Page, served: Served) -> None:
    served.goto("rate")
    phone.goto(served.join_url)
    expect(phone.get_by_role("timer")).to_have_text("Timer paused at 2:00")
    served.run(served.hub.execute(TimerControl("rate", "start", served.hub.clock())))
    expect(phone.get_by_role("timer")).to_have_text(re.compile(r"Time left 1:5\d"))


@pytest.mark.parametrize("served", ["sv"], indirect=True)
def test_the_page_speaks_the_sessions_language(phone: Page, served: Served) -> None:
    served.goto("memory")
    phone.goto(served.join_url)
    expect(phone.locator("#me")).to_contain_text("Du är ")
    assert phone.evaluate("document.documentElement.lang") == "sv"
    phone.get_by_label("Good: svar 1").fill("x" * 21)
    phone.get_by_role("button", name="Skicka").click()
    refusal = phone.get_by_role("status").filter(has_text="För långt")
    expect(refusal).to_have_text("För långt: 21 tecken, gränsen är 20. Korta ner det.")


def test_the_phone_saves_the_service_card_as_an_image(phone: Page, served: Served) -> None:
    served.goto("hello")
    phone.goto(served.join_url)
    expect(phone.get_by_text("Join with your phone.")).to_be_visible()
    served.goto("card")
    save = phone.get_by_role("link", name="Save the card")
    expect(save).to_be_visible()
    with phone.expect_download() as caught:
        save.click()
    download = caught.value
    assert download.suggested_filename == f"service-card-{served.hub.state.room}.png"
    with Image.open(download.path()) as image:
        assert (image.format, image.size) == ("PNG", (1011, 638))
