"""Each phone in its own language: the page, the view and the stream in the language a phone
chose (or its browser asks for), the answers of every language counted together; what a phone
saves drawn once per language and version, a generated name in the joining phone's language."""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest

from tests.web.test_stream import next_event
from workshop_tui import decks
from workshop_tui.decks.parallel import load_parallel
from workshop_tui.domain import names, tally
from workshop_tui.domain.commands import ChooseCampaign, LockLevels, OpenStep, SetLadder
from workshop_tui.domain.state import CampaignPlan
from workshop_tui.export.outcome import Outcome
from workshop_tui.session.hub import Hub
from workshop_tui.web import Limits, create_app
from workshop_tui.web.phone_language import COOKIE, accepted, choose

SV = decks.bundled_dir() / "stjarnklass-sv.toml"
Goto = Callable[[Hub, str], Awaitable[None]]


@pytest.fixture
async def hub(tmp_path: Path) -> AsyncIterator[Hub]:
    """The bundled workshop in Swedish, with its Finnish and English files for the phones."""
    workshop, cards = decks.load_workshop(SV)
    parallel = load_parallel(SV, workshop, cards, ["fi", "en"])
    running = Hub.create(workshop, cards, tmp_path, translations=parallel)
    await running.start()
    yield running
    await running.close()


@pytest.fixture
def phone(hub: Hub, aiohttp_client: Any) -> Callable[[str], Awaitable[Any]]:
    """A new phone (its own cookies) whose browser asks for `accept_language`."""

    async def make(accept_language: str) -> Any:
        client = await aiohttp_client(create_app(hub, Limits()))
        client.session.headers["Accept-Language"] = accept_language
        return client

    return make


async def view(client: Any, room: str) -> dict[str, Any]:
    response = await client.post(f"/api/{room}/join")
    assert response.status in (200, 201)
    data: dict[str, Any] = (await response.json())["view"]
    return data


def test_accept_language_is_read_by_weight_and_matched_to_the_sessions_languages() -> None:
    assert accepted("fi-FI,fi;q=0.9,en;q=0.8") == ["fi", "fi", "en"]
    assert accepted("en;q=0.2, sv, de;q=0") == ["sv", "en"]
    assert accepted("") == []
    languages = ("sv", "fi", "en")
    assert choose(languages, None, "de-DE,fi;q=0.5") == "fi"
    assert choose(languages, None, "de-DE") == "sv"
    assert choose(languages, "en", "fi") == "en"
    # A phone that chose a language this session does not have gets the browser's.
    assert choose(("sv", "fi"), "en", "fi") == "fi"


async def test_each_phone_sees_the_step_in_its_own_language_and_the_answers_count_together(
    hub: Hub, phone: Callable[[str], Awaitable[Any]], goto: Goto
) -> None:
    room = hub.state.room
    finnish, swedish = await phone("fi-FI,fi;q=0.9"), await phone("sv-SE")
    assert (await view(finnish, room))["language"] == "fi"
    assert (await view(swedish, room))["language"] == "sv"
    await goto(hub, "scenario")
    fi_view, sv_view = await view(finnish, room), await view(swedish, room)
    assert fi_view["workshop"] == hub.translations["fi"].workshop.workshop.title
    assert sv_view["workshop"] == hub.state.workshop.workshop.title
    fi_step, sv_step = fi_view["step"], sv_view["step"]
    assert fi_step["title"] == "Kysymys käytävällä"
    assert fi_step["options"][1] == "Ohjaan hänet vastaanottoon"
    assert sv_step["options"] == hub.state.workshop.step("scenario").options  # type: ignore[union-attr]
    # Only the words differ: the same step, the same number of options, the same status.
    assert {k: v for k, v in fi_step.items() if k not in ("title", "question", "options")} == {
        k: v for k, v in sv_step.items() if k not in ("title", "question", "options")
    }
    for client in (finnish, swedish):
        reply = await client.post(
            f"/api/{room}/answer",
            json={"step": "scenario", "key": "k1", "payload": {"options": [1]}},
        )
        assert reply.status == 200
    counts = tally.choice_counts(hub.state.steps["scenario"].current_answers.values(), 5)
    assert counts[1] == 2


