"""The campaign register across sessions: states, due follow-ups and the four-a-year warning."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from tests.e2e.test_no_english import leaks
from tests.export.export_sessions import HOSTILE, Script, bundled, finished_session
from workshop_tui import decks
from workshop_tui.domain.state import CampaignPlan, EarlierCampaign
from workshop_tui.export.outcome import group_name
from workshop_tui.export.source import load_session
from workshop_tui.group import campaigns
from workshop_tui.group.campaigns import (
    Campaign,
    SessionRecord,
    earlier_campaign,
    load_records,
    register,
    report,
    state_on,
    to_follow_up,
)

MINI = Path(__file__).parents[1] / "data" / "mini.toml"


async def _two_sessions(folder: Path) -> None:
    mini = decks.load_workshop(MINI)
    # January: the group chooses the greeting contest (its followup step finds nothing earlier).
    await finished_session(mini, folder, Script(), when="2026-01-15T09:00:00")
    # March: the followup step follows up January's campaign; a second campaign is chosen.
    later = Script(card=1, start="2026-04-06", end="2026-05-03", followup="2026-05-11")
    await finished_session(mini, folder, later, when="2026-03-20T09:00:00")


async def test_a_later_followup_closes_the_earlier_campaign(sessions: Path) -> None:
    await _two_sessions(sessions)
    records, skipped = load_records(sessions)
    assert skipped == []
    [group] = register(records, date(2026, 3, 25))
    assert group.group == "Mini workshop"
    states = [(e.campaign.title, e.state) for e in group.entries]
    assert states == [("Greeting contest", "followed up"), ("Call back the same day", "planned")]
    followed = group.entries[0].followed_up
    assert followed is not None and followed.on == date(2026, 3, 20)
    assert followed.reached == {"partly": 3}
    assert group.due == ()


async def test_due_follow_ups_and_too_few_campaigns_are_reported(sessions: Path) -> None:
    await _two_sessions(sessions)
    text = report(sessions, date(2026, 6, 1), group="mini WORKSHOP")
    assert "follow-up due  2026-04-06 – 2026-05-03  Call back the same day" in text
    assert "Follow-up due since 2026-05-11: Call back the same day (owner: Åsa Öberg)" in text
    assert "Warning: 0 campaigns planned from 2026-06-01 to 2027-06-01" in text
    assert "at least 4 a year" in text
    earlier = report(sessions, date(2026, 4, 20))
    assert "running        2026-04-06 – 2026-05-03" in earlier
    assert "Follow-up due" not in earlier
    assert "Warning: 1 campaign planned" in earlier


async def test_an_unknown_group_and_foreign_files_are_named(sessions: Path, tmp_path: Path) -> None:
    await _two_sessions(sessions)
    (sessions / "notes.json").write_text('{"not": "a session"}')
    text = report(sessions, date(2026, 3, 25), group="Kitchen")
    assert "No campaigns for the group 'Kitchen'" in text
    assert "groups found: Mini workshop" in text
    assert "notes.json" in text
    assert (sessions / "notes.json").read_text() == '{"not": "a session"}'


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("sv", ["dags att följa upp  2026-04-06", "Varning: 0 kampanjer planerade", "ansvarig:"]),
        ("fi", ["seurannan aika  2026-04-06", "Varoitus: 0 kampanjaa suunniteltu", "osittain 3"]),
    ],
)
async def test_the_register_speaks_swedish_and_finnish(
    sessions: Path, language: str, words: list[str]
) -> None:
    await _two_sessions(sessions)
    (sessions / "notes.json").write_text('{"not": "a session"}')
    text = report(sessions, date(2026, 6, 1), language=language)
    text += report(sessions, date(2026, 4, 20), language=language)
    text += report(sessions, date(2026, 3, 25), group="Kitchen", language=language)
    text += report(sessions / "empty", date(2026, 3, 25), language=language)
    for word in words:
        assert word in text
    # The group's own words (the mini workshop's English campaign titles) are not the product's.
    assert leaks(text.replace("Mini workshop", ""), language) == [], text


async def test_campaign_texts_print_on_one_line_with_controls_shown(sessions: Path) -> None:
    mini = decks.load_workshop(MINI)
    await finished_session(mini, sessions, Script(owner="Bo\u202eoB", text=f"a\nb {HOSTILE}"))
    text = report(sessions, date(2026, 1, 20))
    assert "\u202e" not in text
    assert "owner: Bo[U+202E]oB" in text
    assert "goal: a b =HYPERLINK" in text


def _campaign(start: str, end: str, followup: str) -> Campaign:
    plan = CampaignPlan("card", "T", "purpose", "goal", start, end, "owner", followup)
    return Campaign("G", "s.json", date(2026, 1, 1), "campaign", plan)


@pytest.mark.parametrize(
    ("today", "followed", "state"),
    [
        ("2026-02-01", False, "planned"),
        ("2026-02-02", False, "running"),
        ("2026-02-22", False, "running"),
        ("2026-02-23", False, "ended"),
        ("2026-03-02", False, "follow-up due"),
        ("2026-03-02", True, "followed up"),
    ],
)
def test_a_campaign_state_follows_its_dates(today: str, followed: bool, state: str) -> None:
    campaign = _campaign("2026-02-02", "2026-02-22", "2026-03-02")
    assert state_on(campaign, date.fromisoformat(today), followed) == state


def test_the_group_is_the_session_header_group_else_the_workshop_title() -> None:
    meta = {"workshop": {"workshop": {"title": "Service i stjärnklass"}}}
    assert group_name(meta) == "Service i stjärnklass"
    assert group_name({**meta, "group": " Kundtjänst Åbo "}) == "Kundtjänst Åbo"
    assert group_name({**meta, "group": "  "}) == "Service i stjärnklass"


def test_four_campaigns_in_the_coming_year_need_no_warning() -> None:
    starts = ["2026-01-05", "2026-04-06", "2026-07-06", "2026-10-05"]
    chosen = tuple(_campaign(s, s[:8] + "28", "2027-01-01") for s in starts)
    record = SessionRecord("s.json", "G", datetime(2026, 1, 1, 9), chosen, None)
    [group] = register([record], date(2026, 1, 2))
    assert group.in_coming_year == 4 and not group.too_few
    [later] = register([record], date(2026, 2, 1))
    assert later.in_coming_year == 3 and later.too_few
    assert later.next_due == date(2027, 1, 4)


async def test_a_followup_session_follows_up_the_campaign_it_was_started_for(
    sessions: Path,
) -> None:
    first_workshop, followup_workshop = bundled("stjarnklass-sv"), bundled("followup-sv")
    january = await finished_session(
        first_workshop, sessions, Script(), when="2026-01-15T09:00:00", group="Kassan"
    )
    later = Script(card=1, start="2026-03-02", end="2026-03-29", followup="2026-04-06")
    march = await finished_session(
        first_workshop, sessions, later, when="2026-03-01T09:00:00", group="Kassan"
    )
    latest = earlier_campaign(sessions, " kassan ")
    assert latest is not None and latest.session == march.name, "the newest open campaign"
    # The facilitator follows up January's campaign instead: the link decides, not the dates.
    plan = load_session(january).state.steps["campaign"].plan
    assert plan is not None
    link = EarlierCampaign(january.name, "campaign", plan)
    quiet = Script(choose_campaign=False)
    await finished_session(
        followup_workshop,
        sessions,
        quiet,
        when="2026-04-08T09:00:00",
        group="Kassan",
        followup_of=link,
    )
    records, _ = load_records(sessions)
    [group] = register(records, date(2026, 4, 9))
    states = {entry.campaign.session: entry.state for entry in group.entries}
    assert states == {january.name: "followed up", march.name: "follow-up due"}
    still_open = earlier_campaign(sessions, "Kassan")
    assert still_open is not None and still_open.session == march.name


def test_a_group_without_sessions_has_nothing_to_follow_up(tmp_path: Path) -> None:
    assert earlier_campaign(tmp_path / "nowhere", "Kassan") is None
    workshop = bundled("followup-sv")[0]
    assert to_follow_up(workshop, tmp_path, None) is None


async def test_a_followup_looks_back_on_a_campaign_that_has_started(sessions: Path) -> None:
    workshop = bundled("stjarnklass-sv")
    january = await finished_session(
        workshop, sessions, Script(), when="2026-01-15T09:00:00", group="Kassan"
    )
    # In March the group plans its next campaign, for April, before following up February's.
    april = Script(card=1, start="2026-04-06", end="2026-05-03", followup="2026-05-11")
    march = await finished_session(
        workshop, sessions, april, when="2026-03-01T09:00:00", group="Kassan"
    )
    followup = bundled("followup-sv")[0]
    picked = to_follow_up(followup, sessions, "Kassan", date(2026, 3, 20))
    assert picked is not None and picked.session == january.name, "April's has not started"
    assert campaigns.not_started_notice(picked, date(2026, 3, 20), "sv") is None
    later = to_follow_up(followup, sessions, "Kassan", date(2026, 4, 6))
    assert later is not None and later.session == march.name, "its first day counts"


async def test_a_campaign_still_to_come_is_followed_up_only_with_a_plain_notice(
    sessions: Path,
) -> None:
    await finished_session(
        bundled("stjarnklass-sv"),
        sessions,
        Script(start="2026-04-06", end="2026-05-03", followup="2026-05-11"),
        when="2026-03-01T09:00:00",
        group="Kassan",
    )
    followup = bundled("followup-sv")[0]
    picked = to_follow_up(followup, sessions, "Kassan", date(2026, 3, 20))
    assert picked is not None and picked.plan.start == "2026-04-06"
    title = picked.plan.title
    notices = {
        language: campaigns.not_started_notice(picked, date(2026, 3, 20), language)
        for language in ("sv", "en", "fi")
    }
    assert notices["en"] == (
        f"This session follows up “{title}”, which has not started yet (it starts on 2026-04-06)."
    )
    assert notices["sv"] == (
        f"Sessionen följer upp ”{title}”, som inte har börjat än (den börjar 2026-04-06)."
    )
    for language in ("sv", "fi"):
        text = notices[language]
        assert text is not None and leaks(text.replace(title, ""), language) == [], text
