"""A bundled workshop run in Swedish and in Finnish shows none of the English catalogue's words:
not on the projector (every step, the help, the notes, a refusal), not on the phones (the words
the phone page is served and the views it is sent), not in any export, and not on the command
line that checks such a workshop or attaches a console to its session. No Swedish or Finnish
catalogue text may itself be the English one, but for a few listed with their reason."""

from __future__ import annotations

import asyncio
import functools
import json
import random
import re
import string
import threading
from html import unescape
from pathlib import Path
from typing import Any, cast

import pytest
from aiohttp.test_utils import TestClient, TestServer
from icalendar import Calendar

from tests.export.export_sessions import Script, bundled, finished_session
from tests.tui.conftest import INFO, answer, join, screen_text, settle
from tests.tui.run_projector import payload_for
from workshop_tui import decks
from workshop_tui.catalogue import catalogue, t
from workshop_tui.cli import main
from workshop_tui.domain.commands import GoTo
from workshop_tui.domain.console import console_view
from workshop_tui.domain.deck import STEP_KINDS, LevelsStep
from workshop_tui.export import FORMATS, export_formats
from workshop_tui.export.outcome import build_outcome
from workshop_tui.export.pocket import pocket_paragraphs
from workshop_tui.export.source import load_session
from workshop_tui.session.hub import Hub
from workshop_tui.tui.app import ProjectorApp
from workshop_tui.tui.console_app import ConsoleApp
from workshop_tui.tui.console_link import ConsoleLink
from workshop_tui.tui.plan_form import PlanScreen
from workshop_tui.web.server import create_app
from workshop_tui.web.views import phone_view

LANGUAGES = ["sv", "fi"]
TEXT_FORMATS = [f for f in FORMATS if f not in ("pdf", "png")]
ANSWERS = {"sv": "Vi hälsar på alla", "fi": "Tervehdimme kaikkia"}
TIMEOUT = 10.0


# The texts Swedish or Finnish write exactly as English does, each for a reason; any other
# text of theirs that equals the English one is English left in their catalogue.
SAME_AS_ENGLISH = {
    # Both languages write the doctor's all-clear as it is, beside VARNING / VAROITUS.
    ("sv", "doctor_ok", "OK"),
    ("fi", "doctor_ok", "OK"),
    # Swedish words spelled as the English ones (SAOL): "start", "period", "problem" (one and
    # many), "finger" (one), and "workshop", the word the Swedish catalogue uses throughout.
    ("sv", "start", "Start"),
    ("sv", "period", "Period"),
    ("sv", "doctor_problem", "PROBLEM"),
    ("sv", "check_problem_count", "{count} problem"),
    ("sv", "fingers", "{count} finger"),
    ("sv", "phone_results_fingers", "{count} finger"),
    ("sv", "decks_workshop", "workshop"),
}


def _forms(entry: str | tuple[str, ...]) -> tuple[str, ...]:
    return entry if isinstance(entry, tuple) else (entry,)


def _wordless(form: str) -> bool:
    """Whether `form` is only placeholders, numbers and signs ("{mean} ±{spread}")."""
    return not any(c.isalpha() for literal, *_ in string.Formatter().parse(form) for c in literal)


def english_left(language: str) -> list[tuple[str, str]]:
    """The (key, text) of `language`'s catalogue that are the English catalogue's text for the
    same key, but for texts of no words and those in SAME_AS_ENGLISH."""
    english, own = catalogue("en").texts, catalogue(language).texts
    return [
        (key, form)
        for key, entry in own.items()
        for form in _forms(entry)
        if form in _forms(english[key])
        and not _wordless(form)
        and (language, key, form) not in SAME_AS_ENGLISH
    ]


