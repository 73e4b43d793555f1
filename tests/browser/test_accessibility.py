"""The phone page is accessible: axe-core's WCAG 2.0/2.1/2.2 A and AA rules on every step kind
in every state, and what no rule checks: reflow at 320 px and 200 % text, rating buttons on one
row, control names that say what they do, a timer announced twice, large text, high contrast.

axe-core comes with the axe-playwright-python package (a test dependency, locked in uv.lock):
its bundled axe.min.js is read from the installed package, so nothing is downloaded here."""

from __future__ import annotations

import asyncio
import json
import re
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.browser_server import Served
from tests.browser.conftest import new_phone
from workshop_tui import decks
from workshop_tui.catalogue import t
from workshop_tui.decks.parallel import load_parallel
from workshop_tui.domain.commands import (
    ChooseCampaign,
    LockLevels,
    OpenStep,
    SetLocked,
    SetRevealed,
    TimerControl,
)
from workshop_tui.domain.state import CampaignPlan
from workshop_tui.session.hub import Hub
from workshop_tui.web import Limits, WebServer

pytestmark = pytest.mark.browser

AXE_SCRIPT = (resources.files("axe_playwright_python") / "axe.min.js").read_text(encoding="utf-8")
# WCAG 2.0, 2.1 and 2.2 at levels A and AA; `target-size` (2.5.8) is one of the wcag22aa rules.
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# The every-kind workshop with a one-column prompt as well (same folder, so the card deck is found).
WORKSHOP = Path(__file__).parents[1] / "web" / "data" / "accessibility.toml"
EVERY_KIND = Path(__file__).parents[1] / "web" / "data" / "every-kind.toml"


@pytest.fixture(autouse=True)
def one_column_prompt_too(monkeypatch: pytest.MonkeyPatch) -> None:
    """`served` serves the every-kind workshop; here the one with a one-column prompt too."""
    load = decks.load_workshop

    def load_instead(path: Path) -> Any:
        return load(WORKSHOP if path == EVERY_KIND else path)

    monkeypatch.setattr(decks, "load_workshop", load_instead)


@dataclass
class Scans:
    """Every axe-core scan of one walk: what was scanned, and each violation in readable form."""

    states: list[str] = field(default_factory=list)
    violations: list[str] = field(default_factory=list)
    rules: set[str] = field(default_factory=set)

    def scan(self, page: Page, state: str) -> None:
        if not page.evaluate("typeof window.axe === 'object'"):
            page.evaluate(AXE_SCRIPT)
        results = page.evaluate(
            "(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags},"
            " resultTypes: ['violations']})",
            TAGS,
        )
        self.states.append(state)
        for kind in ("violations", "passes", "incomplete", "inapplicable"):
            self.rules |= {rule["id"] for rule in results[kind]}
        for rule in results["violations"]:
            for node in rule["nodes"]:
                self.violations.append(
                    f"[{state}] {rule['id']} ({rule['impact']}): {rule['help']}\n"
                    f"    at {' '.join(map(str, node['target']))}\n"
                    f"    {node['failureSummary'].replace(chr(10), chr(10) + '    ')}\n"
                    f"    {rule['helpUrl']}"
                )

    def assert_clean(self) -> None:
        assert "target-size" in self.rules, "axe-core did not run the target-size rule"
        found = "\n".join(self.violations)
        assert not self.violations, f"{len(self.violations)} axe-core violations:\n{found}"


def view_of(page: Page) -> dict[str, Any]:
    """The view the server sends this phone now (what the page draws from)."""
    reply = page.evaluate(
        "fetch('api/' + document.documentElement.dataset.room + '/me').then(r => r.text())"
    )
    return dict(json.loads(reply)["view"])


def send(page: Page) -> None:
    page.get_by_role("button", name=re.compile("^Send")).click()
    expect(page.locator(".status").filter(has_text="✓")).to_be_visible()


def answer_prompt(page: Page) -> None:
    page.locator("textarea").first.fill("Smiled")


def answer_choice(page: Page) -> None:
    page.locator("input[type=radio]").nth(2).check()


def answer_scale(page: Page) -> None:
    for group in page.locator(".scale").all():
        group.locator("input").nth(3).check()


def answer_vote(page: Page) -> None:
    page.locator(".stepper button").nth(1).click()


def answer_levels(page: Page) -> None:
    for group in page.locator("fieldset").all():
        group.locator("input").first.check()


