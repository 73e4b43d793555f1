"""One service card: the projector, the phones and every export show the same levels, consensus
and campaign, by the rules of `workshop_tui.domain.service_card`.

The workshop has two levels steps (the second re-agrees the first), a consensus check of the
second taken twice, and two campaign steps, so any place that still keeps its own rule (every
levels step, the first campaign, no consensus) shows something else than the others.
"""

from __future__ import annotations

import itertools
import json
import re
import shutil
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from html import unescape
from pathlib import Path
from typing import Any

import pytest

from tests.tui.conftest import screen_text
from workshop_tui import decks
from workshop_tui.catalogue import t
from workshop_tui.domain.commands import (
    Answer,
    ChooseCampaign,
    GoTo,
    Join,
    LockLevels,
    NewRound,
    OpenStep,
    from_dict,
    to_dict,
)
from workshop_tui.domain.deck import CardDeck, Workshop
from workshop_tui.domain.rules import apply
from workshop_tui.domain.service_card import service_card
from workshop_tui.domain.state import CampaignPlan, SessionState
from workshop_tui.export import export_formats, labels
from workshop_tui.export.outcome import Outcome
from workshop_tui.session.hub import Hub
from workshop_tui.tui.app import ProjectorApp
from workshop_tui.web import create_app
from workshop_tui.web import pocket_image as web_card

CARDS = Path(__file__).parents[1] / "data" / "mini-cards.toml"
WORKSHOP = """
[workshop]
id = "twice"
title = "Twice agreed"
language = "en"

[[steps]]
id = "lobby"
kind = "lobby"
title = "Welcome"

[[steps]]
id = "first"
kind = "levels"
title = "A first level"
question = "Which rung do you commit to?"

[[steps.areas]]
id = "greeting"
name = "Greeting"
rungs = ["I greet customers", "I greet everyone I meet", "I greet by name"]

[[steps.areas]]
id = "calls"
name = "Availability"
rungs = ["Calls returned within two days", "Calls returned the same day"]

[[steps]]
id = "second"
kind = "levels"
title = "Our level, again"
question = "Now that we have talked: which rung?"

[[steps.areas]]
id = "greeting"
name = "Greeting"
rungs = ["Say hello", "Say hello by name", "Remember regulars by name"]

[[steps.areas]]
id = "calls"
name = "Availability"
rungs = ["Answer within a day", "Answer within an hour"]

[[steps]]
id = "fist"
kind = "consensus"
title = "Fist of five"
question = "Can you live with this level?"
levels_step = "second"

[[steps]]
id = "pick1"
kind = "campaign"
title = "A campaign"
question = "Which campaign first?"
card_deck = "mini-cards"

[[steps]]
id = "pick2"
kind = "campaign"
title = "Another campaign"
question = "And which one after it?"
card_deck = "mini-cards"

[[steps]]
id = "end"
kind = "summary"
title = "Our service card"
"""

NONE = None  # an area without a rung everyone accepts
PLAN_SHOWN = ("title", "goal", "owner", "start", "end", "followup")


@dataclass(frozen=True)
class Shown:
    """What one place shows of the card, with its own words mapped back to plain facts."""

    levels: tuple[tuple[str, str | None], ...]  # (area, rung) in the order shown
    consensus: str
    campaign: tuple[str, ...]


# What the session below must show everywhere, worked out by hand from its answers.
EXPECTED = Shown(
    levels=(("Greeting", "Say hello by name"), ("Availability", NONE)),
    consensus="agreed",
    campaign=(
        "Call back the same day",
        "Every call back before five",
        "Bo",
        "2026-03-02",
        "2026-03-29",
        "2026-04-06",
    ),
)


@pytest.fixture
def twice(tmp_path: Path) -> tuple[Workshop, dict[str, CardDeck]]:
    folder = tmp_path / "decks"
    folder.mkdir()
    (folder / "twice.toml").write_text(WORKSHOP, encoding="utf-8")
    shutil.copy(CARDS, folder / CARDS.name)
    return decks.load_workshop(folder / "twice.toml")


def _plan(card_id: str, goal: str, owner: str, start: str, end: str, followup: str) -> CampaignPlan:
    return CampaignPlan(card_id, "", "Why we do it", goal, start, end, owner, followup)


