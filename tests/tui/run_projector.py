"""Run the projector on the mini workshop with simulated phones, for tmux tests and trying it out.

    uv run python tests/tui/run_projector.py SESSIONS_DIR [PHONES]

The stand-in participant server "starts" by inventing the address in the QR code and then lets
PHONES simulated people join and answer whatever step is current, through the hub, like phones.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import sys
from pathlib import Path
from typing import Any

from workshop_tui import decks
from workshop_tui.domain.commands import Answer
from workshop_tui.domain.deck import CampaignStep
from workshop_tui.domain.verdict import Refused
from workshop_tui.participant_server import ServerInfo
from workshop_tui.session.hub import Hub
from workshop_tui.tui.app import ProjectorApp

MINI = Path(__file__).resolve().parents[1] / "data" / "mini.toml"


def payload_for(hub: Hub, step_id: str, rng: random.Random) -> dict[str, Any] | None:
    """A plausible answer to the step, or None for steps that take none."""
    step = hub.state.workshop.step(step_id)
    kind = step.kind
    if kind == "prompt":
        words = ["smile", "listen", "call back", "greet", "help", "thank", "follow up"]
        return {"answers": [{"text": f"We {rng.choice(words)} every day", "column": 0}]}
    if kind == "choice":
        return {"options": [rng.randrange(len(getattr(step, "options", [])))]}
    if kind == "scale":
        return {"ratings": [rng.randint(1, 5) for _ in getattr(step, "items", [])]}
    if kind == "vote":
        options = len(hub.state.steps[step_id].options)
        return {"dots": {str(rng.randrange(options)): 1}} if options else None
    if kind == "levels":
        ladders = hub.state.steps[step_id].ladders
        return {"rungs": {a: rng.randrange(len(r)) for a, r in ladders.items()}}
    if kind == "consensus":
        return {"fist": rng.randint(2, 5)}
    if isinstance(step, CampaignStep):
        card = rng.choice(hub.state.card_decks[step.card_deck].cards)
        return {"votes": {card.id: 1}}
    if kind == "followup":
        return {"reached": rng.choice(["yes", "partly", "no"]), "changed": ""}
    return None


class SimulatedPhones:
    """Fits `ParticipantServer`: no sockets, just people joining and answering via the hub."""

    def __init__(self, hub: Hub, phones: int) -> None:
        self.hub = hub
        self.phones = phones
        self.task: asyncio.Task[None] | None = None

    async def start(self) -> ServerInfo:
        self.task = asyncio.create_task(self._run())
        room = self.hub.state.room
        return ServerInfo(
            f"http://192.168.1.20:8765/{room}",
            "http://192.168.1.20:8765",
            room,
            "192.168.1.20",
            8765,
            loopback_only=False,
        )

    async def stop(self) -> None:
        if self.task is not None:
            self.task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self.task

    async def _run(self) -> None:
        rng = random.Random(7)
        people = []
        for _ in range(self.phones):
            await asyncio.sleep(0.3)
            people.append((await self.hub.join())[0].id)
        answered: set[tuple[str, str]] = set()
        while True:
            await asyncio.sleep(0.5)
            step = self.hub.state.current_step
            if step is None:
                continue
            for pid in people:
                payload = payload_for(self.hub, step.id, rng)
                if payload is None or (pid, step.id) in answered:
                    continue
                answered.add((pid, step.id))
                with contextlib.suppress(Refused):
                    await self.hub.execute(
                        Answer(pid, step.id, payload, f"{pid}-{step.id}", self.hub.clock())
                    )


def main() -> None:
    """Run the app until the facilitator quits (or SIGTERM)."""
    sessions = Path(sys.argv[1])
    phones = int(sys.argv[2]) if len(sys.argv) > 2 else 8
    workshop, cards = decks.load_workshop(MINI)
    hub = Hub.create(workshop, cards, sessions)
    ProjectorApp(hub, SimulatedPhones(hub, phones)).run()


if __name__ == "__main__":
    main()
