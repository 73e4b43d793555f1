"""The follow-up on a phone in chromium after a session whose fist of five did not agree: the
phone says the level it looks back on is a draft and that the campaign has not started yet,
as the projector does, and its card carries the group's levels marked as a draft."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.browser_server import Served
from tests.browser.conftest import serve
from tests.export.draft_sessions import draft_session, followup_hub
from workshop_tui.catalogue import t
from workshop_tui.session.hub import Hub
from workshop_tui.web import Limits


@pytest.fixture
def following_up(tmp_path: Path) -> Iterator[Served]:
    """The follow-up session of a group whose last level is a draft, served on 127.0.0.1."""

    async def make_hub() -> Hub:
        await draft_session(tmp_path)
        return followup_hub(tmp_path)

    with serve(make_hub, Limits()) as served:
        yield served


def test_the_phone_tells_a_draft_and_a_campaign_still_to_come(
    following_up: Served, phone: Page
) -> None:
    phone.goto(following_up.join_url)
    expect(phone.locator("#me")).not_to_be_empty()
    following_up.goto("result")
    main = phone.locator("main")
    expect(main).to_contain_text(t("sv", "followup_not_started", start="2026-12-07"))
    expect(main).to_contain_text(t("sv", "previous_levels_draft"))
    expect(main).not_to_contain_text(t("sv", "previous_levels"))
    previous = following_up.hub.state.previous
    assert previous is not None
    greeting = previous.levels["greeting"].text
    assert greeting is not None
    expect(main).to_contain_text(greeting)

    following_up.goto("summary")
    card = phone.get_by_role("region", name=t("sv", "service_card"))
    expect(card).to_contain_text(greeting)
    expect(card).to_contain_text(t("sv", "level_origin_draft", date="2026-11-02"))
    expect(card).not_to_contain_text(t("sv", "no_levels_yet"))
