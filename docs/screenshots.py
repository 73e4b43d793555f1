"""Make the README's projector screenshots with the app itself.

Run: uv run --extra test python docs/screenshots.py

It runs the projector on the bundled Swedish workshop with twelve simulated participants (through
the hub, as the participant server would), saves SVG screenshots of the lobby and of the ladder
(the levels step, revealed), and renders them to PNG in docs/images/.
"""

from __future__ import annotations

import asyncio
import random
import tempfile
from pathlib import Path

import cairosvg

from workshop_tui import decks
from workshop_tui.domain.commands import Answer, SetRevealed
from workshop_tui.domain.deck import LevelsStep
from workshop_tui.hub import Hub
from workshop_tui.participant_server import ServerInfo
from workshop_tui.tui.app import ProjectorApp

IMAGES = Path(__file__).with_name("images")
NAMES = ["Anna", "Bo", "Cecilia", "David", "Elin", "Fredrik", "Greta", "Hassan", "Ida", "Johan", "Karin", "Lars"]
SIZE = (160, 45)


async def main() -> None:
    """Save lobby.png and ladder.png."""
    workshop, card_decks = decks.load_workshop(decks.resolve_workshop(None, "sv"))
    with tempfile.TemporaryDirectory() as folder:
        hub = Hub.create(workshop, card_decks, Path(folder))
        info = ServerInfo(
            join_url=f"http://192.168.1.20:8765/{hub.state.room}",
            base_url="http://192.168.1.20:8765",
            room=hub.state.room,
            host="192.168.1.20",
            port=8765,
            loopback_only=False,
        )
        app = ProjectorApp(hub, None, info=info)
        async with app.run_test(size=SIZE) as pilot:
            people = [(await hub.join(name))[0].id for name in NAMES]
            await pilot.pause(0.3)
            _save(app.export_screenshot(), "lobby")
            index, step = next(
                (i, s) for i, s in enumerate(workshop.steps) if isinstance(s, LevelsStep)
            )
            for _ in range(index):
                await pilot.press("right")
            rng = random.Random(7)
            for number, pid in enumerate(people):
                rungs = {a.id: min(len(a.rungs) - 1, rng.choice([1, 2, 2, 3])) for a in step.areas}
                await hub.execute(
                    Answer(pid, step.id, {"rungs": rungs}, f"shot-{number}", hub.clock())
                )
            await hub.execute(SetRevealed(step.id, True))
            await pilot.pause(0.3)
            _save(app.export_screenshot(), "ladder")


def _save(svg: str, name: str) -> None:
    IMAGES.mkdir(exist_ok=True)
    target = IMAGES / f"{name}.png"
    cairosvg.svg2png(bytestring=svg.encode(), write_to=str(target), output_width=1600)
    print(target)


if __name__ == "__main__":
    asyncio.run(main())
