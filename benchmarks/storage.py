"""Storage benchmark: the cost of a durable answer as a session grows.

Run: uv run python benchmarks/storage.py [--sizes 200,2000,20000] [--batch 10]

For each size it fills a session with that many answers, then times as many more (at least
1,000) stored in group-committed batches of `--batch` (what many phones answering at once
produce), so the sample always includes a full rewrite of the database file (a checkpoint) and
the figure is the true amortised cost; it prints milliseconds per answer. The baseline,
measured in the same run on the same machine, is plain TinyDB (`JSONStorage`, one insert per
answer, the way TinyDB is used by default). Prints figures only; it asserts nothing.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path
from typing import Any

from tinydb import TinyDB

from workshop_tui import decks
from workshop_tui.domain.commands import Answer, to_dict
from workshop_tui.session.store import SessionStore


def answer(i: int) -> dict[str, Any]:
    text = f"Svar nummer {i}: vi hälsar på alla kunder vi möter, även i korridoren."
    payload = {"answers": [{"text": text, "column": 0}]}
    return to_dict(Answer(f"p{i % 500:04d}", "insikt", payload, f"key-{i}", 1_700_000_000.0 + i))


def ours(folder: Path, size: int, sample: int, batch: int) -> float:
    workshop, card_decks = decks.load_workshop(decks.resolve_workshop(None, "sv"))
    meta = {
        "room": "ABCD",
        "created": "2026-01-01T00:00:00",
        "workshop": workshop.model_dump(mode="json"),
        "card_decks": {k: v.model_dump(mode="json") for k, v in card_decks.items()},
    }
    store = SessionStore.create(folder, "bench.json", meta)
    for start in range(0, size, 500):
        store.append([answer(i) for i in range(start, min(size, start + 500))])
    began = time.perf_counter()
    for start in range(size, size + sample, batch):
        store.append([answer(i) for i in range(start, start + batch)])
    elapsed = time.perf_counter() - began
    store.close()
    return elapsed / sample * 1000


def plain_tinydb(folder: Path, size: int, sample: int) -> float:
    db = TinyDB(folder / "plain.json")
    table = db.table("commands")
    table.insert_multiple(answer(i) for i in range(size))
    began = time.perf_counter()
    for i in range(size, size + sample):
        table.insert(answer(i))
    elapsed = time.perf_counter() - began
    db.close()
    return elapsed / sample * 1000


def main() -> None:
    """Print the per-answer cost table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="200,2000,20000")
    parser.add_argument("--batch", type=int, default=10)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"durable answer cost, group commits of {args.batch} answers, checkpoints included")
    print(f"{'answers in session':>20} {'ours ms/answer':>15} {'plain TinyDB':>13} {'ratio':>7}")
    first = mine = 0.0
    for size in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            mine = ours(Path(tmp), size, max(1000, size) + args.batch, args.batch)
        with tempfile.TemporaryDirectory() as tmp:
            plain = plain_tinydb(Path(tmp), size, 50)
        first = first or mine
        print(f"{size:>20} {mine:>15.3f} {plain:>13.3f} {plain / mine:>6.1f}x")
    print(f"growth of our cost from the smallest to the largest session: {mine / first:.2f}x")


if __name__ == "__main__":
    main()
