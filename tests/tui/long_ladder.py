"""Worst-case content for the ladder: six areas of six rungs, each rung near the longest a deck
allows (200 characters), and a dozen people spread over the rungs."""

from __future__ import annotations

from workshop_tui.domain.deck import Area, LevelsStep, Workshop

AREAS = ("Greeting", "Availability", "Phone", "Email", "Complaints", "Follow-up")
WORDS = tuple(
    " ".join(
        (
            "customers colleagues visitors callers everyone waiting reception corridor counter",
            "promptly warmly clearly patiently always even on a stressful day when the queue",
            "is long and the phone keeps ringing we still look up smile and say hello by name",
        )
    ).split(" ")
)


def rung_text(area: int, rung: int) -> str:
    """Rung `rung` (1 = most basic) of area `area`: 190-200 characters, starting with
    "A<area>R<rung>start" and ending with "A<area>R<rung>end", so a test can tell it is whole."""
    start, end = f"A{area}R{rung}start", f"A{area}R{rung}end"
    words = [start]
    index = area * 7 + rung * 3
    while len(" ".join([*words, end])) < 190:
        words.append(WORDS[index % len(WORDS)])
        index += 1
    return " ".join([*words, end])


def long_ladder(workshop: Workshop, rungs: int = 6) -> Workshop:
    """`workshop` with its levels step ("level") holding the worst-case ladder."""
    areas = [
        Area(id=f"a{a}", name=name, rungs=[rung_text(a, r) for r in range(1, rungs + 1)])
        for a, name in enumerate(AREAS, start=1)
    ]
    steps = [
        s.model_copy(update={"areas": areas}) if isinstance(s, LevelsStep) else s
        for s in workshop.steps
    ]
    return workshop.model_copy(update={"steps": steps})


# Twelve people's picks (rung indexes, 0 = most basic) for every area: everyone accepts rung 2,
# most would go to rung 5, so the level (2) and the aspiration (5) are far apart on the ladder.
PICKS = (1, 4, 4, 4, 4, 4, 3, 2, 5, 4, 3, 1)
