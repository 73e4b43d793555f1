"""Organisation report benchmark: `report --all` over 200 groups × 3 years of sessions.

Run: uv run python benchmarks/org_report.py [--groups 200] [--years 3] [--folder DIR]

It writes real session files through the hub's public API (each group: a star-class workshop
at the start of every year and three follow-ups after it, a campaign chosen in each, four a
year), or reuses those already in `--folder`. Then it times reading and rendering the whole
organisation (HTML and CSV) and, in a second run, the peak memory it takes (tracemalloc), and,
as the baseline measured in the same run, the same for one group's folder; it prints the
figures and the ratios. It asserts nothing.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import shutil
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

from workshop_tui import decks
from workshop_tui.domain.commands import Answer, ChooseCampaign, GoTo, LockLevels, OpenStep
from workshop_tui.domain.deck import (
    CampaignStep,
    CardDeck,
    ChoiceStep,
    ConsensusStep,
    FollowupStep,
    LevelsStep,
    ScaleStep,
    Workshop,
)
from workshop_tui.domain.state import CampaignPlan
from workshop_tui.group.org_report import org_csv, org_html
from workshop_tui.group.organisation import gather_all
from workshop_tui.session.hub import Hub

PEOPLE = 8
FIRST = date(2024, 1, 8)


def _clock(when: datetime) -> Callable[[], float]:
    ticks = itertools.count(when.timestamp())
    return lambda: float(next(ticks))


async def _session(
    workshop: tuple[Workshop, dict[str, CardDeck]], folder: Path, group: str, when: date, g: int
) -> None:
    hub = Hub.create(
        *workshop, folder, clock=_clock(datetime(when.year, when.month, when.day, 9)), group=group
    )
    await hub.start()
    try:
        people = [(await hub.join(f"p{i}"))[0].id for i in range(PEOPLE)]
        keys = itertools.count()
        for index, step in enumerate(hub.state.workshop.steps):
            await hub.execute(GoTo(index, hub.clock()))
            if hub.state.steps[step.id].status == "preparing":
                await hub.execute(OpenStep(step.id))
            payload: dict[str, object] | None = None
            if isinstance(step, ScaleStep):
                payload = {"ratings": [1 + (g + i) % 5 for i in range(len(step.items))]}
            elif isinstance(step, ChoiceStep):
                payload = {"options": [g % len(step.options)]}
            elif isinstance(step, LevelsStep):
                payload = {
                    "rungs": {a.id: (g + i) % len(a.rungs) for i, a in enumerate(step.areas)}
                }
            elif isinstance(step, ConsensusStep):
                payload = {"fist": 4 if g % 7 else 2}
            elif isinstance(step, FollowupStep):
                payload = {"reached": ("yes", "partly", "no")[g % 3], "changed": "Fler tackar"}
            if payload is not None:
                for person in people:
                    key = f"k{next(keys)}"
                    await hub.execute(Answer(person, step.id, payload, key, hub.clock()))
            if isinstance(step, LevelsStep):
                await hub.execute(LockLevels(step.id))
            if isinstance(step, CampaignStep):
                card = hub.state.card_decks[step.card_deck].cards[(g + when.month) % 10]
                start = when + timedelta(days=14)
                plan = CampaignPlan(
                    card.id,
                    card.title,
                    "Syfte",
                    "Mål",
                    str(start),
                    str(start + timedelta(days=28)),
                    "Ägaren",
                    str(start + timedelta(days=42)),
                )
                await hub.execute(ChooseCampaign(step.id, plan))
    finally:
        await hub.close()


async def generate(folder: Path, groups: int, years: int) -> None:
    """Each group's sessions: every year a star-class workshop and three follow-ups."""
    star = decks.load_workshop(decks.bundled_dir() / "stjarnklass-sv.toml")
    followup = decks.load_workshop(decks.bundled_dir() / "followup-sv.toml")
    for g in range(groups):
        for year in range(years):
            for quarter in range(4):
                when = FIRST + timedelta(days=365 * year + 91 * quarter + g % 60)
                await _session(star if quarter == 0 else followup, folder, f"Grupp {g:03}", when, g)


def _report(folder: Path, today: date) -> int:
    """Read and render the folder's organisation (HTML and CSV); its number of sessions."""
    org = gather_all([folder], today)
    org_html(org, "sv")
    org_csv(org)
    return sum(len(g.sittings) for g in org.groups)


def measure(folder: Path, today: date) -> tuple[float, float, int]:
    """Seconds and peak MiB to read and render the folder's organisation, and its sessions.
    Timed and traced in two separate runs: tracemalloc slows every allocation (here about
    four times), so a time taken while tracing measures the tracer."""
    began = time.perf_counter()
    sessions = _report(folder, today)
    took = time.perf_counter() - began
    tracemalloc.start()
    _report(folder, today)
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return took, peak, sessions


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--groups", type=int, default=200)
    parser.add_argument("--years", type=int, default=3)
    parser.add_argument("--folder", type=Path)
    args = parser.parse_args()
    folder = args.folder or Path(tempfile.mkdtemp(prefix="org-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    if not any(folder.glob("*.json")):
        began = time.perf_counter()
        asyncio.run(generate(folder, args.groups, args.years))
        print(f"generated in {time.perf_counter() - began:.0f} s: {folder}")
    today = FIRST + timedelta(days=365 * args.years)
    # The baseline: one group's sessions alone in a folder of their own.
    one = folder.parent / (folder.name + "-one-group")
    shutil.rmtree(one, ignore_errors=True)
    one.mkdir()
    for path in sorted(folder.glob("*.json")):
        if '"group":"Grupp 000"' in path.read_text(encoding="utf-8"):
            shutil.copy(path, one / path.name)
    measure(one, today)  # warm: the catalogue and Babel load once, on the first report
    base_s, base_mib, base_n = measure(one, today)
    all_s, all_mib, all_n = measure(folder, today)
    print(f"one group:  {base_n:5} sessions  {base_s:7.2f} s  peak {base_mib:7.1f} MiB")
    print(f"all groups: {all_n:5} sessions  {all_s:7.2f} s  peak {all_mib:7.1f} MiB")
    print(
        f"ratio: {all_s / base_s:.0f}× the time and {all_mib / base_mib:.1f}× the memory "
        f"for {all_n / base_n:.0f}× the sessions ({all_s / all_n * 1000:.1f} ms a session)"
    )


if __name__ == "__main__":
    main()