def answer_consensus(page: Page) -> None:
    page.locator(".fist input").nth(2).check()


def answer_campaign(page: Page) -> None:
    page.locator("summary").first.click()
    page.locator(".stepper button").nth(1).click()


def answer_followup(page: Page) -> None:
    page.locator("input[type=radio]").first.check()
    page.locator("textarea").fill("We call back.")


ANSWERS: list[tuple[str, Callable[[Page], None]]] = [
    ("memory", answer_prompt),
    ("notes", answer_prompt),
    ("pick", answer_choice),
    ("rate", answer_scale),
    ("dots", answer_vote),
    ("ladder", answer_levels),
    ("fist", answer_consensus),
    ("cards", answer_campaign),
    ("later", answer_followup),
]


def title(served: Served, step: str) -> str:
    return next(s.title for s in served.hub.state.workshop.steps if s.id == step)


SWITCHES = {"large-text": "phone_large_text", "high-contrast": "phone_high_contrast"}


def switch_on(page: Page, modes: tuple[str, ...], language: str = "en") -> None:
    for mode in modes:
        button = page.get_by_role("button", name=t(language, SWITCHES[mode]), exact=True)
        button.click()
        expect(button).to_have_attribute("aria-pressed", "true")


def see_results(page: Page) -> None:
    """The revealed step's results, as the view carries them, are on the phone."""
    assert view_of(page)["step"]["results"] is not None
    expect(page.locator(".results[aria-labelledby]")).to_be_visible()


def walk(page: Page, served: Served, scans: Scans, modes: tuple[str, ...] = ()) -> None:
    """Every step kind in every state a phone meets, scanned by axe-core in each."""
    served.goto("hello")
    page.goto(served.join_url)
    expect(page.locator("#me")).not_to_be_empty()
    switch_on(page, modes)
    scans.scan(page, "lobby")
    page.locator(".rename button").click()
    expect(page.locator(".rename .status")).not_to_be_empty()
    scans.scan(page, "lobby, name saved")
    for step, answer in ANSWERS:
        served.goto(step)
        expect(page.locator("h1")).to_have_text(title(served, step))
        scans.scan(page, f"{step}: answering")
        answer(page)
        send(page)
        scans.scan(page, f"{step}: sent")
        served.run(served.hub.execute(SetLocked(step, True)))
        expect(page.locator(".locked")).to_be_visible()
        scans.scan(page, f"{step}: locked")
        served.run(served.hub.execute(SetRevealed(step, True)))
        see_results(page)
        scans.scan(page, f"{step}: results")
    served.goto("card")
    expect(page.locator(".service-card")).to_be_visible()
    scans.scan(page, "card: draft")
    served.run(served.hub.execute(LockLevels("ladder")))
    served.run(served.hub.execute(ChooseCampaign("cards", PLAN)))
    expect(page.locator(".service-card .plan")).to_be_visible()
    scans.scan(page, "card: with levels and campaign")


PLAN = CampaignPlan(
    "call-back",
    "",
    "Nobody chases us",
    "All calls back the same day",
    "2026-01-05",
    "2026-02-01",
    "Robin",
    "2026-02-15",
)


@pytest.mark.parametrize(
    "modes", [(), ("large-text", "high-contrast")], ids=["as-it-comes", "large-high-contrast"]
)
def test_every_step_and_state_passes_axe_core(
    modes: tuple[str, ...], phone: Page, served: Served
) -> None:
    scans = Scans()
    walk(phone, served, scans, modes)
    print(f"axe-core scanned {len(scans.states)} states: {', '.join(scans.states)}")
    scans.assert_clean()


def wider_than_the_screen(page: Page) -> bool:
    return bool(
        page.evaluate(
            "document.scrollingElement.scrollWidth > document.scrollingElement.clientWidth"
        )
    )


def rows_of_numbers(page: Page) -> list[list[int]]:
    """The top of each button of each rating on the page (1–5 of a scale, 0–5 of a fist)."""
    tops: list[list[int]] = page.locator(".numbers").evaluate_all(
        "rows => rows.map(row => [...row.children].map(b => b.offsetTop))"
    )
    return tops


