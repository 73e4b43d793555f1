"""Sorting benchmark: how often the offline engine puts a proposal where a trainer would, and
how many key presses it saves the facilitator arranging a room's proposals.

Run: uv run python benchmarks/sorting.py [--phones 25] [--seed 1]

Agreement. Each language's hand-labelled proposals (tests/data/proposal-labels-{sv,fi,en}.csv:
the area a trainer puts each one in, or "none") are sorted into the areas of the bundled
workshop's levels step (stjarnklass-{language}.toml, the general ladder). It prints the share
where `suggest_areas` agrees with the label, beside a baseline measured in the same run: the
same areas' words matched exactly, without stemming or partial matches (the best a plain
keyword search does), and the majority class; and the ratio engine / keyword baseline.

Key presses. `--phones` demo phones (workshop_tui/demo, the answers `workshop-tui demo` sends)
answer the two prompts the ladder takes its proposals from. The model, one key press each:
- by hand: every proposal arrives in one unsorted list; each thing said (a set of identical
  texts) that belongs to an area takes one move to it, and each further copy one merge into it;
  a proposal that fits no area is left where it is (0);
- with the engine: proposals arrive merged and each group sits in its suggested area; each
  group holding two things said takes one split (per extra thing), each thing said left in two
  groups one merge (per extra group), and each group whose suggested area is not the trainer's
  (a wrong area, an area for one that fits none, or none for one that fits) one move.
The demo's answers are in the label files, so every one has the trainer's area. It asserts
nothing.
"""

from __future__ import annotations

import argparse
import csv
import random
import time
from collections import Counter
from pathlib import Path

from workshop_tui import decks
from workshop_tui.decks.sorting import merge_near_duplicates, suggest_areas, words
from workshop_tui.demo.answers import Taste, decide
from workshop_tui.domain.deck import Area, LevelsStep, PromptStep

LANGUAGES = ("sv", "fi", "en")
LABELS = Path(__file__).resolve().parent.parent / "tests" / "data"


def labels(language: str) -> list[tuple[str, str | None]]:
    """The hand-labelled proposals of one language: (text, area id or None)."""
    with (LABELS / f"proposal-labels-{language}.csv").open(encoding="utf-8", newline="") as f:
        return [
            (row["text"], None if row["area"] == "none" else row["area"])
            for row in csv.DictReader(f)
        ]


def ladder(language: str) -> tuple[list[Area], list[PromptStep]]:
    """The general ladder's areas of the bundled workshop and the prompts feeding it."""
    workshop, _ = decks.load_workshop(decks.bundled_dir() / f"stjarnklass-{language}.toml")
    step = next(s for s in workshop.steps if isinstance(s, LevelsStep))
    sources = [s for s in workshop.steps if s.id in step.proposal_steps()]
    return step.areas, [s for s in sources if isinstance(s, PromptStep)]


def keyword_baseline(texts: list[str], areas: list[Area], language: str) -> list[str | None]:
    """Exact word matching against each area's name and rungs: most words in common wins."""
    vocabularies = {
        a.id: {w for text in (a.name, *a.rungs) for w in words(text, language)} for a in areas
    }
    found: list[str | None] = []
    for text in texts:
        mine = set(words(text, language))
        hits = {area: len(mine & vocabulary) for area, vocabulary in vocabularies.items()}
        best = max(hits, key=lambda area: hits[area])
        found.append(best if hits[best] else None)
    return found


def share(found: list[str | None], truth: list[str | None]) -> float:
    """The share of positions where `found` equals `truth`."""
    return sum(a == b for a, b in zip(found, truth, strict=True)) / len(truth)


def demo_proposals(language: str, prompts: list[PromptStep], phones: int, seed: int) -> list[str]:
    """What `phones` demo phones write to the prompts the ladder takes proposals from."""
    taste = Taste(seed)
    texts = []
    for phone in range(phones):
        rng = random.Random(f"{seed}:{phone}")
        for prompt in prompts:
            payload = decide(prompt.model_dump(), language, rng, taste)
            texts += [answer["text"] for answer in (payload or {}).get("answers", [])]
    return texts


def presses(
    texts: list[str], truth: dict[str, str | None], language: str, areas: list[Area]
) -> tuple[int, int, tuple[int, int, int, int]]:
    """Key presses (by hand, with the engine) to arrange `texts`, in the model above."""
    said = Counter(texts)
    by_hand = sum(1 for t in said if truth[t] is not None) + sum(n - 1 for n in said.values())
    groups = merge_near_duplicates(texts, language)
    suggested = suggest_areas([g.text for g in groups], areas, language)
    splits = sum(len(set(g.texts)) - 1 for g in groups)
    homes = Counter(t for g in groups for t in set(g.texts))
    merges = sum(n - 1 for n in homes.values())
    # A group is judged by the thing most of it says (the rest were split off above).
    moves = sum(
        1
        for g, s in zip(groups, suggested, strict=True)
        if s.area_id != truth[Counter(g.texts).most_common(1)[0][0]]
    )
    return by_hand, splits + merges + moves, (splits, merges, moves, len(groups))


def main() -> None:
    """Print agreement per language and the key presses before and after."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phones", type=int, default=25)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    print("Agreement of the automatic area with the trainer's hand labels")
    print(f"{'lang':<5}{'n':>5}{'engine':>9}{'keywords':>10}{'majority':>10}{'ratio':>8}{'ms':>8}")
    for language in LANGUAGES:
        rows = labels(language)
        texts, truth = [t for t, _ in rows], [a for _, a in rows]
        areas, _ = ladder(language)
        start = time.perf_counter()
        engine = [s.area_id for s in suggest_areas(texts, areas, language)]
        took = (time.perf_counter() - start) * 1000
        keyword = share(keyword_baseline(texts, areas, language), truth)
        majority = Counter(truth).most_common(1)[0][1] / len(truth)
        ours = share(engine, truth)
        print(
            f"{language:<5}{len(texts):>5}{ours:>9.1%}{keyword:>10.1%}{majority:>10.1%}"
            f"{ours / keyword:>7.1f}×{took:>8.0f}"
        )
    print()
    print(f"Key presses to arrange {args.phones} demo phones' proposals (model in the docstring)")
    print(
        f"{'lang':<5}{'texts':>6}{'groups':>7}{'by hand':>9}{'engine':>8}{'ratio':>7}"
        "   splits merges moves"
    )
    for language in LANGUAGES:
        areas, prompts = ladder(language)
        trainer = dict(labels(language))
        texts = demo_proposals(language, prompts, args.phones, args.seed)
        before, after, (splits, merges, moves, groups) = presses(texts, trainer, language, areas)
        print(
            f"{language:<5}{len(texts):>6}{groups:>7}{before:>9}{after:>8}"
            f"{before / max(after, 1):>6.1f}×   {splits:>6}{merges:>7}{moves:>6}"
        )


if __name__ == "__main__":
    main()