async def _play(hub: Hub, people: list[str]) -> None:
    """Both levels steps (the second in two rounds), two fists, two campaigns, the summary."""
    keys = iter(range(10_000))

    async def answer(person: int, step_id: str, payload: dict[str, Any]) -> None:
        await hub.execute(Answer(people[person], step_id, payload, f"k{next(keys)}", hub.clock()))

    async def open_ladder(step_id: str) -> None:
        # A ladder opens on the facilitator's key, once it is arranged.
        if hub.state.steps[step_id].status == "preparing":
            await hub.execute(OpenStep(step_id))

    steps = [s.id for s in hub.state.workshop.steps]
    await hub.execute(GoTo(steps.index("first"), hub.clock()))
    await open_ladder("first")
    for p in range(3):
        await answer(p, "first", {"rungs": {"greeting": 1, "calls": 0}})
    await hub.execute(LockLevels("first"))
    await hub.execute(GoTo(steps.index("second"), hub.clock()))
    await open_ladder("second")
    for p in range(3):
        await answer(p, "second", {"rungs": {"greeting": 0, "calls": 0}})
    await hub.execute(NewRound("second"))
    await open_ladder("second")
    # Greeting: everyone accepts rung 1, most would go to 2; Availability: one accepts none.
    for p, (greeting, calls) in enumerate([(1, -1), (2, 1), (2, 1)]):
        await answer(p, "second", {"rungs": {"greeting": greeting, "calls": calls}})
    await hub.execute(LockLevels("second"))
    await hub.execute(GoTo(steps.index("fist"), hub.clock()))
    for p, fist in enumerate([2, 4, 5]):
        await answer(p, "fist", {"fist": fist})
    await hub.execute(NewRound("fist"))
    for p in range(3):
        await answer(p, "fist", {"fist": 4})
    first = _plan("greeting", "Greet all", "Ann", "2026-02-02", "2026-02-22", "2026-03-01")
    await hub.execute(GoTo(steps.index("pick1"), hub.clock()))
    await hub.execute(ChooseCampaign("pick1", first))
    _, goal, owner, start, end, followup = EXPECTED.campaign
    second = _plan("callback", goal, owner, start, end, followup)
    await hub.execute(GoTo(steps.index("pick2"), hub.clock()))
    await hub.execute(ChooseCampaign("pick2", second))
    await hub.execute(GoTo(steps.index("end"), hub.clock()))


def _status(text: str, words: Callable[[str], str]) -> str:
    """The consensus status whose words (`words(status)`, up to its first number) start `text`."""
    found = [s for s in ("agreed", "not_agreed", "not_taken") if text.startswith(words(s))]
    assert len(found) == 1, text
    return found[0]


def _before_number(text: str) -> str:
    return re.split(r"[{\d]", text)[0]


def _projector(screen: str) -> Shown:
    lines = [line.strip(" │┃") for line in screen.splitlines()]
    levels = []
    for line in lines:
        if line.startswith("★ "):
            name, _, text = line[2:].partition(": ")
            levels.append((name, NONE if text == t("en", "no_level") else text))
    fist = next(line for line in lines if line.startswith("Fist of five:"))
    field = {k: t("en", k) for k in ("goal", "owner", "period", "followup")}
    values = {
        k: next(line for line in lines if line.startswith(f"{word}: "))[len(word) + 2 :]
        for k, word in field.items()
    }
    start, end = values["period"].split(" – ")
    title_at = lines.index(t("en", "chosen_campaign")) + 1
    return Shown(
        tuple(levels),
        _status(fist, lambda s: _before_number(t("en", f"card_consensus_{s}"))),
        (lines[title_at], values["goal"], values["owner"], start, end, values["followup"]),
    )


def _phone(card: dict[str, Any]) -> Shown:
    assert card["locked"]
    plan = card["campaign"]
    return Shown(
        tuple((a["name"], a["rung"]) for a in card["areas"]),
        card["consensus"]["status"],
        tuple(plan[k] for k in PLAN_SHOWN),
    )


def _markdown(text: str) -> Shown:
    t = labels.labels("en")
    card_part = text.split(f"\n## {t['rounds']}")[0]
    levels = []
    for name, level in re.findall(r"^\| ([^|]+) \| ([^|]+) \| [^|]+ \|$", card_part, re.M):
        if name.strip() in (t["area"], "---"):
            continue
        level = level.strip()
        rung = NONE if level == t["no_common_level"] else level.split(". ", 1)[1]
        levels.append((name.strip(), rung))
    fist = next(line for line in card_part.splitlines() if line.startswith("Fist of five:"))
    title = re.search(rf"^## {t['campaign']}: (.+)$", card_part, re.M)
    assert title is not None

    def item(key: str) -> str:
        found = re.search(rf"^- {t[key]}: (.+)$", card_part, re.M)
        assert found is not None, key
        return found.group(1)

    start, end = item("period").split(" – ")
    return Shown(
        tuple(levels),
        _status(fist, lambda s: _before_number(t[f"consensus_{s}"])),
        (title.group(1), item("goal"), item("owner"), start, end, item("followup")),
    )