@pytest.mark.parametrize(("width", "text"), [(320, 100), (320, 200), (390, 200)])
def test_nothing_scrolls_sideways_and_ratings_keep_one_row(
    width: int, text: int, browser: Browser, served: Served
) -> None:
    page = new_phone(browser, width, 640)
    served.goto("hello")
    page.goto(served.join_url)
    expect(page.locator("#me")).not_to_be_empty()
    # The phone's own text size, as the browser's setting gives it: the page sizes in rem.
    page.evaluate(f"document.documentElement.style.fontSize = '{text}%'")
    assert page.evaluate("getComputedStyle(document.body).fontSize") == f"{18 * text / 100:g}px"
    wide, wrapped = [], []
    for step in [s.id for s in served.hub.state.workshop.steps]:
        served.goto(step)
        expect(page.locator("h1")).to_have_text(title(served, step))
        served.run(served.hub.execute(SetRevealed(step, True)))
        if step not in ("hello", "card"):
            see_results(page)
        if wider_than_the_screen(page):
            wide.append(step)
        rows = rows_of_numbers(page)
        assert rows or step not in ("rate", "fist"), f"{step} has no rating buttons"
        wrapped += [f"{step}: {tops}" for tops in rows if len(set(tops)) != 1]
    page.context.close()
    assert not wide, f"at {width} px and {text} % text these scroll sideways: {wide}"
    assert not wrapped, f"at {width} px and {text} % text ratings wrap: {wrapped}"


@pytest.mark.parametrize("served", ["en", "sv", "fi"], indirect=True)
def test_each_control_says_what_it_does(phone: Page, served: Served) -> None:
    language = served.hub.language
    phone.goto(served.join_url)
    expect(phone.locator("#me")).not_to_be_empty()

    def control(role: Literal["button", "radio"], key: str, **values: object) -> None:
        named = phone.get_by_role(role, name=t(language, key, **values), exact=True)
        expect(named).to_have_count(1)

    for key in SWITCHES.values():
        control("button", key)
    served.goto("rate")
    for item in ("We greet everyone", "We call back"):
        for value in range(1, 6):
            control("radio", "phone_rate_value", value=value, max=5, item=item)
        control("radio", "phone_skip_item", item=item)
    if language == "en":
        expect(
            phone.get_by_role("radio", name="3 of 5 for We greet everyone", exact=True)
        ).to_be_visible()
    served.goto("fist")
    for value in range(6):
        control("radio", "phone_fist_value", value=value, question="Can you live with this level?")
    served.goto("dots")
    for option in ("Greeting", "Speed", "Follow-up"):
        control("button", "phone_add_dot", option=option)
        control("button", "phone_remove_dot", option=option)
    served.goto("cards")
    # Each card's "More about this card" says which card it opens.
    cards = phone.locator("article.card").evaluate_all(
        "cards => cards.map(c => [c.querySelector('h2').textContent,"
        " c.querySelector('summary').getAttribute('aria-label')])"
    )
    assert len(cards) == 3
    assert [name for _, name in cards] == [
        t(language, "phone_more_about", card=title) for title, _ in cards
    ]


def test_the_timer_is_announced_at_one_minute_and_at_the_end(phone: Page, served: Served) -> None:
    phone.clock.install()
    served.goto("rate")
    phone.goto(served.join_url)
    timer = phone.get_by_role("timer")
    expect(timer).to_have_text(t("en", "phone_time_paused", time="2:00"))
    # The countdown is not live; what a screen reader hears comes from a region of its own.
    assert timer.get_attribute("aria-live") == "off"
    phone.evaluate(
        """() => {
          window.heard = [];
          const region = [...document.querySelectorAll('[aria-live=polite]')]
            .find(el => el.classList.contains('sr-only'));
          new MutationObserver(() => window.heard.push(region.textContent))
            .observe(region, {childList: true, characterData: true, subtree: true});
        }"""
    )
    served.run(served.hub.execute(TimerControl("rate", "start", served.hub.clock())))
    expect(timer).to_have_text(re.compile(r"Time left (2:00|1:59)"))
    # A minute ticked away (a few seconds short, for a slow machine): nothing said yet.
    phone.clock.run_for(55_000)
    expect(timer).to_have_text(re.compile(r"Time left 1:0\d"))
    assert phone.evaluate("window.heard") == []
    phone.clock.run_for(65_000)
    expect(timer).to_have_text("Time left 0:00")
    assert phone.evaluate("window.heard") == [
        t("en", "phone_time_one_minute"),
        t("en", "phone_time_up"),
    ]


