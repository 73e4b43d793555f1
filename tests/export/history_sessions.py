"""A year of one group's sessions for the history report's tests, run through the real hub.

January: the star-class workshop (levels, the eight-area culture scale, campaign A in
February). March: the follow-up workshop follows A up and chooses B (April–May). May: the
star-class workshop again, opened with a follow-up step for B; the level is re-agreed (one area
raised, one lowered, the rest kept), the culture scale asked again, and C chosen for October,
leaving the third quarter without a campaign. On the report's day in November C's follow-up is
due.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from tests.export.export_sessions import Script, bundled, finished_session
from workshop_tui.domain.deck import CardDeck, FollowupStep, Workshop
from workshop_tui.group.campaigns import to_follow_up

GROUP = "Kassan Åbo"
TODAY = date(2026, 11, 20)
# Rung of the level per area index in May (January's is `area % 2`): area 0 raised (0 -> 2),
# area 3 lowered (1 -> 0), the others kept.
MAY_LEVELS = {0: 2, 1: 1, 2: 0, 3: 0, 4: 0, 5: 1}


def _january_pick(person: int, area: int, round_: int) -> int:
    return -1 if round_ == 1 and person == 0 else min(2, person + area % 2)


def _may_pick(person: int, area: int, round_: int) -> int:
    return -1 if round_ == 1 and person == 0 else min(2, person + MAY_LEVELS[area])


@dataclass(frozen=True)
class GroupYear:
    folder: Path
    january: Path
    march: Path
    may: Path
    scripts: tuple[Script, Script, Script]


def restart_workshop() -> tuple[Workshop, dict[str, CardDeck]]:
    """The star-class workshop opened with the follow-up workshop's follow-up step: a group
    that follows up its last campaign and then re-agrees its level."""
    workshop, cards = bundled("stjarnklass-sv")
    followup = next(s for s in bundled("followup-sv")[0].steps if isinstance(s, FollowupStep))
    steps = [workshop.steps[0], followup, *workshop.steps[1:]]
    return workshop.model_copy(update={"steps": steps}), cards


async def group_year(folder: Path) -> GroupYear:
    star = bundled("stjarnklass-sv")
    followup = bundled("followup-sv")
    january_script = Script(
        pick=_january_pick,
        text="Vi ser kunden direkt",
        ratings=lambda person, items: [2 + i % 4 for i in range(items)],
    )
    january = await finished_session(
        star, folder, january_script, when="2026-01-15T09:00:00", group=GROUP
    )
    march_script = Script(
        card=1,
        text="Kunderna tackar oftare",
        start="2026-04-06",
        end="2026-05-03",
        followup="2026-05-11",
    )
    march = await finished_session(
        followup,
        folder,
        march_script,
        when="2026-03-05T09:00:00",
        group=GROUP,
        followup_of=to_follow_up(followup[0], folder, GROUP, date(2026, 3, 5)),
    )
    restart = restart_workshop()
    may_script = Script(
        card=2,
        pick=_may_pick,
        text="Färre klagomål i kassan",
        start="2026-10-05",
        end="2026-11-01",
        followup="2026-11-09",
        ratings=lambda person, items: [min(5, 3 + i % 4) for i in range(items)],
    )
    may = await finished_session(
        restart,
        folder,
        may_script,
        when="2026-05-20T09:00:00",
        group=GROUP,
        followup_of=to_follow_up(restart[0], folder, GROUP, date(2026, 5, 20)),
    )
    return GroupYear(folder, january, march, may, (january_script, march_script, may_script))