async def test_the_ladder_and_the_cards_are_translated_and_the_groups_own_words_are_not(
    hub: Hub, phone: Callable[[str], Awaitable[Any]], goto: Goto
) -> None:
    room = hub.state.room
    finnish = await phone("fi")
    await view(finnish, room)
    level = hub.state.workshop.step("level")
    fi_level = hub.translations["fi"].workshop.step("level")
    rungs = list(level.areas[0].rungs)  # type: ignore[union-attr]
    own = "Vi hälsar med namn – gruppens egna ord"
    await hub.execute(SetLadder("level", "greeting", (rungs[1], own, rungs[0])))
    await goto(hub, "level")
    areas = (await view(finnish, room))["step"]["areas"]
    fi_rungs = fi_level.areas[0].rungs  # type: ignore[union-attr]
    assert areas[0]["name"] == fi_level.areas[0].name  # type: ignore[union-attr]
    assert areas[0]["rungs"] == [fi_rungs[1], own, fi_rungs[0]]
    assert areas[1]["rungs"] == list(fi_level.areas[1].rungs)  # type: ignore[union-attr]
    await hub.execute(OpenStep("level"))
    reply = await finnish.post(
        f"/api/{room}/answer",
        json={"step": "level", "key": "k2", "payload": {"rungs": {"greeting": 0}}},
    )
    assert reply.status == 200
    await hub.execute(LockLevels("level"))
    await goto(hub, "campaign")
    step = (await view(finnish, room))["step"]
    # In the order the group's role browses them (its own cards first), in Finnish.
    role = hub.state.workshop.workshop.role
    fi_cards = hub.translations["fi"].card_decks["cards-fi"].for_role(role)
    assert [c["id"] for c in step["cards"]] == [c.id for c in fi_cards]
    assert [c["title"] for c in step["cards"]] == [c.title for c in fi_cards]
    first = fi_cards[0]
    plan = CampaignPlan(
        first.id, "x", "Vårt syfte", "Vårt mål", "2026-02-01", "2026-03-01", "Kim", "2026-03-15"
    )
    await hub.execute(ChooseCampaign("campaign", plan))
    chosen = (await view(finnish, room))["step"]["plan"]
    assert chosen["title"] == first.title
    assert chosen["purpose"] == "Vårt syfte"  # written by the group: as written
    await goto(hub, "summary")
    card = (await view(finnish, room))["step"]["card"]
    assert card["title"] == hub.translations["fi"].workshop.workshop.title
    assert [a["name"] for a in card["areas"]] == [a.name for a in fi_level.areas]  # type: ignore[union-attr]
    # The agreed rung is the deck's rung the group moved to the top: in Finnish.
    assert card["areas"][0]["rung"] == fi_rungs[1]
    assert card["campaign"]["title"] == first.title


async def test_the_stream_speaks_the_phones_language(
    hub: Hub, phone: Callable[[str], Awaitable[Any]], goto: Goto
) -> None:
    room = hub.state.room
    english = await phone("en-GB")
    await view(english, room)
    response = await english.get(f"/api/{room}/stream")
    _, data = await next_event(response)
    assert data["view"]["language"] == "en"
    await goto(hub, "scenario")
    _, data = await next_event(response)
    assert data["view"]["step"]["options"] == list(
        hub.translations["en"].workshop.step("scenario").options  # type: ignore[union-attr]
    )


async def test_the_page_follows_the_browser_and_the_phones_choice_is_kept_in_a_cookie(
    hub: Hub, phone: Callable[[str], Awaitable[Any]]
) -> None:
    room = hub.state.room
    finnish = await phone("fi-FI")
    page = await (await finnish.get(f"/{room}")).text()
    assert '<html lang="fi"' in page
    assert 'src="static/i18n/fi.js"' in page
    assert '<nav class="languages" aria-label="Kieli">' in page
    links = re.findall(
        r'<a href="\?lang=(\w+)" lang="\w+" hreflang="\w+"( aria-current="true")?>([^<]+)</a>', page
    )
    assert links == [
        ("sv", "", "Svenska"),
        ("fi", ' aria-current="true"', "Suomi"),
        ("en", "", "English"),
    ]
    moved = await finnish.get(f"/{room}?lang=en", allow_redirects=False)
    assert moved.status == 303
    assert moved.headers["Location"] == room
    cookie = moved.headers["Set-Cookie"]
    assert f"{COOKIE}=en" in cookie and "Path=/;" in cookie and "SameSite=Lax" in cookie
    page = await (await finnish.get(f"/{room}")).text()
    assert '<html lang="en"' in page and 'src="static/i18n/en.js"' in page
    assert (await view(finnish, room))["language"] == "en"
    # A language the session does not have is not a choice.
    ignored = await finnish.get(f"/{room}?lang=de", allow_redirects=False)
    assert ignored.status == 200


