"""A bundled workshop run in Swedish and in Finnish shows none of the English catalogue's words:
not on the projector (every step, the help, the notes, a refusal), not on the phones (the words
the phone page is served and the views it is sent), and not in any export."""

from __future__ import annotations

import json
import random
import re
import string
from html import unescape
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient, TestServer
from icalendar import Calendar

from tests.export.export_sessions import Script, bundled, finished_session
from tests.tui.conftest import INFO, answer, join, screen_text, settle
from tests.tui.run_projector import payload_for
from workshop_tui import decks
from workshop_tui.catalogue import catalogue
from workshop_tui.domain.commands import GoTo
from workshop_tui.domain.deck import LevelsStep
from workshop_tui.export import FORMATS, export_formats
from workshop_tui.export.outcome import build_outcome
from workshop_tui.export.pocket import pocket_paragraphs
from workshop_tui.export.source import load_session
from workshop_tui.hub import Hub
from workshop_tui.tui.app import ProjectorApp
from workshop_tui.tui.plan_form import PlanScreen
from workshop_tui.web.server import create_app
from workshop_tui.web.views import phone_view

LANGUAGES = ["sv", "fi"]
TEXT_FORMATS = [f for f in FORMATS if f not in ("pdf", "png")]
ANSWERS = {"sv": "Vi hälsar på alla", "fi": "Tervehdimme kaikkia"}


def _forms(entry: str | tuple[str, ...]) -> tuple[str, ...]:
    return entry if isinstance(entry, tuple) else (entry,)


def english_words(language: str) -> set[str]:
    """The pieces of English catalogue text (between placeholders) that the `language`
    catalogue does not also use: any of them in the output is English leaking through. Short
    pieces ("OK", "Start") are the same in several languages and are left out."""
    english, own = catalogue("en").texts, catalogue(language).texts
    everything_own = "\n".join(form for entry in own.values() for form in _forms(entry))
    pieces: set[str] = set()
    for key, entry in english.items():
        for form in _forms(entry):
            if form in _forms(own[key]):
                continue
            for literal, *_ in string.Formatter().parse(form):
                for piece in re.split(r"[:;()·,.!?…—–✔✘◀▲◆/±]| - ", literal):
                    piece = piece.strip()
                    if len(piece) >= 6 and piece.lower() not in everything_own.lower():
                        pieces.add(piece.lower())
    return pieces


def leaks(text: str, language: str) -> list[str]:
    """The English pieces found in `text`."""
    lowered = text.lower()
    return sorted(p for p in english_words(language) if p in lowered)


def shown_strings(value: object) -> list[str]:
    """The strings in a JSON value a phone could show: not its keys, nor the stored codes
    (`agreed`, `paused`, `partly`) the page turns into words itself."""
    if isinstance(value, dict):
        return [s for v in value.values() for s in shown_strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in shown_strings(v)]
    if isinstance(value, str) and not re.fullmatch(r"[a-z_]+", value):
        return [value]
    return []


def readable(page: str) -> str:
    """What an HTML page says to a reader: its text and its labels, not its style sheet."""
    page = re.sub(r"<style.*?</style>", "", page, flags=re.S)
    labels = re.findall(r'(?:aria-label|title|alt)="([^"]*)"', page)
    return unescape("\n".join([re.sub(r"<[^>]+>", " ", page), *labels]))


def test_the_check_finds_english() -> None:
    # What a Swedish lobby said before the catalogue: the refusal's English message.
    assert leaks("Gick inte: the timer has no time left; add a minute first", "sv") != []
    assert "not done" in leaks("Not done: whatever", "sv")
    assert "answered" in leaks("3/4 answered", "fi")
    assert leaks("3/4 har svarat · Steg 2/9", "sv") == []


