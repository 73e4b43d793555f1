"""What a phone keeps is in the phone's language: a Swedish session with Finnish and English
for the phones (`--also-in fi,en`), a Finnish phone (fi-FI) and a Swedish one (sv-SE) at the
summary of a draft level with a campaign. Each phone's generated name, card, saved card image
and calendar file are in its own language; the facilitator's exports stay Swedish."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from icalendar import Calendar
from playwright.sync_api import Browser, Page, expect

from tests.browser.browser_server import Served
from tests.browser.conftest import new_phone, serve
from workshop_tui import decks
from workshop_tui.catalogue import t
from workshop_tui.decks.parallel import load_parallel
from workshop_tui.domain import names
from workshop_tui.domain.commands import Answer, ChooseCampaign, LockLevels, OpenStep
from workshop_tui.domain.deck import LevelsStep
from workshop_tui.domain.state import CampaignPlan
from workshop_tui.export import export_formats
from workshop_tui.export.outcome import Outcome
from workshop_tui.export.pocket import pocket_paragraphs
from workshop_tui.export.pocket_png import pocket_png
from workshop_tui.session.hub import Hub
from workshop_tui.web import Limits
from workshop_tui.web.phone_language import phone_outcome

pytestmark = pytest.mark.browser
SV = decks.bundled_dir() / "stjarnklass-sv.toml"
LANGUAGES = {"fi": "fi-FI", "sv": "sv-SE"}


@pytest.fixture
def parallel(tmp_path: Path) -> Iterator[Served]:
    """The bundled workshop in Swedish, with Finnish and English for the phones."""

    async def make_hub() -> Hub:
        workshop, cards = decks.load_workshop(SV)
        translations = load_parallel(SV, workshop, cards, ["fi", "en"])
        return Hub.create(workshop, cards, tmp_path / "sessions", translations=translations)

    with serve(make_hub, Limits()) as served:
        yield served


def _words(outcome: Outcome) -> str:
    """Every word the card image is drawn from."""
    return " ".join(run.text for p in pocket_paragraphs(outcome) for run in p.runs)


def _download(page: Page, link: str) -> bytes:
    with page.expect_download() as caught:
        page.get_by_role("link", name=link).click()
    with open(caught.value.path(), "rb") as file:
        return file.read()


def _events(ics: bytes) -> dict[str, tuple[str, str]]:
    """UID -> (SUMMARY, DESCRIPTION) of a calendar file."""
    calendar = Calendar.from_ical(ics)
    return {
        str(e["UID"]): (str(e["SUMMARY"]), str(e["DESCRIPTION"])) for e in calendar.walk("VEVENT")
    }


def _to_summary(served: Served) -> None:
    """Levels locked on the deck's rungs, a fist of five with one below (a draft), and the
    first card chosen with its purpose and goal as the plan form fills them in."""
    hub = served.hub
    people = sorted(hub.state.participants)
    served.goto("level")
    served.run(hub.execute(OpenStep("level")))
    for number, pid in enumerate(people):
        rungs = {"greeting": 1, "availability": 0}
        served.run(hub.execute(Answer(pid, "level", {"rungs": rungs}, f"l{number}", hub.clock())))
    served.run(hub.execute(LockLevels("level")))
    served.goto("fist")
    for number, pid in enumerate(people):
        fist = {"fist": 5 if number else 1}
        served.run(hub.execute(Answer(pid, "fist", fist, f"f{number}", hub.clock())))
    served.goto("campaign")
    card = hub.state.card_decks["cards-sv"].cards[0]
    plan = CampaignPlan(
        card.id,
        card.title,
        card.purpose,
        card.goal,
        "2026-02-02",
        "2026-02-22",
        "Kim",
        "2026-03-02",
    )
    served.run(hub.execute(ChooseCampaign("campaign", plan)))
    served.goto("summary")


def test_each_phone_keeps_the_card_the_calendar_and_its_name_in_its_own_language(
    browser: Browser, parallel: Served, tmp_path: Path
) -> None:
    hub = parallel.hub
    phones = {lang: new_phone(browser, locale=locale) for lang, locale in LANGUAGES.items()}
    try:
        for language, page in phones.items():
            page.goto(parallel.join_url)
            expect(page.locator("html")).to_have_attribute("lang", language)
            expect(page.locator("#me")).not_to_be_empty()
        # The generated name is in the phone's language; the session (so the projector) keeps
        # the very name the phone shows.
        for language, page in phones.items():
            (name,) = [
                p.name
                for p in hub.state.participants.values()
                if p.name in page.locator("#me").inner_text()
            ]
            expect(page.locator("#me")).to_have_text(t(language, "phone_you", name=name))
            adjective, animal = name.split(" ")
            assert adjective in names._ADJECTIVES[language].split(), name
            assert animal in names._ANIMALS[language].split(), name

        _to_summary(parallel)
        fi = hub.translations["fi"]
        fi_level, sv_level = fi.workshop.step("level"), hub.state.workshop.step("level")
        assert isinstance(fi_level, LevelsStep) and isinstance(sv_level, LevelsStep)
        fi_card = fi.card_decks["cards-fi"].cards[0]
        sv_card = hub.state.card_decks["cards-sv"].cards[0]
        own = {"fi": (fi_level, fi_card), "sv": (sv_level, sv_card)}

        # The summary's card on each phone: its draft notice, rungs and campaign texts.
        for language, page in phones.items():
            level, card = own[language]
            region = page.get_by_role("region", name=t(language, "service_card"))
            expect(region).to_contain_text(t(language, "phone_card_draft"))
            expect(region).to_contain_text(level.areas[0].rungs[1])
            expect(region).to_contain_text(card.title)
            expect(region).to_contain_text(card.purpose)
            expect(region).to_contain_text(card.goal)

        # The saved card: the picture drawn from the outcome in the phone's language.
        images = {
            language: _download(page, t(language, "phone_save_card"))
            for language, page in phones.items()
        }
        fi_outcome = phone_outcome(hub, fi)
        assert images["fi"] == pocket_png(fi_outcome)
        assert images["fi"] != images["sv"]
        words = _words(fi_outcome)
        for expected in (
            t("fi", "export_service_card"),
            t("fi", "card_draft", below=1, threshold=3),
            fi_level.areas[0].name,
            fi_level.areas[0].rungs[1],
            fi_card.title,
            fi_card.goal,
        ):
            assert expected in words
        for swedish in (t("sv", "export_service_card"), sv_level.areas[0].rungs[1], sv_card.goal):
            assert swedish not in words

        # The calendar file: the summary and the description in the phone's language, with
        # the same events (UIDs) as the facilitator's.
        calendars = {
            language: _events(_download(page, t(language, "phone_add_to_calendar")))
            for language, page in phones.items()
        }
        exported = export_formats(hub.path, ("ics", "png"), tmp_path / "exports")
        facilitator = _events(exported[0].read_bytes())
        assert calendars["sv"] == facilitator
        assert set(calendars["fi"]) == set(facilitator)
        for language, events in calendars.items():
            level, card = own[language]
            group = (fi if language == "fi" else hub.state).workshop.workshop.title
            summaries = sorted(summary for summary, _ in events.values())
            assert summaries == sorted(
                t(language, key, group=group, title=card.title)
                for key in ("ics_campaign_summary", "ics_followup_summary")
            )
            description = t(
                language,
                "ics_description",
                goal=card.goal,
                owner="Kim",
                purpose=card.purpose,
                start="2026-02-02",
                end="2026-02-22",
                followup="2026-03-02",
            )
            assert {text for _, text in events.values()} == {description}
        # The facilitator's card image is the session's, in Swedish: the Swedish phone's.
        assert exported[1].read_bytes() == images["sv"]
    finally:
        for page in phones.values():
            page.context.close()