def test_larger_text_and_high_contrast_are_switched_and_remembered(
    phone: Page, served: Served
) -> None:
    phone.goto(served.join_url)
    expect(phone.locator("#me")).not_to_be_empty()
    size = "getComputedStyle(document.body).fontSize"
    ink = "getComputedStyle(document.querySelector('.muted, .notice')).color"
    assert (phone.evaluate(size), phone.evaluate("document.documentElement.className")) == (
        "18px",
        "",
    )
    larger = phone.get_by_role("button", name="Larger text", exact=True)
    contrast = phone.get_by_role("button", name="High contrast", exact=True)
    expect(larger).to_have_attribute("aria-pressed", "false")
    switch_on(phone, ("large-text", "high-contrast"))
    assert phone.evaluate(size) == "27px"
    assert phone.evaluate(ink) == "rgb(0, 0, 0)"
    phone.reload()
    expect(larger).to_have_attribute("aria-pressed", "true")
    expect(contrast).to_have_attribute("aria-pressed", "true")
    assert phone.evaluate("document.documentElement.classList.contains('large-text')")
    assert phone.evaluate(size) == "27px"
    larger.click()
    expect(larger).to_have_attribute("aria-pressed", "false")
    assert phone.evaluate(size) == "18px"
    phone.reload()
    expect(larger).to_have_attribute("aria-pressed", "false")
    expect(contrast).to_have_attribute("aria-pressed", "true")


@pytest.fixture
def bundled(tmp_path: Path) -> Iterator[Served]:
    """The bundled workshop in Swedish with its Finnish and English parallels, on 127.0.0.1:
    real content (long Finnish words, whole ladders, the card deck) and the language switch."""
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, name="test-server", daemon=True)
    thread.start()

    async def start() -> tuple[Hub, WebServer, str]:
        primary = decks.bundled_dir() / "stjarnklass-sv.toml"
        workshop, cards = decks.load_workshop(primary)
        translations = load_parallel(primary, workshop, cards, ["fi", "en"])
        hub = Hub.create(workshop, cards, tmp_path, translations=translations)
        await hub.start()
        server = WebServer(hub, host="127.0.0.1", port=0, limits=Limits())
        return hub, server, (await server.start()).base_url

    hub, server, base_url = asyncio.run_coroutine_threadsafe(start(), loop).result(10)
    try:
        yield Served(hub, base_url, loop)
    finally:
        asyncio.run_coroutine_threadsafe(server.stop(), loop).result(10)
        asyncio.run_coroutine_threadsafe(hub.close(), loop).result(10)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(10)
        loop.close()


def test_the_bundled_workshop_in_finnish_at_320_px_and_200_percent_text(
    browser: Browser, bundled: Served
) -> None:
    """Every step of the real workshop on a Finnish phone at its hardest size: axe-core finds
    nothing (the language switch included), nothing scrolls sideways, ratings keep one row."""
    context = browser.new_context(
        locale="fi-FI", viewport={"width": 320, "height": 640}, is_mobile=True, has_touch=True
    )
    context.set_default_timeout(5000)
    page = context.new_page()
    scans, wide, wrapped = Scans(), [], []
    try:
        page.goto(bundled.join_url)
        expect(page.locator("html")).to_have_attribute("lang", "fi")
        expect(page.get_by_role("navigation")).to_be_visible()  # the language switch
        page.evaluate("document.documentElement.style.fontSize = '200%'")
        finnish = bundled.hub.translations["fi"].workshop
        for index, step in enumerate(bundled.hub.state.workshop.steps):
            bundled.goto(step.id)
            expect(page.locator("h1")).to_have_text(finnish.steps[index].title)
            if step.opens == "on_key":
                # The ladder waits while the facilitator prepares it: that page is scanned too.
                expect(page.locator(".preparing")).to_be_visible()
                scans.scan(page, f"{step.id}: preparing")
                bundled.run(bundled.hub.execute(OpenStep(step.id)))
                expect(page.locator(".preparing")).to_have_count(0)
            scans.scan(page, step.id)
            if wider_than_the_screen(page):
                wide.append(step.id)
            wrapped += [
                f"{step.id}: {tops}" for tops in rows_of_numbers(page) if len(set(tops)) > 1
            ]
    finally:
        context.close()
    print(f"axe-core scanned {len(scans.states)} states of the bundled workshop")
    scans.assert_clean()
    assert not wide, f"these scroll sideways: {wide}"
    assert not wrapped, f"these ratings wrap: {wrapped}"