@pytest.mark.parametrize("language", LANGUAGES)
async def test_the_projector_speaks_only_the_sessions_language(
    language: str, tmp_path: Path
) -> None:
    workshop, cards = decks.load_workshop(decks.bundled_dir() / f"stjarnklass-{language}.toml")
    hub = Hub.create(workshop, cards, tmp_path / "sessions", clock=lambda: 1_767_600_000.0)
    app = ProjectorApp(hub, None, info=INFO)
    rng = random.Random(3)
    shown: list[str] = []
    notify = app.notify

    def record(message: str, **options: object) -> None:
        shown.append(message)
        notify(message, **options)  # type: ignore[arg-type]

    app.notify = record  # type: ignore[method-assign]
    async with app.run_test(size=(160, 45)) as pilot:
        people = await join(hub, "Åsa", "Päivi", "Örjan", "Kim")
        await settle(pilot)
        for key in ("question_mark", "escape", "n", "n", "t"):
            await pilot.press(key)  # help, notes and a refusal: the lobby has no timer
            await settle(pilot)
            shown.append(screen_text(app))
        for index, step in enumerate(workshop.steps):
            if index:
                await pilot.press("right")
                await settle(pilot)
            if hub.state.steps[step.id].status == "preparing":
                shown.append(screen_text(app))  # a ladder being prepared: the phones wait
                await pilot.press("i")
                await settle(pilot)
            for pid in people:
                payload = payload_for(hub, step.id, rng)
                if payload is not None and step.kind == "prompt":
                    payload = {"answers": [{"text": ANSWERS[language], "column": 0}]}
                if payload is not None:
                    await answer(hub, pid, step.id, payload)
            if not hub.state.steps[step.id].revealed:
                await pilot.press("r")
            await settle(pilot)
            shown.append(screen_text(app))
            if isinstance(step, LevelsStep):
                await pilot.press("l")
                await settle(pilot)
                shown.append(screen_text(app))
            if step.kind == "campaign":
                await pilot.press("enter")
                await settle(pilot)
                assert isinstance(app.screen, PlanScreen)
                shown.append(screen_text(app))
                await pilot.press(*"Kim", "enter")
                await settle(pilot)
                shown.append(screen_text(app))
    text = "\n".join(shown)
    assert leaks(text, language) == [], text


@pytest.mark.parametrize("language", LANGUAGES)
async def test_the_phones_are_served_only_the_sessions_language(
    language: str, tmp_path: Path
) -> None:
    workshop, cards = decks.load_workshop(decks.bundled_dir() / f"stjarnklass-{language}.toml")
    hub = Hub.create(workshop, cards, tmp_path / "sessions")
    await hub.start()
    client = TestClient(TestServer(create_app(hub)))
    await client.start_server()
    try:
        response = await client.get(f"/static/i18n/{language}.js")
        script = await response.text()
        words = json.loads(script.removeprefix("window.TEXTS = ").rstrip().removesuffix(";"))
        assert leaks("\n".join(shown_strings(words)), language) == []
        page = await (await client.get(f"/{hub.state.room}")).text()
        assert f"static/i18n/{language}.js" in page
        (pid,) = await join(hub, "Åsa")
        views = []
        for index in range(len(workshop.steps)):
            await hub.execute(GoTo(index, hub.clock()))
            participant = hub.state.participants[pid]
            views += shown_strings(phone_view(hub.state, participant, 0.0))
        assert leaks("\n".join(views), language) == []
    finally:
        await client.close()
        await hub.close()


@pytest.mark.parametrize("language", LANGUAGES)
async def test_every_export_speaks_only_the_sessions_language(
    language: str, tmp_path: Path
) -> None:
    script = Script(text=ANSWERS[language])
    path = await finished_session(bundled(f"stjarnklass-{language}"), tmp_path, script)
    written = export_formats(path, TEXT_FORMATS, tmp_path / "out")
    for file in written:
        if file.suffix == ".csv" or file.suffix == ".json":
            continue  # data for other programs: field names and stored values, not words
        # The helper's campaign plan is the group's own text, tagged in English by the helper.
        text = file.read_text(encoding="utf-8").replace("(purpose)", "").replace("(goal)", "")
        if file.suffix == ".html":
            text = readable(text)
        if file.suffix == ".ics":  # the words are the events' texts; the rest is the format
            events = Calendar.from_ical(file.read_bytes()).walk("VEVENT")
            text = "\n".join(f"{e['SUMMARY']}\n{e['DESCRIPTION']}" for e in events)
            text = text.replace("(purpose)", "").replace("(goal)", "")
        assert leaks(text, language) == [], (file.name, leaks(text, language))
    # The PDF and the image draw these paragraphs.
    card = pocket_paragraphs(build_outcome(load_session(path)))
    text = "\n".join("".join(run.text for run in paragraph.runs) for paragraph in card)
    assert leaks(text, language) == []
