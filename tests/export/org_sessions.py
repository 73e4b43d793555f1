"""An organisation of five groups for the organisation report's tests, run through the real hub.

On the report's day, 2026-11-20:

- "Kassan" (star-class sv): March workshop (campaign 1, followed up in April: everyone says
  yes), April follow-up (campaign 2, followed up in September: partly), September follow-up
  (campaign 3, follow-up 2026-12-07 still to come). Met 67 days ago; 3 campaigns of 4.
- "Receptionen" (star-class sv, the same ladder as Kassan): an October workshop whose fist of
  five never agreed, so its level is a DRAFT; sent as a JSON export, not a session file.
- "Keittiö" (star-class fi, in September): another workshop, so another ladder.
- "Lagret" (star-class sv): one workshop in May, its campaign's follow-up overdue since June,
  not met for more than a quarter.
- "Vaktmästarna": Receptionen's export with the role "cleaning" in its header (a header the
  role engineer's sessions carry), so the same workshop on another ladder.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from tests.export.export_sessions import Script, bundled, finished_session
from workshop_tui.domain.commands import Answer
from workshop_tui.domain.deck import FollowupStep, Step
from workshop_tui.export import export_session
from workshop_tui.group.campaigns import to_follow_up
from workshop_tui.session.hub import Hub

TODAY = date(2026, 11, 20)


async def _everyone_says_yes(hub: Hub, step: Step, people: list[str]) -> None:
    if isinstance(step, FollowupStep):
        for index, person in enumerate(people):
            payload = {"reached": "yes", "changed": "Kunderna hälsar tillbaka"}
            await hub.execute(Answer(person, step.id, payload, f"yes{index}", hub.clock()))


def _managers_low(person: int, items: int) -> list[int | None]:
    # April's card check: the managers' commitments (its last item) rated 2, the rest 4.
    return [*([4] * (items - 1)), 2]


@dataclass(frozen=True)
class Organisation:
    folder: Path
    kassan: tuple[Path, Path, Path]
    receptionen: Path
    keittio: Path
    lagret: Path
    vaktmastarna: Path


async def organisation(root: Path) -> Organisation:
    """Every group's sessions in `root / "sessions"`; Receptionen and Vaktmästarna as exports."""
    folder = root / "sessions"
    star, followup = bundled("stjarnklass-sv"), bundled("followup-sv")
    march = await finished_session(
        star,
        folder,
        Script(
            card=0,
            start="2026-03-16",
            end="2026-04-12",
            followup="2026-04-20",
            ratings=lambda person, items: [4] * items,
        ),
        when="2026-03-02T09:00:00",
        group="Kassan",
    )
    april = await finished_session(
        followup,
        folder,
        Script(
            card=1,
            start="2026-05-04",
            end="2026-05-31",
            followup="2026-06-08",
            during=_everyone_says_yes,
            ratings=_managers_low,
        ),
        when="2026-04-22T09:00:00",
        group="Kassan",
        followup_of=to_follow_up(followup[0], folder, "Kassan", date(2026, 4, 22)),
    )
    september = await finished_session(
        followup,
        folder,
        Script(
            card=0,
            start="2026-10-05",
            end="2026-11-01",
            followup="2026-12-07",
            ratings=lambda person, items: [3] * items,
        ),
        when="2026-09-14T09:00:00",
        group="Kassan",
        followup_of=to_follow_up(followup[0], folder, "Kassan", date(2026, 9, 14)),
    )
    draft = Script(
        card=2,
        fist=lambda person, round_: 2 if person == 0 else 4,
        pick=lambda person, area, round_: min(2, person + 1),
        start="2026-10-12",
        end="2026-11-08",
        followup="2026-11-30",
        ratings=lambda person, items: [2] * items,
    )
    reception_file = await finished_session(
        star, root / "laptop-2", draft, when="2026-10-01T09:00:00", group="Receptionen"
    )
    [reception] = export_session(reception_file, "json", folder)
    keittio = await finished_session(
        bundled("stjarnklass-fi"),
        folder,
        Script(
            start="2026-10-05",
            end="2026-11-01",
            followup="2026-12-14",
            ratings=lambda person, items: [3 + i % 2 for i in range(items)],
        ),
        when="2026-09-20T09:00:00",
        group="Keittiö",
    )
    lagret = await finished_session(
        star,
        folder,
        Script(
            card=0,
            start="2026-05-18",
            end="2026-06-14",
            followup="2026-06-22",
            ratings=lambda person, items: [1] * items,
        ),
        when="2026-05-04T09:00:00",
        group="Lagret",
    )
    data = json.loads(reception.read_text(encoding="utf-8"))
    data.update(group="Vaktmästarna", room="ZZZZ", role="cleaning")
    vakt = folder / "vaktmastarna-export.json"
    vakt.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    return Organisation(folder, (march, april, september), reception, keittio, lagret, vakt)
