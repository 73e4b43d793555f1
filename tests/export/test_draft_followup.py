"""A draft stays a draft in the follow-up, `campaigns` and the report; a campaign looked back
on before it started is not followed up; the follow-up's card carries the group's levels.

All on real session files (`tests.export.draft_sessions`): a star-class session whose fist of
five did not agree, and the follow-up session of the same group eighteen days later.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

from tests.export.draft_sessions import (
    FOLLOWUP_AT,
    GROUP,
    OVERLAPPING,
    followed_up,
    timestamp,
)
from workshop_tui.domain.deck import LevelsStep
from workshop_tui.export import render
from workshop_tui.export.outcome import build_outcome
from workshop_tui.export.pocket import pocket_paragraphs
from workshop_tui.export.source import load_session
from workshop_tui.group import campaigns
from workshop_tui.group.history import gather
from workshop_tui.group.report import report_html
from workshop_tui.web.views import card_view, step_view

REPORT_DAY = date(2026, 11, 25)
DRAFT_SV = "utkast från 2026-11-02, inte överenskommen"
HEADLINE_SV = "UTKAST — gruppen kom inte överens om nivån i knytnäven den 2026-11-02."


def _first_levels(first: Path) -> dict[str, str | None]:
    """The level per area the first session locked (its draft), by area id."""
    state = load_session(first).state
    step = next(s for s in state.workshop.steps if isinstance(s, LevelsStep))
    levels = state.steps[step.id].levels
    assert levels is not None
    ladders = state.steps[step.id].ladders
    found: dict[str, str | None] = {}
    for area in step.areas:
        rung = levels[area.id]
        found[area.id] = None if rung is None else ladders[area.id][rung]
    return found


async def test_campaigns_and_the_report_show_the_draft_and_no_early_follow_up(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "sessions"
    first, followup = await followed_up(folder)

    text = campaigns.report(folder, REPORT_DAY, GROUP, "sv")
    assert f"Servicenivå: {DRAFT_SV}" in text, text
    lines = text.splitlines()
    december = next(line for line in lines if "2026-12-07 – 2027-01-17" in line)
    # Looked back on on November 20th, before it began on December 7th: still planned.
    assert december.strip().startswith("planerad"), december
    assert "följdes upp" not in text
    # The follow-up's next campaign runs over the open one: the register says so.
    overlaps = [line for line in lines if "överlappar" in line]
    assert len(overlaps) == 2, text
    assert any("2026-12-07 – 2027-01-17" in line for line in overlaps)
    assert any("2026-12-07 – 2027-01-03" in line for line in overlaps)
    # It stays open for a follow-up after it has started.
    records, _ = campaigns.load_records(folder)
    [group] = campaigns.register(records, REPORT_DAY)
    [open_one] = [e for e in group.entries if e.campaign.session == first.name]
    assert open_one.followed_up is None and open_one.state == "planned"

    history = gather([folder], GROUP, REPORT_DAY)
    assert history is not None
    html = report_html(history)
    levels = html[html.index('<section id="levels">') : html.index('<section id="campaigns">')]
    assert "Den överenskomna nivån per område" not in levels
    assert 'data-draft="true"' in levels and DRAFT_SV in levels
    states = re.findall(r'<article class="campaign" data-state="([^"]+)"', html)
    assert "followed up" not in states and "planned" in states
    # The follow-up agreed no level of its own, so it has no column.
    head = levels[levels.index("<thead>") : levels.index("</thead>")]
    assert "2026-11-02" in head and "2026-11-20" not in head
    assert load_session(followup).state.earlier_campaign is not None


async def test_the_followups_card_carries_the_groups_levels_in_every_export(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "sessions"
    first, followup = await followed_up(folder)
    levels = _first_levels(first)
    outcome = build_outcome(load_session(followup))
    card = outcome.card
    assert [a.id for a in card.areas] == list(levels)
    assert [a.level_text for a in card.areas] == list(levels.values())
    assert card.draft

    markdown = render(outcome, "md")
    assert isinstance(markdown, str)
    for words in levels.values():
        assert words is not None and words[:40] in markdown
    assert markdown.count(DRAFT_SV) == len(levels)
    assert "Inga nivåer är låsta än" not in markdown
    # Headed as a draft, as the first session's card was, with the day it was not agreed.
    assert f"**{HEADLINE_SV}**" in markdown

    html = render(outcome, "card")
    # A sheet of cards to cut out: every card says it of every area.
    assert isinstance(html, str) and html.count(DRAFT_SV) > 0
    assert html.count(DRAFT_SV) % len(levels) == 0
    # The PDF and PNG draw these same paragraphs.
    drawn = " ".join(run.text for p in pocket_paragraphs(outcome) for run in p.runs)
    assert drawn.count(DRAFT_SV) == len(levels)
    assert HEADLINE_SV in drawn

    data = json.loads(str(render(outcome, "json")))
    origins = [area["origin"] for area in data["card"]["areas"]]
    assert origins == [{"kind": "draft", "on": "2026-11-02"}] * len(levels)


async def test_the_phones_show_the_draft_and_that_the_campaign_has_not_started(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "sessions"
    first, followup = await followed_up(folder)
    state = load_session(followup).state
    state.current = [s.id for s in state.workshop.steps].index("result")
    step = step_view(state, timestamp(FOLLOWUP_AT))
    assert step is not None
    assert step["not_started"] is True
    assert [a["rung"] for a in step["levels"]] == list(_first_levels(first).values())
    assert {a["origin"]["kind"] for a in step["levels"]} == {"draft"}

    card = card_view(state)
    assert card["draft"] and card["locked"]
    assert [a["rung"] for a in card["areas"]] == list(_first_levels(first).values())
    assert card["campaign"]["start"] == OVERLAPPING.start
