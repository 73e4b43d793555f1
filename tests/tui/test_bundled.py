"""The bundled default workshop, walked end to end in each language with simulated phones."""

from __future__ import annotations

import random

import pytest

from tests.tui.conftest import MakeApp, answer, join, screen_text, settle
from tests.tui.run_projector import payload_for
from workshop_tui import decks
from workshop_tui.catalogue import t
from workshop_tui.domain.deck import LevelsStep
from workshop_tui.tui.plan_form import PlanScreen
from workshop_tui.tui.safe import clean, truncate

PHONES = 7


@pytest.mark.parametrize("language", ["sv", "en", "fi"])
async def test_walk_the_default_workshop(make_app: MakeApp, language: str) -> None:
    workshop, cards = decks.load_workshop(decks.bundled_dir() / f"stjarnklass-{language}.toml")
    app = make_app(workshop=workshop, card_decks=cards)
    rng = random.Random(1)
    async with app.run_test(size=(160, 45)) as pilot:
        hub = app.hub
        people = await join(hub, *(f"Person {n}" for n in range(PHONES)))
        await settle(pilot)
        assert t(language, "joined", count=PHONES) in screen_text(app)
        for index, step in enumerate(workshop.steps):
            if index:
                await pilot.press("right")
            assert hub.state.current == index
            if hub.state.steps[step.id].status == "preparing":
                # The ladder waits for the facilitator to open it (i), as in a real room.
                await settle(pilot)
                assert t(language, "preparing") in screen_text(app)
                await pilot.press("i")
                await settle(pilot)
                assert hub.state.steps[step.id].status == "open", step.id
            for pid in people:
                payload = payload_for(hub, step.id, rng)
                if payload is not None:
                    await answer(hub, pid, step.id, payload)
            if not hub.state.steps[step.id].revealed:
                await pilot.press("r")
            await settle(pilot)
            text = screen_text(app)
            assert truncate(clean(step.title), 30)[:20] in text, step.id
            question = clean(str(getattr(step, "question", "")))
            assert question[:30] in text, step.id
            if step.kind not in ("lobby", "summary"):
                assert t(language, "answered", count=PHONES, total=PHONES) in text, step.id
            if isinstance(step, LevelsStep):
                await pilot.press("l")
                await settle(pilot)
                assert hub.state.steps[step.id].levels is not None
            if step.kind == "campaign":
                await pilot.press("enter")
                await settle(pilot)
                assert isinstance(app.screen, PlanScreen)
                await pilot.press(*["tab"] * 4, *"Kim", "enter")
                await settle(pilot)
                assert hub.state.steps[step.id].plan is not None
                assert t(language, "chosen_campaign") in screen_text(app)
        assert t(language, "service_card") in screen_text(app)
