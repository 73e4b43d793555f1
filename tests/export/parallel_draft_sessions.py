"""The group of `tests.export.draft_sessions` run with `--also-in fi,en`: its star-class
session (a draft level) and then its follow-up both offer the phones Finnish and English.

The follow-up workshop has no levels step, so the Finnish and English words of the levels it
carries can only come from the earlier session's own parallel workshops.
"""

from __future__ import annotations

from pathlib import Path

from tests.export.draft_sessions import GROUP, HELD, NOT_AGREED, followup_hub
from tests.export.export_sessions import bundled, clock_at, run_workshop
from workshop_tui import decks
from workshop_tui.decks.parallel import load_parallel
from workshop_tui.domain.parallel import Translation
from workshop_tui.session.hub import Hub

ALSO_IN = ["fi", "en"]


def parallel(workshop_id: str) -> dict[str, Translation]:
    """The bundled workshop's Finnish and English files, as `--also-in fi,en` loads them."""
    workshop, cards = bundled(workshop_id)
    return load_parallel(decks.bundled_dir() / f"{workshop_id}.toml", workshop, cards, ALSO_IN)


async def bilingual_draft_session(folder: Path) -> Path:
    """The Swedish star-class session whose level is a draft, with Finnish and English phones."""
    workshop, cards = bundled("stjarnklass-sv")
    hub = Hub.create(
        workshop,
        cards,
        folder,
        clock=clock_at(HELD),
        group=GROUP,
        translations=parallel("stjarnklass-sv"),
    )
    await hub.start()
    try:
        await run_workshop(hub, NOT_AGREED)
    finally:
        await hub.close()
    return hub.path


def bilingual_followup_hub(folder: Path) -> Hub:
    """The follow-up as `run followup-sv --group … --also-in fi,en` opens it on November
    20th (not started: the caller starts and closes it)."""
    return followup_hub(folder, parallel("followup-sv"))