def _json(data: dict[str, Any]) -> Shown:
    card = data["card"]
    plan = card["campaign"]
    return Shown(
        tuple((a["name"], a["level_text"]) for a in card["areas"]),
        card["consensus"]["status"],
        tuple(plan[k] for k in PLAN_SHOWN),
    )


def _card_html(html: str) -> Shown:
    t = labels.labels("en")
    first = re.search(r'<section class="card"[^>]*>(.*?)</section>', html, re.S)
    assert first is not None
    paragraphs = [
        unescape(re.sub(r"<[^>]+>", "", p)) for p in re.findall(r"<p[^>]*>(.*?)</p>", first[1])
    ]
    pairs = [(p.split(":", 1)[0], p.split(":", 1)[1].strip()) for p in paragraphs if ":" in p]
    by_label = dict(pairs)
    fist = next(p for p in paragraphs if p.startswith("Fist of five:"))
    # The areas come first, each "name: rung"; the consensus line and the campaign follow.
    levels = tuple(
        (name, NONE if text == t["no_common_level"] else text)
        for name, text in pairs[: [p[0] for p in pairs].index("Fist of five")]
    )
    title, period = by_label[t["campaign"]].split(" · ")
    start, end = period.split(" – ")
    owner, followup = by_label[t["owner"]].split(" · ")
    return Shown(
        levels,
        _status(fist, lambda s: _before_number(t[f"consensus_{s}"])),
        (title, by_label[t["goal"]], owner, start, end, followup.split(": ", 1)[1]),
    )


