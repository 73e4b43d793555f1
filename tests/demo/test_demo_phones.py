"""Simulated phones against a real hub and a real participant server on loopback."""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest

from workshop_tui import decks
from workshop_tui.demo import DemoPhones, run_phones
from workshop_tui.demo.answers import ANSWERABLE, Taste, decide
from workshop_tui.demo.content import FIRST_NAMES, PROMPTS
from workshop_tui.domain.answers import validate_answer
from workshop_tui.domain.commands import GoTo, LockLevels, NewRound
from workshop_tui.domain.deck import CardDeck, PromptStep, VoteStep, Workshop
from workshop_tui.domain.state import SessionState
from workshop_tui.participant_server import ServerInfo
from workshop_tui.session.hub import Hub
from workshop_tui.web import WebServer
from workshop_tui.web.views import step_view

PHONES = 6
PACE = 0.01
DEADLINE = 15.0


async def until(condition: Callable[[], bool], what: str, timeout: float = DEADLINE) -> None:
    """Wait (bounded) until `condition` holds."""
    end = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > end:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.02)


@pytest.fixture
async def server(hub: Hub) -> AsyncIterator[ServerInfo]:
    web = WebServer(hub, host="127.0.0.1", port=0)
    info = await web.start()
    yield info
    await web.stop()


def everyone_answered(hub: Hub, step_id: str) -> Callable[[], bool]:
    answers = hub.state.steps[step_id].current_answers
    return lambda: len(answers) == PHONES


async def go_to(hub: Hub, index: int) -> None:
    await hub.execute(GoTo(index, hub.clock()))


async def test_phones_join_and_answer_every_kind(
    hub: Hub, server: ServerInfo, capsys: pytest.CaptureFixture[str]
) -> None:
    phones = DemoPhones(server.join_url, PHONES, "en", pace=PACE, seed=7)
    await go_to(hub, 0)
    await phones.start()
    try:
        await until(lambda: len(hub.state.participants) == PHONES, "every phone to join")
        for index, step in enumerate(hub.state.workshop.steps):
            if index:
                await go_to(hub, index)
            if step.kind not in ANSWERABLE:
                continue
            await until(everyone_answered(hub, step.id), f"answers to {step.id}")
            if step.kind == "levels":
                await hub.execute(LockLevels(step.id))
        flaky = [p for p in phones.phones if p.temper.drops]
        await until(lambda: all(p.reconnects for p in flaky), "the flaky phone to come back")
    finally:
        await phones.stop()

    assert len(hub.state.participants) == PHONES, "a reconnect must not create a participant"
    ids = {p.participant_id for p in phones.phones}
    assert ids == set(hub.state.participants)
    assert len(flaky) == 1 and flaky[0].reconnects >= 1
    assert not any(p.errors for p in phones.phones)
    fists = [a["fist"] for a in hub.state.steps["fist"].current_answers.values()]
    assert all(0 <= f <= 5 for f in fists)
    out, err = capsys.readouterr()
    assert out == err == "", "phones run beside a Textual screen and must not print"


async def test_reconnecting_phone_keeps_its_id_and_answers_after(
    hub: Hub, server: ServerInfo
) -> None:
    phones = DemoPhones(server.join_url, 2, "en", pace=PACE, seed=3)
    await go_to(hub, 1)  # a prompt: the flaky phone drops after its first answer
    await phones.start()
    try:
        flaky = next(p for p in phones.phones if p.temper.drops)
        await until(lambda: flaky.participant_id is not None, "the flaky phone to join")
        first_id = flaky.participant_id
        await until(lambda: flaky.reconnects >= 1, "the flaky phone to drop and come back")
        await go_to(hub, 2)
        await until(lambda: flaky.answered.get("scenario") == 1, "an answer after the reconnect")
    finally:
        await phones.stop()
    assert flaky.participant_id == first_id
    assert first_id in hub.state.steps["scenario"].current_answers
    assert len(hub.state.participants) == 2


async def test_a_new_round_is_answered_again(hub: Hub, server: ServerInfo) -> None:
    level = [s.id for s in hub.state.workshop.steps].index("level")
    await go_to(hub, level)
    phones = DemoPhones(server.join_url, 3, "en", pace=PACE, seed=11)
    await phones.start()
    try:
        state = hub.state.steps["level"]
        await until(lambda: len(state.current_answers) == 3, "first-round answers")
        await hub.execute(NewRound("level"))
        await until(lambda: state.round == 2 and len(state.answers[2]) == 3, "a re-vote")
    finally:
        await phones.stop()


async def test_run_phones_stops_when_told(hub: Hub, server: ServerInfo) -> None:
    stop = asyncio.Event()
    await go_to(hub, 0)
    task = asyncio.create_task(
        run_phones(server.base_url, server.room, 4, "en", stop, pace=PACE, seed=5)
    )
    await until(lambda: len(hub.state.participants) == 4, "four phones to join")
    stop.set()
    await asyncio.wait_for(task, 6.0)


