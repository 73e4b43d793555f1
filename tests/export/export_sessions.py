"""Finished sessions for the export tests, run through the real hub the way a group would."""

from __future__ import annotations

import itertools
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from workshop_tui import decks
from workshop_tui.domain.commands import (
    Answer,
    ChooseCampaign,
    GoTo,
    LockLevels,
    NewRound,
    OpenStep,
)
from workshop_tui.domain.deck import (
    CampaignStep,
    CardDeck,
    ChoiceStep,
    ConsensusStep,
    FollowupStep,
    LevelsStep,
    PromptStep,
    ScaleStep,
    Step,
    VoteStep,
    Workshop,
)
from workshop_tui.domain.state import CampaignPlan, EarlierCampaign
from workshop_tui.session.hub import Hub

HOSTILE = '=HYPERLINK("http://evil.example","x") <img src=x onerror=alert(1)> \u202eevil'


def _default_pick(person: int, area: int, round_: int) -> int:
    # Round 1 has a holdout below the first rung; in round 2 everyone climbs a little.
    if round_ == 1:
        return -1 if person == 0 else 1
    return min(2, person + area % 2)


def _default_fist(person: int, round_: int) -> int:
    # Round 1 is held back by the first to join; in round 2 everyone agrees.
    return 2 if round_ == 1 and person == 0 else 4


def _default_ratings(person: int, items: int) -> list[int | None]:
    return [3 + person % 3] * items


# Called on every step while it is current, after the script's answers: the hub, the step and
# the participants' ids in join order.
During = Callable[[Hub, Step, list[str]], Awaitable[None]]


@dataclass
class Script:
    """What the phones and the facilitator do; `pick(person, area, round)` is a rung index,
    `fist(person, round)` a fist of five, `ratings(person, items)` a scale answer, and
    `during` anything more on a step (a hidden or held answer)."""

    names: list[str] = field(default_factory=lambda: ["Åsa", "Päivi", "Örjan"])
    text: str = "Vi hälsar på alla – även på måndagar"
    pick: Callable[[int, int, int], int] = _default_pick
    card: int = 0
    start: str = "2026-02-02"
    end: str = "2026-02-22"
    followup: str = "2026-03-02"
    owner: str = "Åsa Öberg"
    choose_campaign: bool = True
    fist: Callable[[int, int], int] = _default_fist
    ratings: Callable[[int, int], list[int | None]] = _default_ratings
    during: During | None = None


def bundled(workshop_id: str) -> tuple[Workshop, dict[str, CardDeck]]:
    return decks.load_workshop(decks.bundled_dir() / f"{workshop_id}.toml")


def with_names(
    workshop: tuple[Workshop, dict[str, CardDeck]],
) -> tuple[Workshop, dict[str, CardDeck]]:
    """The workshop as `workshop-tui run --names` starts it: its lobby says the exports name
    the participants, so they may."""
    info = workshop[0].workshop.model_copy(update={"names": True})
    return workshop[0].model_copy(update={"workshop": info}), workshop[1]


def clock_at(text: str) -> Callable[[], float]:
    """A clock that starts at a local date and time and ticks a second per reading."""
    ticks = itertools.count(datetime.fromisoformat(text).timestamp())
    return lambda: float(next(ticks))


async def run_workshop(hub: Hub, script: Script) -> None:
    """Take the group through every step of the hub's workshop, answering as the script says."""
    people = [(await hub.join(name))[0].id for name in script.names]
    keys = itertools.count()
    state = hub.state

    async def answer(person: int, step_id: str, payload: dict[str, object]) -> None:
        key = f"k{next(keys)}"
        await hub.execute(Answer(people[person], step_id, payload, key, hub.clock()))

    async def open_if_preparing(step_id: str) -> None:
        # A step that opens on the facilitator's key (a ladder being arranged) waits for it.
        if state.steps[step_id].status == "preparing":
            await hub.execute(OpenStep(step_id))

    for index, step in enumerate(state.workshop.steps):
        await hub.execute(GoTo(index, hub.clock()))
        await open_if_preparing(step.id)
        everyone = range(len(people))
        if isinstance(step, PromptStep):
            for p in everyone:
                await answer(p, step.id, {"answers": [{"text": f"{script.text} {p}"}]})
        elif isinstance(step, ChoiceStep):
            for p in everyone:
                await answer(p, step.id, {"options": [p % len(step.options)]})
        elif isinstance(step, ScaleStep):
            for p in everyone:
                await answer(p, step.id, {"ratings": script.ratings(p, len(step.items))})
        elif isinstance(step, VoteStep) and state.steps[step.id].options:
            for p in everyone:
                await answer(p, step.id, {"dots": {"0": 1}})
        elif isinstance(step, LevelsStep):
            for round_ in (1, 2):
                if round_ == 2:
                    await hub.execute(NewRound(step.id))
                    await open_if_preparing(step.id)
                for p in everyone:
                    rungs = {
                        a.id: min(script.pick(p, i, round_), len(a.rungs) - 1)
                        for i, a in enumerate(step.areas)
                    }
                    await answer(p, step.id, {"rungs": rungs})
            await hub.execute(LockLevels(step.id))
        elif isinstance(step, ConsensusStep):
            for round_ in (1, 2):
                if round_ == 2:
                    await hub.execute(NewRound(step.id))
                for p in everyone:
                    await answer(p, step.id, {"fist": script.fist(p, round_)})
        elif isinstance(step, CampaignStep):
            cards = state.card_decks[step.card_deck].cards
            for p in everyone:
                await answer(p, step.id, {"votes": {cards[script.card].id: 2}})
            if script.choose_campaign:
                plan = CampaignPlan(
                    cards[script.card].id,
                    cards[script.card].title,
                    f"{script.text} (purpose)",
                    f"{script.text} (goal)",
                    script.start,
                    script.end,
                    script.owner,
                    script.followup,
                )
                await hub.execute(ChooseCampaign(step.id, plan))
        elif isinstance(step, FollowupStep):
            for p in everyone:
                await answer(p, step.id, {"reached": "partly", "changed": script.text})
        if script.during is not None:
            await script.during(hub, step, people)


async def finished_session(
    workshop: tuple[Workshop, dict[str, CardDeck]],
    folder: Path,
    script: Script | None = None,
    when: str = "2026-01-15T09:00:00",
    group: str | None = None,
    followup_of: EarlierCampaign | None = None,
) -> Path:
    """Run a whole session, close it, and return its file."""
    hub = Hub.create(
        workshop[0],
        workshop[1],
        folder,
        clock=clock_at(when),
        group=group,
        followup_of=followup_of,
    )
    await hub.start()
    try:
        await run_workshop(hub, script or Script())
    finally:
        await hub.close()
    return hub.path


def expected_levels(workshop: Workshop, script: Script) -> dict[str, str]:
    """The rung text the card must show per area name: the highest rung everyone accepts."""
    step = next(s for s in workshop.steps if isinstance(s, LevelsStep))
    people = range(len(script.names))
    return {
        area.name: area.rungs[min(min(script.pick(p, i, 2) for p in people), len(area.rungs) - 1)]
        for i, area in enumerate(step.areas)
    }