async def test_a_session_in_one_language_has_no_language_switch(
    tmp_path: Path, aiohttp_client: Any
) -> None:
    hub = Hub.create(*decks.load_workshop(SV), tmp_path)
    await hub.start()
    try:
        client = await aiohttp_client(create_app(hub, Limits()))
        page = await (
            await client.get(f"/{hub.state.room}", headers={"Accept-Language": "fi"})
        ).text()
        assert '<html lang="sv"' in page and "languages" not in page
    finally:
        await hub.close()


async def test_the_followup_workshop_is_read_in_the_phones_language_too(
    tmp_path: Path, aiohttp_client: Any, goto: Goto
) -> None:
    followup = decks.bundled_dir() / "followup-sv.toml"
    workshop, cards = decks.load_workshop(followup)
    hub = Hub.create(
        workshop, cards, tmp_path, translations=load_parallel(followup, workshop, cards, ["fi"])
    )
    await hub.start()
    try:
        client = await aiohttp_client(create_app(hub, Limits()))
        client.session.headers["Accept-Language"] = "fi"
        await goto(hub, "result")
        step = (await view(client, hub.state.room))["step"]
        theirs = hub.translations["fi"].workshop.step("result")
        assert (step["question"], step["changed_question"]) == (
            theirs.question,  # type: ignore[union-attr]
            theirs.changed_question,  # type: ignore[union-attr]
        )
        await goto(hub, "card-check")
        step = (await view(client, hub.state.room))["step"]
        assert step["items"] == list(hub.translations["fi"].workshop.step("card-check").items)  # type: ignore[union-attr]
    finally:
        await hub.close()


async def test_the_card_image_is_drawn_once_per_language_and_again_after_a_change(
    hub: Hub, phone: Callable[[str], Awaitable[Any]], goto: Goto, drawn: list[Outcome]
) -> None:
    # One server (one cache of images); each request asks in a language of its own.
    client = await phone("sv")
    assert (await client.post(f"/api/{hub.state.room}/join")).status == 201
    await goto(hub, "summary")
    url = f"/api/{hub.state.room}/card.png"
    asks = ("fi-FI", "sv-SE", "fi", "sv", "en-GB")
    replies = await asyncio.gather(
        *(client.get(url, headers={"Accept-Language": accept}) for accept in asks)
    )
    images = [await reply.read() for reply in replies]
    assert sorted(outcome.language for outcome in drawn) == ["en", "fi", "sv"]
    assert images[0] == images[2] and images[1] == images[3]
    assert len({images[0], images[1], images[4]}) == 3
    assert {o.workshop_title for o in drawn} == {
        hub.state.workshop.workshop.title,
        hub.translations["fi"].workshop.workshop.title,
        hub.translations["en"].workshop.workshop.title,
    }
    # A change to the session is drawn again, for the language that asks.
    await goto(hub, "campaign")
    await client.get(url, headers={"Accept-Language": "fi"})
    assert [o.language for o in drawn[3:]] == ["fi"]


async def test_a_generated_name_is_in_the_joining_phones_language(
    hub: Hub, phone: Callable[[str], Awaitable[Any]]
) -> None:
    for accept, language in (("fi-FI", "fi"), ("en-US", "en"), ("sv-SE", "sv"), ("de", "sv")):
        client = await phone(accept)
        joined = await client.post(f"/api/{hub.state.room}/join")
        me = (await joined.json())["view"]["me"]
        adjective, animal = me["name"].split(" ")[:2]
        assert adjective in names._ADJECTIVES[language].split(), (accept, me["name"])
        assert animal in names._ANIMALS[language].split(), (accept, me["name"])