async def test_names_are_in_the_decks_language(tmp_path: Path) -> None:
    workshop, cards = decks.load_workshop(decks.resolve_workshop(None, "fi"))
    hub = Hub.create(workshop, cards, tmp_path)
    await hub.start()
    web = WebServer(hub, host="127.0.0.1", port=0)
    info = await web.start()
    phones = DemoPhones(info.join_url, 8, "fi", pace=PACE, seed=1)
    try:
        await phones.start()
        await until(lambda: len(hub.state.participants) == 8, "eight phones to join")
    finally:
        await phones.stop()
        await web.stop()
        await hub.close()
    finnish = set(FIRST_NAMES["fi"].split())
    names = [p.name for p in hub.state.participants.values()]
    assert any(name in finnish for name in names)
    assert not any(name in FIRST_NAMES["en"].split() for name in names if name not in finnish)


@pytest.mark.parametrize("language", ["sv", "en", "fi"])
def test_decided_answers_pass_the_domain_rules(language: str) -> None:
    """Many seeds, every bundled step: the answers are always ones the hub accepts."""
    workshop, cards = decks.load_workshop(decks.resolve_workshop(None, language))
    answered = _check_deck(workshop, cards, language)
    assert answered >= {"prompt", "choice", "scale", "vote", "levels", "consensus", "campaign"}


def test_decided_answers_fit_the_mini_workshop(mini: tuple[Workshop, dict[str, CardDeck]]) -> None:
    workshop, cards = mini
    assert _check_deck(workshop, cards, "en") == set(ANSWERABLE)


def test_fist_of_five_is_mostly_three_to_five() -> None:
    rng = random.Random(2)
    step = {"id": "fist", "kind": "consensus", "round": 1}
    fists = [decide(step, "en", rng, Taste(1))["fist"] for _ in range(2000)]  # type: ignore[index]
    assert sum(f >= 3 for f in fists) / len(fists) > 0.8


@pytest.mark.parametrize("language", ["sv", "en", "fi"])
@pytest.mark.parametrize("name", ["stjarnklass", "followup"])
def test_each_bundled_prompt_is_answered_from_its_own_lines(name: str, language: str) -> None:
    """The memory prompt gets memories, the routines prompt routines (which the ladder then
    offers as proposals), and a two-column prompt answers that fit each column's heading."""
    workshop, cards = decks.load_workshop(decks.bundled_dir() / f"{name}-{language}.toml")
    state = SessionState(workshop=workshop, card_decks=cards, room="ABCD")
    written: dict[str, set[str]] = {}
    for index, step in enumerate(workshop.steps):
        if not isinstance(step, PromptStep):
            continue
        own = PROMPTS[step.id][language]
        assert len(own) == max(1, len(step.columns)), f"one list per column of {step.id}"
        state.current = index
        state.steps[step.id].status = "open"
        view = step_view(state, 0.0)
        assert view is not None
        texts = written.setdefault(step.id, set())
        for seed in range(40):
            payload = decide(view, language, random.Random(seed), Taste(seed))
            assert payload is not None
            for answer in payload["answers"]:
                assert answer["text"] in own[answer["column"]], (step.id, answer)
                texts.add(answer["text"])
        assert len(texts) >= 5, f"{step.id}: the phones vary their answers"
    assert written, "every bundled workshop has a prompt"
    for step_id, texts in written.items():
        others = set().union(*(t for other, t in written.items() if other != step_id))
        assert not texts & others, f"{step_id} shares answers with another prompt"


def test_the_routines_prompt_is_answered_with_rungs_in_the_first_person() -> None:
    """They become ladder proposals, so they read as the deck's rungs do: "I …"."""
    (sv,), (en,), (fi,) = (PROMPTS["routines"][language] for language in ("sv", "en", "fi"))
    assert all(r.startswith("Jag ") for r in sv) and all(r.startswith("I ") for r in en)
    assert all(r.split()[0].endswith("n") for r in fi), "Finnish: a verb in the first person"
    assert "I answer the phone within three rings" in en


def _check_deck(workshop: Workshop, cards: dict[str, CardDeck], language: str) -> set[str]:
    state = SessionState(workshop=workshop, card_decks=cards, room="ABCD")
    kinds: set[str] = set()
    for index, step in enumerate(workshop.steps):
        state.current = index
        step_state = state.steps[step.id]
        step_state.status = "open"
        if isinstance(step, VoteStep):
            step_state.options = list(step.options) or ["Smile", "Call back", "Say thanks"]
        view = step_view(state, 0.0)
        assert view is not None
        for seed in range(60):
            payload = decide(view, language, random.Random(seed), Taste(seed))
            if payload is None:
                assert step.kind not in ANSWERABLE
                continue
            validate_answer(step, step_state, state, payload)
            kinds.add(step.kind)
    return kinds
