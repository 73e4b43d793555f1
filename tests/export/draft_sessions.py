"""A group whose fist of five did not agree, then its follow-up, run through the real hub.

November 2nd: the star-class workshop; one person stays below three in every round of the fist
of five, so the card is a DRAFT. The campaign chosen runs 2026-12-07 – 2027-01-17. November
20th: the follow-up workshop for the same group, as `workshop-tui run followup-sv --group` starts
it (the campaign to look back on and the group's previous results in its header). That
campaign has not started yet; the next campaign is planned to start the same day the open one
does, so the two overlap.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from tests.export.export_sessions import Script, bundled, clock_at, finished_session, run_workshop
from workshop_tui.domain.parallel import Translation
from workshop_tui.group.campaigns import to_follow_up
from workshop_tui.group.history import previous_results
from workshop_tui.session.hub import Hub

GROUP = "Kundtjänst"
HELD = "2026-11-02T09:00:00"
FOLLOWUP_AT = "2026-11-20T09:00:00"
FOLLOWUP_DAY = date(2026, 11, 20)
# The first to join shows two fingers in every round: one below three, never agreed.
NOT_AGREED = Script(
    fist=lambda person, round_: 2 if person == 0 else 4,
    start="2026-12-07",
    end="2027-01-17",
    followup="2027-01-25",
)
# The follow-up's next campaign, over the open one's first weeks.
OVERLAPPING = Script(
    card=3, text="Vi ringer tillbaka", start="2026-12-07", end="2027-01-03", followup="2027-01-11"
)


async def draft_session(folder: Path) -> Path:
    """The star-class session whose level is a draft."""
    return await finished_session(
        bundled("stjarnklass-sv"), folder, NOT_AGREED, when=HELD, group=GROUP
    )


def followup_hub(folder: Path, translations: dict[str, Translation] | None = None) -> Hub:
    """The follow-up session as `run followup-sv --group` opens it on November 20th (not
    started: the caller starts and closes it); with `translations`, as `--also-in` adds them."""
    workshop, cards = bundled("followup-sv")
    return Hub.create(
        workshop,
        cards,
        folder,
        clock=clock_at(FOLLOWUP_AT),
        group=GROUP,
        followup_of=to_follow_up(workshop, folder, GROUP, FOLLOWUP_DAY),
        previous=previous_results([folder], GROUP, workshop, FOLLOWUP_DAY),
        translations=translations,
    )


async def followed_up(folder: Path) -> tuple[Path, Path]:
    """The draft session and its whole follow-up session: both files."""
    first = await draft_session(folder)
    hub = followup_hub(folder)
    await hub.start()
    try:
        await run_workshop(hub, OVERLAPPING)
    finally:
        await hub.close()
    return first, hub.path


def timestamp(text: str) -> float:
    """A local date and time as the hub's clock reads it."""
    return datetime.fromisoformat(text).timestamp()
