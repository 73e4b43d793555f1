"""The ladder's ◇ mark for last time's level says when that level was a draft (its fist of
five did not agree), and says it readably on the light theme; on real session files
(`tests.export.draft_sessions`)."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from tests.export.draft_sessions import FOLLOWUP_AT, FOLLOWUP_DAY, GROUP, draft_session
from tests.export.export_sessions import bundled, clock_at
from tests.tui.conftest import INFO, PEOPLE, answer, screen_text, settle
from tests.tui.test_theme import contrast
from workshop_tui.catalogue import t
from workshop_tui.domain.commands import GoTo, OpenStep, SetRevealed
from workshop_tui.domain.deck import LevelsStep
from workshop_tui.group.history import previous_results
from workshop_tui.session.hub import Hub
from workshop_tui.tui.app import ProjectorApp
from workshop_tui.tui.theme import PALETTES

SIZE = (170, 60)
DRAFT = t("sv", "previous_level_draft", origin=t("sv", "level_origin_draft", date="2026-11-02"))


async def _ladder(folder: Path, theme: str) -> tuple[str, str]:
    """The star-class ladder, revealed, in a session of the group that carries last time's
    draft: the screen's text and its SVG."""
    workshop, cards = bundled("stjarnklass-sv")
    hub = Hub.create(
        workshop,
        cards,
        folder,
        clock=clock_at(FOLLOWUP_AT),
        group=GROUP,
        previous=previous_results([folder], GROUP, workshop, FOLLOWUP_DAY),
    )
    app = ProjectorApp(hub, None, info=INFO, theme=theme)
    async with app.run_test(size=SIZE) as pilot:
        people = [(await hub.join(name))[0].id for name in PEOPLE]
        index = [s.id for s in workshop.steps].index("level")
        await hub.execute(GoTo(index, hub.clock()))
        await hub.execute(OpenStep("level"))
        step = workshop.steps[index]
        assert isinstance(step, LevelsStep)
        for pid in people:
            await answer(hub, pid, "level", {"rungs": {area.id: 0 for area in step.areas}})
        await hub.execute(SetRevealed("level", True))
        await settle(pilot)
        return screen_text(app), app.export_screenshot()


def _fills(svg: str, words: str) -> set[str]:
    """The colours of the SVG's text runs (split where the style changes) that hold `words`."""
    styles = dict(re.findall(r"\.(terminal-[\w-]+)\s*\{\s*fill:\s*(#[0-9a-fA-F]{6})", svg))
    return {
        styles[name]
        for name, text in re.findall(r'<text class="([\w-]+)"[^>]*>([^<]*)</text>', svg)
        if words in html.unescape(text).replace("\xa0", " ")
    }


@pytest.mark.parametrize("theme", ["light", "dark"])
async def test_the_ladder_says_last_times_level_was_a_draft(tmp_path: Path, theme: str) -> None:
    await draft_session(tmp_path)
    text, svg = await _ladder(tmp_path, theme)
    assert DRAFT in text, text
    # The agreed legend's words begin the draft's in Swedish: none stands alone.
    assert text.count(t("sv", "previous_level")) == text.count(DRAFT) == 1
    fills = _fills(svg, t("sv", "level_origin_draft", date="2026-11-02"))
    assert fills, svg
    background = PALETTES[theme].background
    assert all(contrast(fill, background) >= 4.5 for fill in fills), fills
