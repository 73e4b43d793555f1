"""Projector fixtures: a hub on the mini workshop with a fixed clock, room code and address."""

from __future__ import annotations

import html
import itertools
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from workshop_tui.domain.commands import Answer
from workshop_tui.domain.deck import CardDeck, Workshop
from workshop_tui.domain.state import CampaignPlan
from workshop_tui.participant_server import ServerInfo
from workshop_tui.session import hub as hub_module
from workshop_tui.session.hub import Hub
from workshop_tui.tui.app import ProjectorApp

FIXED_NOW = 1_767_225_600.0  # 2026-01-01 00:00 UTC
ROOM = "KQXT"
INFO = ServerInfo(
    join_url=f"http://192.168.1.20:8765/{ROOM}",
    base_url="http://192.168.1.20:8765",
    room=ROOM,
    host="192.168.1.20",
    port=8765,
    loopback_only=False,
)
_keys = itertools.count()

MakeApp = Callable[..., ProjectorApp]


async def until(pilot: Pilot[None], done: Callable[[], bool], what: str = "the projector") -> None:
    """Let the app work until `done()`: for what comes from outside a key press (a deadline,
    a notice) or acts in its own time (a key that sends a command). Bounded: about 10 s."""
    for _ in range(200):
        if done():
            return
        await settle(pilot)
        await pilot.pause(0.05)
    raise AssertionError(f"timed out waiting for {what}")


async def settle(pilot: Pilot[None]) -> None:
    """Wait until the projector shows everything the hub has stored so far, and has drawn it:
    the app's own signal, instead of a pause that is too long or too short."""
    app = pilot.app
    assert isinstance(app, ProjectorApp)
    await app.up_to_date()
    await pilot.pause()


@pytest.fixture
def make_app(
    mini: tuple[Workshop, dict[str, CardDeck]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> MakeApp:
    """Build a projector app on a fresh session (the app starts and closes the hub itself)."""
    monkeypatch.setattr(hub_module, "room_code", lambda: ROOM)

    def make(
        workshop: Workshop | None = None,
        card_decks: dict[str, CardDeck] | None = None,
        info: ServerInfo | None = INFO,
        clock: Callable[[], float] = lambda: FIXED_NOW,
    ) -> ProjectorApp:
        hub = Hub.create(
            workshop or mini[0],
            card_decks if card_decks is not None else mini[1],
            tmp_path / "sessions",
            clock=clock,
        )
        return ProjectorApp(hub, None, info=info)

    return make


def screen_text(app: ProjectorApp) -> str:
    """Everything on the screen as plain text (style runs joined, lines joined by newlines)."""
    svg = app.export_screenshot()
    lines: dict[str, list[str]] = {}
    for line, text in re.findall(r'clip-path="url\(#terminal-\d+-line-(\d+)\)">(.*?)</text>', svg):
        lines.setdefault(line, []).append(html.unescape(text).replace("\xa0", " "))
    return "\n".join(
        "".join(parts) for _, parts in sorted(lines.items(), key=lambda kv: int(kv[0]))
    )


async def answer(hub: Hub, participant_id: str, step_id: str, payload: dict[str, Any]) -> None:
    """Send one participant's answer through the hub, as the participant server would."""
    key = f"k{next(_keys)}"
    await hub.execute(Answer(participant_id, step_id, payload, key, hub.clock()))


async def join(hub: Hub, *names: str) -> list[str]:
    """Join participants with the given names; returns their ids in order."""
    return [(await hub.join(name))[0].id for name in names]


PEOPLE = ("Anna", "Bo", "Cecilia", "David", "Eva")
HOSTILE = r"[red]x[/red] \x1b[2J <script>alert(1)</script>"

# What the five people answer at each step of the mini workshop.
SCRIPT: dict[str, list[dict[str, Any]]] = {
    "ideas": [
        {"answers": [{"text": "A warm smile at the door", "column": 0}]},
        {"answers": [{"text": "Being listened to", "column": 1}]},
        {"answers": [{"text": HOSTILE, "column": 0}]},
        {"answers": [{"text": "Quick answers to every question 🙂", "column": 0}]},
        {
            "answers": [
                {"text": "Respect for the customer's time", "column": 1},
                {"text": "Kundens namn – お客様", "column": 0},
            ]
        },
    ],
    "scenario": [
        {"options": [2]},
        {"options": [2]},
        {"options": [1]},
        {"options": [0]},
        {"options": [2]},
    ],
    "areas": [
        {"ratings": [4, 3, 2]},
        {"ratings": [5, 4, 2]},
        {"ratings": [3, 4, 1]},
        {"ratings": [4, 5, None]},
        {"ratings": [2, 3, 3]},
    ],
    "dots": [
        {"dots": {"0": 3}},
        {"dots": {"0": 1, "1": 2}},
        {"dots": {"3": 3}},
        {"dots": {"1": 1, "4": 2}},
        {"dots": {"0": 2, "4": 1}},
    ],
    "routines": [
        {"answers": [{"text": "Say hello to everyone in the corridor", "column": 0}]},
        {"answers": [{"text": "Return calls before lunch", "column": 0}]},
    ],
    "level": [
        {"rungs": {"greeting": 2, "calls": 1}},
        {"rungs": {"greeting": 1, "calls": 1}},
        {"rungs": {"greeting": 2, "calls": 0}},
        {"rungs": {"greeting": 1, "calls": 1}},
        {"rungs": {"greeting": 2, "calls": 1}},
    ],
    "fist": [{"fist": 3}, {"fist": 4}, {"fist": 5}, {"fist": 3}, {"fist": 5}],
    "campaign": [
        {"votes": {"greeting": 2, "thanks": 1}},
        {"votes": {"callback": 3}},
        {"votes": {"greeting": 3}},
        {"votes": {"greeting": 1, "callback": 1, "thanks": 1}},
        {"votes": {"thanks": 2}},
    ],
    "followup": [
        {"reached": "yes", "changed": "Customers say hello back"},
        {"reached": "partly", "changed": ""},
        {"reached": "yes", "changed": "Fewer complaints about waiting"},
        {"reached": "no", "changed": ""},
        {"reached": "partly", "changed": "We talk more about service"},
    ],
}


# The campaign `walk_to` chooses, so that the summary and follow-up steps have one to show.
WALK_PLAN = CampaignPlan(
    "greeting",
    "",
    "Make every customer feel seen.",
    "9 of 10 asked customers say they were greeted.",
    "2026-01-05",
    "2026-01-25",
    "Anna",
    "2026-02-01",
)


async def walk_to(app: ProjectorApp, step_id: str) -> None:
    """Play the scripted session up to `step_id` and reveal its results."""
    from workshop_tui.domain.commands import ChooseCampaign, GoTo, LockLevels, SetRevealed

    hub = app.hub
    if not hub.state.participants:
        await join(hub, *PEOPLE)
    people = list(hub.state.participants)
    for index, step in enumerate(hub.state.workshop.steps):
        await hub.execute(GoTo(index, hub.clock()))
        for pid, payload in zip(people, SCRIPT.get(step.id, []), strict=False):
            await answer(hub, pid, step.id, payload)
        if step.id == step_id:
            if not hub.state.steps[step.id].revealed:
                await hub.execute(SetRevealed(step.id, True))
            # The projector shows the step before the test presses its keys.
            await app.up_to_date()
            return
        if step.kind == "levels":
            await hub.execute(LockLevels(step.id))
        if step.kind == "campaign":
            await hub.execute(ChooseCampaign(step.id, WALK_PLAN))
    raise KeyError(step_id)
