"""The followup step on the projector, looking back on an earlier session's campaign."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.tui.conftest import FIXED_NOW, INFO, screen_text, settle, walk_to
from workshop_tui.domain.deck import CardDeck, Workshop
from workshop_tui.domain.state import CampaignPlan, EarlierCampaign
from workshop_tui.session.hub import Hub
from workshop_tui.tui.app import ProjectorApp

NOT_STARTED = "This campaign has not started yet – it starts on"


def _following_up(
    mini: tuple[Workshop, dict[str, CardDeck]], folder: Path, start: str
) -> ProjectorApp:
    plan = CampaignPlan(
        "greeting",
        "Greeting contest",
        "p",
        "Everyone greeted",
        start,
        "2026-02-22",
        "Bo",
        "2026-03-02",
    )
    hub = Hub.create(
        *mini,
        folder,
        clock=lambda: FIXED_NOW,
        group="Kassan",
        followup_of=EarlierCampaign("earlier.json", "campaign", plan),
    )
    return ProjectorApp(hub, None, info=INFO)


@pytest.mark.parametrize(("start", "said"), [("2026-01-05", True), ("2025-12-01", False)])
async def test_the_followup_says_plainly_when_its_campaign_has_not_started(
    mini: tuple[Workshop, dict[str, CardDeck]], tmp_path: Path, start: str, said: bool
) -> None:
    # The session is on 2026-01-01 (FIXED_NOW).
    app = _following_up(mini, tmp_path / "sessions", start)
    async with app.run_test(size=(120, 34)) as pilot:
        await walk_to(app, "followup")
        await settle(pilot)
        text = screen_text(app)
        assert "Greeting contest" in text and f"{start} – 2026-02-22" in text
        assert (f"{NOT_STARTED} {start}." in text) is said
