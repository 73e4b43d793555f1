"""One session, two languages: a Finnish and a Swedish phone (browser locales fi-FI and sv-SE,
so their Accept-Language) walk every step of the bundled workshop side by side. Each reads it
in its own language and the group's tallies hold both phones' answers."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.browser_server import Served
from tests.browser.conftest import new_phone, serve
from workshop_tui import decks
from workshop_tui.catalogue import t
from workshop_tui.decks.parallel import load_parallel
from workshop_tui.domain import tally
from workshop_tui.domain.commands import OpenStep
from workshop_tui.domain.deck import ChoiceStep, LevelsStep, Step, Workshop
from workshop_tui.session.hub import Hub
from workshop_tui.web import Limits

pytestmark = pytest.mark.browser
SV = decks.bundled_dir() / "stjarnklass-sv.toml"


@pytest.fixture
def parallel(tmp_path: Path) -> Iterator[Served]:
    """The bundled workshop in Swedish, with Finnish for the phones, on 127.0.0.1."""

    async def make_hub() -> Hub:
        workshop, cards = decks.load_workshop(SV)
        translations = load_parallel(SV, workshop, cards, ["fi"])
        return Hub.create(workshop, cards, tmp_path, translations=translations)

    with serve(make_hub, Limits()) as served:
        yield served


def answer(page: Page, step: Step, language: str) -> None:
    """Answer `step` the way a person would, by position, and wait until it is received."""
    main = page.locator("#main")
    if step.kind == "prompt":
        main.get_by_role("textbox").first.fill(f"{language}: {step.id}")
    elif step.kind in ("vote", "campaign"):
        # The second button of a row is its "+".
        main.locator("li").first.get_by_role("button").nth(1).click()
    elif step.kind == "choice":
        many = isinstance(step, ChoiceStep) and step.multiple
        main.get_by_role("checkbox" if many else "radio").nth(1).check()
    elif step.kind in ("scale", "levels"):
        for group in main.get_by_role("group").all():
            group.get_by_role("radio").nth(2).check()
    elif step.kind == "consensus":
        main.get_by_role("radio").nth(4).check()  # four fingers: at the threshold or above
    else:
        return
    main.get_by_role("button", name=t(language, "phone_send"), exact=True).click()
    expect(
        main.get_by_role("status").filter(has_text=t(language, "phone_received"))
    ).to_be_visible()


def test_a_finnish_and_a_swedish_phone_walk_every_step_each_in_its_own_language(
    browser: Browser, parallel: Served
) -> None:
    hub = parallel.hub
    decks_by_language: dict[str, Workshop] = {
        "sv": hub.state.workshop,
        "fi": hub.translations["fi"].workshop,
    }
    phones = {"fi": new_phone(browser, locale="fi-FI"), "sv": new_phone(browser, locale="sv-SE")}
    try:
        for language, page in phones.items():
            page.goto(parallel.join_url)
            expect(page.locator("html")).to_have_attribute("lang", language)
            expect(page.locator("#workshop")).to_have_text(
                decks_by_language[language].workshop.title
            )
            current = page.get_by_role("navigation").get_by_role(
                "link", name=t(language, "language_name")
            )
            expect(current).to_have_attribute("aria-current", "true")
        expect(phones["sv"].get_by_text(t("sv", "phone_wait_start"))).to_be_visible()

        for index, step in enumerate(hub.state.workshop.steps):
            parallel.goto(step.id)
            if step.opens == "on_key":
                parallel.run(hub.execute(OpenStep(step.id)))
            for language, page in phones.items():
                own = decks_by_language[language].steps[index]
                expect(page.locator("h1")).to_have_text(own.title)
                if isinstance(own, ChoiceStep):
                    expect(page.get_by_text(own.options[1], exact=True)).to_be_visible()
                if isinstance(own, LevelsStep):
                    expect(page.get_by_role("group", name=own.areas[0].name)).to_be_visible()
                answer(page, step, language)
            if step.kind not in ("lobby", "summary"):
                answers = hub.state.steps[step.id].current_answers
                assert len(answers) == 2, step.id
            if isinstance(step, ChoiceStep):
                counts = tally.choice_counts(answers.values(), len(step.options))
                assert counts[1] == 2, step.id
        # Open text is shown as written: the vote lists both phones' own words.
        assert set(hub.state.steps["memory-vote"].options) == {"fi: memory", "sv: memory"}
        card = phones["fi"].get_by_role("region", name=t("fi", "service_card"))
        expect(card).to_contain_text(hub.translations["fi"].workshop.workshop.title)
    finally:
        for page in phones.values():
            page.context.close()


def test_a_phone_switches_its_language_on_the_page_and_keeps_it(
    browser: Browser, parallel: Served
) -> None:
    page = new_phone(browser, locale="sv-SE")
    try:
        page.goto(parallel.join_url)
        parallel.goto("scenario")
        scenario = parallel.hub.translations["fi"].workshop.step("scenario")
        expect(page.locator("h1")).to_have_text(parallel.hub.state.workshop.step("scenario").title)
        page.get_by_role("link", name="Suomi").click()
        expect(page.locator("html")).to_have_attribute("lang", "fi")
        expect(page.locator("h1")).to_have_text(scenario.title)
        assert page.url == parallel.join_url
        # The same participant, now reading Finnish; and still so after a reload.
        assert len(parallel.hub.state.participants) == 1
        page.reload()
        expect(page.locator("h1")).to_have_text(scenario.title)
        expect(page.get_by_role("link", name="Suomi")).to_have_attribute("aria-current", "true")
        assert re.search(r"lang=", page.url) is None
    finally:
        page.context.close()
