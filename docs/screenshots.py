"""Make the projector's screenshots with the app itself.

Run: uv run --extra test python docs/screenshots.py
    The README's pictures (docs/images/lobby.png and ladder.png): the bundled Swedish workshop
    with twelve participants, at 160x45.

Run: uv run --extra test python docs/screenshots.py --every-step [--size 80x24 --size 160x45]
        [--deck stjarnklass-en --deck followup-en] [--out DIR]
    A picture of every step of a workshop at each moment that draws it differently (prepared,
    answered, revealed, locked, planned), with the worst-case content `check --fit` lays out
    (a full room, every answer at its length limit, the longest card, a running countdown):
    what a reviewer looks at to see that nothing the group needs is cut. Written to
    DIR/DECK/COLSxROWS/NN-step-moment.png (DIR defaults to docs/images/steps).
"""

from __future__ import annotations

import argparse
import asyncio
import random
import tempfile
from pathlib import Path

import cairosvg

from workshop_tui import decks
from workshop_tui.domain.commands import Answer, SetRevealed
from workshop_tui.domain.deck import LevelsStep
from workshop_tui.participant_server import ServerInfo
from workshop_tui.session.hub import Hub
from workshop_tui.tui.app import ProjectorApp
from workshop_tui.tui.fit.check import walk, worst_case_app
from workshop_tui.tui.fit.screen_size import Size, parse_size

IMAGES = Path(__file__).with_name("images")
NAMES = [
    "Anna",
    "Bo",
    "Cecilia",
    "David",
    "Elin",
    "Fredrik",
    "Greta",
    "Hassan",
    "Ida",
    "Johan",
    "Karin",
    "Lars",
]
SIZE = (160, 45)
STEP_SIZES = ("80x24", "160x45")
# Between them, every step kind.
STEP_DECKS = ("stjarnklass-en", "followup-en")
# Wide enough that a PNG of the largest terminal stays legible when zoomed.
PIXELS_PER_COLUMN = 10


async def readme() -> None:
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
            await app.up_to_date()
            await pilot.pause()
            _save(app.export_screenshot(), IMAGES / "lobby.png", SIZE[0])
            index, step = next(
                (i, s) for i, s in enumerate(workshop.steps) if isinstance(s, LevelsStep)
            )
            for _ in range(index):
                await pilot.press("right")
            # The ladder opens prepared: the facilitator opens it for answers.
            await pilot.press("i")
            await app.up_to_date()
            rng = random.Random(7)
            for number, pid in enumerate(people):
                rungs = {a.id: min(len(a.rungs) - 1, rng.choice([1, 2, 2, 3])) for a in step.areas}
                await hub.execute(
                    Answer(pid, step.id, {"rungs": rungs}, f"shot-{number}", hub.clock())
                )
            await hub.execute(SetRevealed(step.id, True))
            await app.up_to_date()
            await pilot.pause()
            _save(app.export_screenshot(), IMAGES / "ladder.png", SIZE[0])


async def every_step(deck: str, sizes: list[Size], out: Path) -> None:
    """A picture of every step at every moment, with worst-case content, at each size."""
    path = decks.resolve_workshop(deck, "en")
    workshop, card_decks = decks.load_workshop(path)
    for size in sizes:
        folder = out / path.stem / str(size)
        with tempfile.TemporaryDirectory() as sessions:
            app = worst_case_app(workshop, card_decks, Path(sessions))
            async with app.run_test(size=(size.columns, size.rows)) as pilot:
                async for seen in walk(app, pilot):
                    moment = seen.moment.removeprefix("fit_moment_")
                    name = f"{seen.number:02d}-{seen.step.id}-{moment}.png"
                    _save(app.export_screenshot(), folder / name, size.columns)


def _save(svg: str, target: Path, columns: int) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    # Textual's SVG asks for Fira Code from the web; offline, cairo's fallback for it is not
    # monospaced and the columns drift. DejaVu Sans Mono is on the machine (fonts-dejavu-core).
    svg = svg.replace("Fira Code", "DejaVu Sans Mono")
    width = max(1600, columns * PIXELS_PER_COLUMN)
    cairosvg.svg2png(bytestring=svg.encode(), write_to=str(target), output_width=width)
    print(target)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--every-step", action="store_true")
    parser.add_argument(
        "--deck", action="append", metavar="DECK", help="a bundled workshop's id or a path"
    )
    parser.add_argument(
        "--size", action="append", type=lambda text: parse_size(text, "en"), metavar="COLSxROWS"
    )
    parser.add_argument("--out", type=Path, default=IMAGES / "steps")
    args = parser.parse_args()
    if not args.every_step:
        asyncio.run(readme())
        return
    sizes = args.size or [parse_size(text, "en") for text in STEP_SIZES]
    for deck in args.deck or STEP_DECKS:
        asyncio.run(every_step(deck, sizes, args.out))


if __name__ == "__main__":
    main()
