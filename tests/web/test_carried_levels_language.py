"""A follow-up's carried levels on a phone of another language (`--also-in`): the follow-up
workshop has no levels step of its own, so the areas' names and the rungs come from the
earlier session's parallel workshops, recorded when the follow-up was created."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest

from tests.export.export_sessions import bundled
from tests.export.parallel_draft_sessions import bilingual_draft_session, bilingual_followup_hub
from workshop_tui.domain.deck import LevelsStep
from workshop_tui.session.hub import Hub
from workshop_tui.web import Limits, create_app

Goto = Callable[[Hub, str], Awaitable[None]]


def _ladder(workshop_id: str) -> LevelsStep:
    step = bundled(workshop_id)[0].step("level")
    assert isinstance(step, LevelsStep)
    return step


def expected(hub: Hub, language: str) -> list[tuple[str, str]]:
    """Each carried area's name and rung in `language`'s star-class file: the rung at the
    place the Swedish one stands in the Swedish file (the ladders were not rearranged)."""
    previous = hub.state.previous
    assert previous is not None
    swedish, theirs = _ladder("stjarnklass-sv"), _ladder(f"stjarnklass-{language}")
    out = []
    for ours, other in zip(swedish.areas, theirs.areas, strict=True):
        level = previous.levels[ours.id]
        assert level.text is not None
        out.append((other.name, other.rungs[ours.rungs.index(level.text)]))
    return out


@pytest.fixture
async def followup(tmp_path: Path) -> AsyncIterator[Hub]:
    await bilingual_draft_session(tmp_path)
    hub = bilingual_followup_hub(tmp_path)
    await hub.start()
    yield hub
    await hub.close()


async def _step(hub: Hub, aiohttp_client: Any, accept_language: str) -> dict[str, Any]:
    client = await aiohttp_client(create_app(hub, Limits()))
    client.session.headers["Accept-Language"] = accept_language
    response = await client.post(f"/api/{hub.state.room}/join")
    assert response.status == 201
    step: dict[str, Any] = (await response.json())["view"]["step"]
    return step


def _words(areas: list[dict[str, Any]]) -> list[tuple[str, str]]:
    return [(area["name"], area["rung"]) for area in areas]


@pytest.mark.parametrize("language", ["fi", "en"])
async def test_the_followups_carried_levels_are_in_the_phones_language(
    followup: Hub, aiohttp_client: Any, goto: Goto, language: str
) -> None:
    words = expected(followup, language)
    await goto(followup, "result")
    step = await _step(followup, aiohttp_client, language)
    assert _words(step["levels"]) == words
    # Still the same levels, still a draft from the day it was held.
    assert {area["origin"]["kind"] for area in step["levels"]} == {"draft"}

    await goto(followup, "summary")
    card = (await _step(followup, aiohttp_client, language))["card"]
    assert card["draft"] and _words(card["areas"]) == words


async def test_a_swedish_phone_reads_them_as_the_session_holds_them(
    followup: Hub, aiohttp_client: Any, goto: Goto
) -> None:
    await goto(followup, "result")
    step = await _step(followup, aiohttp_client, "sv-SE")
    assert _words(step["levels"]) == expected(followup, "sv")
