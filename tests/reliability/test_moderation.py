"""The word filter: matching answers are held (kept, acknowledged, off the projector) until the
facilitator releases them; switchable in the workshop file and with `--no-filter`."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

import pytest
from aiohttp import DummyCookieJar

from tests.tui.conftest import INFO, screen_text, settle
from workshop_tui import cli, decks
from workshop_tui.domain import tally
from workshop_tui.domain.commands import Answer, GoTo, Moderate, Rename
from workshop_tui.domain.moderation import flagged
from workshop_tui.domain.state import Settings, snapshot
from workshop_tui.domain.verdict import Refused
from workshop_tui.session.hub import Hub
from workshop_tui.tui.app import ProjectorApp
from workshop_tui.web import create_app
from workshop_tui.web.api import COOKIE

MINI = Path(__file__).resolve().parents[1] / "data" / "mini.toml"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("This is SHIT", "en"),
        ("what the fuuuuck", "en"),
        ("sh1t happens", "en"),
        ("$hit!", "en"),
        ("a total f*cking ASSHOLE", "en"),
        ("Jävla kunder", "sv"),
        ("javla kunder", "sv"),
        ("det är ett helvete", "sv"),
        ("vitun asiakkaat", "fi"),
        ("Perkeleen pomo", "fi"),
        ("voi vittuun", "fi"),
        ("fucking hell", "fi"),
    ],
)
def test_the_filter_catches_folded_and_disguised_words(text: str, language: str) -> None:
    assert flagged(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Scunthorpe is lovely", "en"),
        ("shitake mushrooms", "en"),
        ("till slut löste vi det", "sv"),
        ("ett skitbra bemötande", "sv"),
        ("kiitos paljon", "fi"),
        ("hora", "en"),
        ("", "en"),
    ],
)
def test_the_filter_matches_whole_words_of_the_sessions_language_only(
    text: str, language: str
) -> None:
    assert not flagged(text, language)


async def started(tmp_path: Path, word_filter: bool = True) -> Hub:
    workshop, cards = decks.load_workshop(MINI)
    hub = Hub.create(workshop, cards, tmp_path, Settings(word_filter=word_filter))
    await hub.start()
    await hub.execute(GoTo(1, hub.clock()))
    return hub


def prompt(*texts: str) -> dict[str, Any]:
    return {"answers": [{"text": t, "column": 0} for t in texts]}


async def test_a_matching_answer_is_held_kept_and_released_by_the_facilitator(
    tmp_path: Path,
) -> None:
    hub = await started(tmp_path)
    ann, _ = await hub.join("Ann")
    await hub.execute(Answer(ann.id, "ideas", prompt("Smile", "this shit"), "k1", hub.clock()))
    step = hub.state.steps["ideas"]
    wall = {item.text: item for item in tally.wall(step)}
    assert wall["this shit"].held and wall["this shit"].hidden
    assert not wall["Smile"].held and not wall["Smile"].hidden
    assert step.current_answers[ann.id] == prompt("Smile", "this shit")

    await hub.execute(Moderate("ideas", wall["this shit"].id, held=False))
    released = {item.text: item for item in tally.wall(step)}["this shit"]
    assert not released.held and not released.hidden
    # Sent again as it was, a released answer is not held a second time.
    await hub.execute(Answer(ann.id, "ideas", prompt("this shit"), "k2", hub.clock()))
    assert not tally.wall(step)[0].held
    path = hub.path
    await hub.close()
    resumed = Hub.resume(path)
    assert snapshot(resumed.state) == snapshot(hub.state)
    resumed.store.close()


async def test_held_answers_stay_out_of_vote_options(tmp_path: Path) -> None:
    hub = await started(tmp_path)
    ann, _ = await hub.join("Ann")
    await hub.execute(Answer(ann.id, "ideas", prompt("Listen", "fucking idiots"), "k", 1.0))
    dots = [s.id for s in hub.state.workshop.steps].index("dots")
    await hub.execute(GoTo(dots, hub.clock()))
    assert hub.state.steps["dots"].options == ["Listen"]
    await hub.close()


async def test_the_filter_off_holds_nothing(tmp_path: Path) -> None:
    hub = await started(tmp_path, word_filter=False)
    ann, _ = await hub.join("Ann")
    await hub.execute(Answer(ann.id, "ideas", prompt("this shit"), "k", 1.0))
    assert not tally.wall(hub.state.steps["ideas"])[0].held
    await hub.close()


async def test_a_name_the_filter_matches_is_refused(tmp_path: Path) -> None:
    hub = await started(tmp_path)
    with pytest.raises(Refused) as refused:
        await hub.join("Big Fucker")
    assert refused.value.code == "name_not_allowed"
    ann, _ = await hub.join("Ann")
    with pytest.raises(Refused):
        await hub.execute(Rename(ann.id, "sh1thead"))
    assert hub.state.participants[ann.id].name == "Ann"
    await hub.close()


async def test_the_phone_is_told_its_answer_is_received_and_held(
    tmp_path: Path, aiohttp_client: Any
) -> None:
    hub = await started(tmp_path)
    client = await aiohttp_client(create_app(hub), cookie_jar=DummyCookieJar())
    joined = await client.post(f"/api/{hub.state.room}/join")
    token = joined.cookies[COOKIE].value
    response = await client.post(
        f"/api/{hub.state.room}/answer",
        json={"step": "ideas", "key": "k", "payload": prompt("Smile", "what a bitch")},
        headers={"Cookie": f"{COOKIE}={token}"},
    )
    assert response.status == 200
    body = await response.json()
    assert body["received"] is True and body["held"] == [1]
    await hub.close()


def test_the_workshop_file_and_the_flag_switch_the_filter_off(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Beside its card deck, which the workshop refers to.
    (tmp_path / "mini-cards.toml").write_bytes((MINI.parent / "mini-cards.toml").read_bytes())
    deck = tmp_path / "quiet.toml"
    deck.write_text(
        MINI.read_text().replace("minutes = 30", "minutes = 30\nmoderation = false"),
        encoding="utf-8",
    )
    workshop, cards = decks.load_workshop(deck)
    assert workshop.workshop.moderation is False
    quiet = Hub.create(workshop, cards, tmp_path / "a")
    assert quiet.state.settings.word_filter is False
    quiet.store.close()

    default = Hub.create(*decks.load_workshop(MINI), tmp_path / "b")
    assert default.state.settings.word_filter is True
    default.store.close()

    opened: list[Hub] = []

    def run(args: argparse.Namespace) -> int:
        opened.append(cli._open_hub(args))
        return 0

    monkeypatch.setattr(cli, "_run", run)
    for flags, expected in (([], True), (["--no-filter"], False)):
        argv = ["run", str(MINI), "--sessions-dir", str(tmp_path / "c"), *flags]
        assert cli.main(argv) == 0
        assert opened[-1].state.settings.word_filter is expected
        opened[-1].store.close()


async def test_the_projector_shows_a_held_answer_as_held_and_u_releases_it(
    tmp_path: Path,
) -> None:
    workshop, cards = decks.load_workshop(MINI)
    hub = Hub.create(workshop, cards, tmp_path)
    app = ProjectorApp(hub, None, info=INFO)
    async with app.run_test(size=(120, 40)) as pilot:
        ann, _ = await hub.join("Ann")
        await hub.execute(GoTo(1, hub.clock()))
        await settle(pilot)
        await hub.execute(Answer(ann.id, "ideas", prompt("what the fuck"), "k", hub.clock()))
        await settle(pilot)
        screen = screen_text(app)
        assert "what the fuck" not in screen
        assert "(held for review)" in screen and "1 held" in screen
        await pilot.press("u")
        await settle(pilot)
        screen = screen_text(app)
        assert "what the fuck" in screen
        assert "(held for review)" not in screen and "1 held" not in screen
