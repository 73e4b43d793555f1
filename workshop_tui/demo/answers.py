"""Believable answers to a step, decided from the phone's own view of it.

Phones know only what the API shows them (the `step` of a view), so the demo works with any
workshop file; the prompts of the bundled workshops, known by their step ids, get answers
written for them. The group shares a `Taste`: the same options, cards and items are popular for
everyone, as in a real room, while each phone still varies around it.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

from workshop_tui.demo.content import CHANGED, PROMPTS, ROUTINE_WORDS, ROUTINES, SERVICE

ANSWERABLE = ("prompt", "choice", "scale", "vote", "levels", "consensus", "campaign", "followup")


@dataclass
class Taste:
    """The group's shared leanings, so that votes converge the way a real room's do."""

    seed: int
    _orders: dict[str, list[int]] = field(default_factory=dict)

    def order(self, key: str, count: int) -> list[int]:
        """A stable ranking of `count` options for `key`: earlier means more popular."""
        cached = self._orders.get(key)
        if cached is None or len(cached) != count:
            cached = list(range(count))
            random.Random(f"{self.seed}:{key}:{count}").shuffle(cached)
            self._orders[key] = cached
        return cached

    def pick(self, rng: random.Random, key: str, count: int) -> int:
        """One option, with popularity falling off like 1/rank."""
        order = self.order(key, count)
        weights = [1.0 / (rank + 1) for rank in range(count)]
        return order[rng.choices(range(count), weights)[0]]


def _fit(text: str, limit: int) -> str:
    """Cut a text at a word boundary so it fits the step's length limit."""
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut or text[:limit]


def _spread(rng: random.Random, taste: Taste, key: str, count: int, budget: int) -> dict[str, int]:
    """Spend a vote budget, mostly on the group's favourites, sometimes stacking."""
    spent: dict[str, int] = {}
    for _ in range(budget):
        choice = str(taste.pick(rng, key, count))
        spent[choice] = spent.get(choice, 0) + 1
    return spent


def _candidates(step: dict[str, Any], language: str, rng: random.Random) -> list[tuple[int, str]]:
    """Every answer this phone might write to a prompt, as (column, text).

    A bundled prompt (by its id, with the columns it was written for) has answers of its own
    in each column; any other prompt gets service memories, or routines if its question asks
    for them, in any column."""
    columns = max(1, len(step.get("columns") or []))
    own = PROMPTS.get(str(step.get("id")), {}).get(language)
    if own is not None and len(own) == columns:
        return [(column, text) for column, texts in enumerate(own) for text in texts]
    question = str(step.get("question", "")).lower()
    routine = any(word in question for word in ROUTINE_WORDS.get(language, ()))
    pool = (ROUTINES if routine else SERVICE).get(language, SERVICE["en"])
    return [(rng.randrange(columns), text) for text in pool]


def _prompt(step: dict[str, Any], language: str, rng: random.Random) -> dict[str, Any]:
    limit = int(step.get("max_answers", 1))
    count = min(limit, rng.choices((1, 2, 3), (5, 3, 2))[0])
    max_length = int(step.get("max_length", 200))
    candidates = _candidates(step, language, rng)
    chosen = rng.sample(candidates, min(count, len(candidates)))
    return {"answers": [{"text": _fit(text, max_length), "column": col} for col, text in chosen]}


def _levels(step: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    rungs: dict[str, int] = {}
    for area in step.get("areas", []):
        count = len(area["rungs"])
        # Most commit to a middle rung, a few go to the top, almost nobody to the bottom.
        middle = (count - 1) / 2
        pick = round(rng.triangular(0, count - 1, middle + 0.5))
        if rng.random() < 0.15:
            pick = count - 1
        rungs[area["id"]] = max(0, min(count - 1, pick))
    return {"rungs": rungs}


def decide(
    step: dict[str, Any], language: str, rng: random.Random, taste: Taste
) -> dict[str, Any] | None:
    """The payload this phone sends to `step` (a view's step), or None if there is nothing to
    answer (the step takes no answers, or a vote has no options yet)."""
    kind = step.get("kind")
    key = str(step.get("id"))
    if kind == "prompt":
        return _prompt(step, language, rng)
    if kind == "choice":
        count = len(step["options"])
        first = taste.pick(rng, key, count)
        if not step.get("multiple"):
            return {"options": [first]}
        extra = {taste.pick(rng, key, count) for _ in range(rng.randint(0, 2))}
        return {"options": sorted({first} | extra)}
    if kind == "scale":
        low, high = int(step["min"]), int(step["max"])
        ratings: list[int | None] = []
        for index in range(len(step["items"])):
            if rng.random() < 0.05:
                ratings.append(None)
                continue
            # Each item has a group mean; people land within a step or so of it.
            mean = low + (high - low) * (0.35 + 0.4 * taste.order(key, 8)[index % 8] / 7)
            ratings.append(max(low, min(high, round(rng.gauss(mean, 0.8)))))
        if all(r is None for r in ratings):
            ratings[0] = (low + high) // 2
        return {"ratings": ratings}
    if kind == "vote":
        options = step.get("options") or []
        if not options:
            return None
        return {"dots": _spread(rng, taste, key, len(options), int(step["dots"]))}
    if kind == "levels":
        return _levels(step, rng)
    if kind == "consensus":
        # Fist of five: mostly 3-5; a second round has fewer doubters.
        doubt = 0.12 if int(step.get("round", 1)) == 1 else 0.04
        if rng.random() < doubt:
            return {"fist": rng.choice((1, 2))}
        return {"fist": rng.choices((3, 4, 5), (3, 4, 3))[0]}
    if kind == "campaign":
        cards = step.get("cards") or []
        if not cards:
            return None
        spent = _spread(rng, taste, key, len(cards), int(step["votes"]))
        return {"votes": {cards[int(i)]["id"]: n for i, n in spent.items()}}
    if kind == "followup":
        reached = rng.choices(("yes", "partly", "no"), (45, 40, 15))[0]
        changed = "" if rng.random() < 0.3 else rng.choice(CHANGED.get(language, CHANGED["en"]))
        return {"reached": reached, "changed": _fit(changed, int(step.get("changed_max", 500)))}
    return None