def english_words(language: str) -> set[str]:
    """The pieces of English catalogue text (between placeholders) that the `language`
    catalogue does not also use: any of them in the output is English leaking through. Short
    pieces ("OK", "Start") are the same in several languages and are left out. A text the
    `language` catalogue copied from English (`english_left`) is not its own: its pieces
    count as English."""
    english, own = catalogue("en").texts, catalogue(language).texts
    copied = set(english_left(language))
    everything_own = "\n".join(
        form for key, entry in own.items() for form in _forms(entry) if (key, form) not in copied
    )
    pieces: set[str] = set()
    for key, entry in english.items():
        for form in _forms(entry):
            if form in _forms(own[key]) and (key, form) not in copied:
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


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_pre_flight_check_speaks_the_decks_language(
    language: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # The facilitator's system speaks English; the check describes a Finnish (Swedish) deck's
    # screens, whose own words are Finnish (Swedish): every line is in the deck's language.
    monkeypatch.setenv("LC_ALL", "en_US.UTF-8")
    workshop = decks.bundled_dir() / f"stjarnklass-{language}.toml"
    cards = decks.bundled_dir() / f"cards-{language}.toml"
    assert main(["check", "--fit", "60x20", str(workshop), str(cards)]) == 1
    captured = capsys.readouterr()
    said = (captured.out + captured.err).replace(str(workshop), "").replace(str(cards), "")
    findings = [line for line in said.splitlines() if line.startswith(": ")]
    assert len(findings) >= 3, said  # at 60x20 the bundled workshop has things to report
    assert leaks(said, language) == [], said
    # A step's kind is named as the language names it, not by its code in the deck file.
    for kind in STEP_KINDS:
        if t(language, f"kind_{kind}") != kind:
            assert f"({kind})" not in said, said


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_consoles_last_line_is_in_the_sessions_language(
    language: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # The facilitator's system speaks English; the session is Swedish (Finnish).
    monkeypatch.setenv("LC_ALL", "en_US.UTF-8")
    # The console runs as `workshop-tui console` runs it, with no terminal to draw on.
    monkeypatch.setattr(
        ConsoleApp, "run_async", functools.partialmethod(ConsoleApp.run_async, headless=True)
    )
    listening = threading.Event()
    session: list[Path] = []

    async def no_keys(action: str) -> str | None:
        return None

    async def projector() -> None:
        sent = asyncio.Event()

        class ClosesAfterItsFirstState(ConsoleLink):
            """A projector that closes once it has sent the console its first state."""

            def view(self) -> dict[str, Any]:
                sent.set()
                return super().view()

        deck = decks.bundled_dir() / f"stjarnklass-{language}.toml"
        hub = Hub.create(*decks.load_workshop(deck), tmp_path / "sessions")
        await hub.start()
        link = ClosesAfterItsFirstState(hub, no_keys)
        await link.start()
        session.append(hub.path)
        listening.set()
        try:
            await asyncio.wait_for(sent.wait(), TIMEOUT)
        finally:
            await link.stop()
            await hub.close()

    running = threading.Thread(target=asyncio.run, args=(projector(),))
    running.start()
    try:
        assert listening.wait(TIMEOUT)
        assert main(["console", str(session[0])]) == 0
    finally:
        running.join(TIMEOUT)
    assert not running.is_alive()
    said = capsys.readouterr().out
    assert said.strip() == t(language, "console_projector_closed")
    assert leaks(said, language) == [], said


@pytest.mark.parametrize("language", LANGUAGES)
async def test_the_console_speaks_only_the_sessions_language(language: str, tmp_path: Path) -> None:
    workshop, cards = decks.load_workshop(decks.bundled_dir() / f"stjarnklass-{language}.toml")
    hub = Hub.create(workshop, cards, tmp_path / "sessions", clock=lambda: 1_767_600_000.0)
    state = console_view(hub.state, hub.clock(), hub.clock())
    # A step the deck plans no minutes for shows its answering time: a minute and a half.
    state["plan"][1].update(minutes=None, seconds=90)
    # A projector that sends nothing more: the console shows its first state.
    app = ConsoleApp(asyncio.StreamReader(), cast("asyncio.StreamWriter", None), state)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        text = screen_text(app)  # type: ignore[arg-type]
    assert "1,5 min" in text, text
    # The bundled workshop's break after its routines is a line of the plan.
    assert t(language, "console_break", minutes=10) in text, text
    assert leaks(text, language) == [], text