async def test_one_session_shows_the_same_card_on_the_projector_phones_and_exports(
    twice: tuple[Workshop, dict[str, CardDeck]],
    tmp_path: Path,
    aiohttp_client: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    drawn: list[Outcome] = []

    def draw(outcome: Outcome) -> bytes:
        drawn.append(outcome)
        return b"png"

    monkeypatch.setattr(web_card, "_draw", draw)
    hub = Hub.create(twice[0], twice[1], tmp_path / "sessions")
    app = ProjectorApp(hub, None, info=None)
    async with app.run_test(size=(120, 40)) as pilot:
        phone = await aiohttp_client(create_app(hub))
        room = hub.state.room
        joined = await phone.post(f"/api/{room}/join", json={"name": "Ann"})
        me = (await joined.json())["view"]["me"]["id"]
        others = [(await hub.join(name))[0].id for name in ("Bo", "Cy")]
        await _play(hub, [me, *others])

        # The projector redraws on the hub's signal; wait for the card, however long it takes.
        title = f"{t('en', 'service_card')} · Twice agreed"
        for _ in range(400):
            if title in screen_text(app):
                break
            await pilot.pause(0.05)
        projector = _projector(screen_text(app))
        view = await (await phone.get(f"/api/{room}/me")).json()
        on_phone = _phone(view["view"]["step"]["card"])
        image = await phone.get(f"/api/{room}/card.png")
        assert image.status == 200
        assert [outcome.card for outcome in drawn] == [service_card(hub.state)]
    folder = tmp_path / "out"
    md, js, html = export_formats(hub.path, ("md", "json", "card"), folder)

    assert projector == EXPECTED
    assert on_phone == EXPECTED
    assert _markdown(md.read_text(encoding="utf-8")) == EXPECTED
    assert _json(json.loads(js.read_text(encoding="utf-8"))) == EXPECTED
    assert _card_html(html.read_text(encoding="utf-8")) == EXPECTED


def _state(workshop: tuple[Workshop, dict[str, CardDeck]]) -> SessionState:
    state = SessionState(workshop[0], workshop[1], "ROOM")
    for person in ("a", "b", "c"):
        apply(state, Join(person, f"hash-{person}", person.upper(), 1.0))
    return state


_KEYS = itertools.count()


def _answer(state: SessionState, person: str, step_id: str, payload: dict[str, Any]) -> None:
    apply(state, Answer(person, step_id, payload, f"key{next(_KEYS)}", 2.0))


def _goto(state: SessionState, step_id: str) -> None:
    steps = [s.id for s in state.workshop.steps]
    apply(state, GoTo(steps.index(step_id), 2.0))


def _levels(state: SessionState, step_id: str, picks: list[tuple[int, int]]) -> None:
    _goto(state, step_id)
    # A ladder opens on the facilitator's key, once it is arranged.
    if state.steps[step_id].status == "preparing":
        apply(state, OpenStep(step_id))
    for person, (greeting, calls) in zip("abc", picks, strict=True):
        _answer(state, person, step_id, {"rungs": {"greeting": greeting, "calls": calls}})


def _check(state: SessionState) -> str | None:
    check = service_card(state).consensus
    return None if check is None else check.status


def test_the_card_shows_the_last_locked_level_its_check_and_the_last_campaign_on_the_agenda(
    twice: tuple[Workshop, dict[str, CardDeck]],
) -> None:
    state = _state(twice)
    card = service_card(state)
    # Nothing locked: the last levels step's areas, not agreed yet, and nothing else.
    assert (card.levels_step_id, card.locked, card.campaign) == ("second", False, None)
    assert [a.level for a in card.areas] == [None, None]
    assert card.consensus is not None and card.consensus.status == "not_taken"

    _levels(state, "first", [(1, 0), (2, 1), (1, 1)])
    apply(state, LockLevels("first"))
    card = service_card(state)
    assert (card.levels_step_id, card.locked, card.locked_round) == ("first", True, 1)
    assert [(a.level_text, a.aspiration_text) for a in card.areas] == [
        ("I greet everyone I meet", "I greet everyone I meet"),
        ("Calls returned within two days", "Calls returned the same day"),
    ]
    assert card.consensus is None, "no step checks the first level"

    # The second levels step re-agrees it: its locked round (2) wins over round 1 and step 1.
    _levels(state, "second", [(0, 0), (0, 0), (0, 0)])
    apply(state, NewRound("second"))
    _levels(state, "second", [(2, 1), (2, 1), (1, -1)])
    apply(state, LockLevels("second"))
    card = service_card(state)
    assert (card.levels_step_id, card.locked_round) == ("second", 2)
    assert [(a.level_text, a.aspiration_text) for a in card.areas] == [
        ("Say hello by name", "Remember regulars by name"),
        (None, "Answer within an hour"),
    ]

    # The consensus check of the current round only.
    _goto(state, "fist")
    assert _check(state) == "not_taken"
    for person, fist in zip("abc", (5, 2, 3), strict=True):
        _answer(state, person, "fist", {"fist": fist})
    check = service_card(state).consensus
    assert check is not None and (check.status, check.round, check.below) == ("not_agreed", 1, 1)
    apply(state, NewRound("fist"))
    assert _check(state) == "not_taken"
    for person in "abc":
        _answer(state, person, "fist", {"fist": 3})
    check = service_card(state).consensus
    assert check is not None and (check.status, check.round) == ("agreed", 2)

    # Re-opening the second level for another vote: the card falls back to the first.
    apply(state, NewRound("second"))
    assert service_card(state).levels_step_id == "first"
    _levels(state, "second", [(2, 1), (2, 1), (1, 1)])
    apply(state, LockLevels("second"))
    card = service_card(state)
    assert card.levels_step_id == "second"
    assert card.consensus is not None and card.consensus.status == "not_taken", (
        "fists shown for the earlier level do not confirm the new one"
    )

    # Campaigns: the last campaign step on the agenda with a plan, whichever was chosen last.
    later = _plan("callback", "g", "Bo", "2026-03-02", "2026-03-29", "2026-04-06")
    earlier = _plan("greeting", "g", "Ann", "2026-02-02", "2026-02-22", "2026-03-01")
    apply(state, ChooseCampaign("pick2", later))
    apply(state, ChooseCampaign("pick1", earlier))
    card = service_card(state)
    assert (card.campaign_step_id, card.campaign) == ("pick2", state.steps["pick2"].plan)
    assert card.campaign is not None and card.campaign.title == "Call back the same day"


def test_a_stored_choose_campaign_keeps_its_plan_and_old_flat_ones_still_replay(
    twice: tuple[Workshop, dict[str, CardDeck]],
) -> None:
    plan = _plan("callback", "Goal", "Bo", "2026-03-02", "2026-03-29", "2026-04-06")
    stored = to_dict(ChooseCampaign("pick1", plan))
    assert stored == {"type": "choose_campaign", "step_id": "pick1", "plan": asdict(plan)}
    assert from_dict(json.loads(json.dumps(stored))) == ChooseCampaign("pick1", plan)
    # As sessions saved before the plan was nested hold it: flat, and without the title.
    flat = {"type": "choose_campaign", "step_id": "pick1"}
    flat |= {k: v for k, v in asdict(plan).items() if k != "title"}
    old = from_dict(flat)
    assert old == ChooseCampaign("pick1", replace(plan, title=""))
    state = _state(twice)
    apply(state, old)
    assert state.steps["pick1"].plan == replace(plan, title="Call back the same day")
    with pytest.raises(ValueError, match="plan"):
        from_dict({"type": "choose_campaign", "step_id": "pick1", "card_id": "callback"})
