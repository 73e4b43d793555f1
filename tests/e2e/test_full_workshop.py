"""The default workshop from lobby to export, as a facilitator and a group would run it.

The projector app runs with the real participant server on a free loopback port; five phones
join and answer over HTTP with their cookies, exactly as the phone page does; the facilitator
only presses keys on the projector. The exported service card must show the levels and the
campaign the phones chose, and a second session weeks later follows that campaign up.
"""

from __future__ import annotations

import asyncio
import io
import json
import re
import subprocess
from datetime import date, timedelta
from html import unescape
from pathlib import Path
from typing import Any

import aiohttp
from PIL import Image
from textual.pilot import Pilot
from textual.widgets import Input

from tests.tui.conftest import until
from workshop_tui import cli, decks
from workshop_tui.domain.deck import LevelsStep
from workshop_tui.export import exports_folder
from workshop_tui.group import campaigns
from workshop_tui.session.hub import Hub
from workshop_tui.tui.app import ProjectorApp
from workshop_tui.tui.ladder_screen import LadderScreen
from workshop_tui.tui.plan_form import LongField
from workshop_tui.web.server import WebServer

NAMES = ("Åsa", "Päivi", "Örjan", "Kalle", "Lina")
GROUP = "Reception"
GREETING_PROPOSAL = "Jag säger hej och ler mot varje kund som kommer in"
PHONE_PROPOSAL = "Jag svarar i telefon inom tre signaler"
OWNER = "Åsa Öberg"
GOAL = "9 av 10 tillfrågade kunder säger att de blev hälsade – även på måndagar"


class Phone:
    """One participant's phone: a cookie jar and the JSON API the phone page uses."""

    def __init__(self, base: str, room: str) -> None:
        # The server is reached by IP address, and aiohttp keeps cookies from IP hosts only
        # when told to, as a browser always does.
        self.http = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))
        self.api = f"{base}/api/{room}/"
        self.keys = 0

    async def join(self, name: str) -> dict[str, Any]:
        async with self.http.post(self.api + "join", json={"name": name}) as response:
            assert response.status == 201, await response.text()
            return dict(await response.json())

    async def view(self) -> dict[str, Any]:
        async with self.http.get(self.api + "me") as response:
            assert response.status == 200, await response.text()
            return dict((await response.json())["view"])

    async def answer(self, payload: dict[str, Any]) -> None:
        step = (await self.view())["step"]
        self.keys += 1
        body = {"step": step["id"], "key": f"a{self.keys}", "payload": payload}
        async with self.http.post(self.api + "answer", json=body) as response:
            assert response.status == 200, await response.text()
            assert (await response.json())["received"] is True

    async def card_png(self) -> tuple[int, str, bytes]:
        async with self.http.get(self.api + "card.png") as response:
            return response.status, response.content_type, await response.read()


def generic_answer(step: dict[str, Any], person: int) -> dict[str, Any]:
    """A valid answer to the insight exercises, read from the phone's own view."""
    kind = step["kind"]
    if kind == "prompt":
        return {"answers": [{"text": f"Svar {person} – åäö", "column": 0}]}
    if kind == "vote":
        return {"dots": {"0": step["dots"]}}
    if kind == "choice":
        return {"options": [person % len(step["options"])]}
    if kind == "scale":
        return {"ratings": [step["min"] + person % 3 for _ in step["items"]]}
    raise AssertionError(f"no generic answer for {kind}")


async def press(pilot: Pilot[None], *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
        await pilot.pause()


async def next_step(pilot: Pilot[None], app: ProjectorApp, step_id: str) -> None:
    hub = app.hub
    target = [s.id for s in hub.state.workshop.steps].index(step_id)
    await press(pilot, "right")
    await until(pilot, lambda: hub.state.current == target, f"step {step_id}")
    await until(pilot, lambda: showing(app, step_id), f"the view of {step_id}")


def showing(app: ProjectorApp, step_id: str) -> bool:
    """Whether the projector has drawn the step: its keys only work from then on."""
    view = app.view
    return view is not None and view.ctx is not None and view.ctx.step.id == step_id


async def everyone(phones: list[Phone], payloads: list[dict[str, Any]]) -> None:
    await asyncio.gather(*(p.answer(x) for p, x in zip(phones, payloads, strict=True)))


def rungs_payload(levels: LevelsStep, picks: list[int]) -> dict[str, Any]:
    return {"rungs": {area.id: pick for area, pick in zip(levels.areas, picks, strict=True)}}


async def run_first_session(sessions: Path) -> tuple[Hub, dict[str, str], dict[str, Any]]:
    """Run stjarnklass-sv for the group; return the hub, the expected card levels (area name
    -> rung text) and the chosen plan."""
    workshop, card_decks = decks.load_workshop(decks.bundled_dir() / "stjarnklass-sv.toml")
    hub = Hub.create(workshop, card_decks, sessions, group=GROUP)
    app = ProjectorApp(hub, WebServer(hub, host="127.0.0.1", port=0))
    levels = workshop.step("level")
    assert isinstance(levels, LevelsStep)
    async with aiohttp.ClientSession() as stranger, app.run_test(size=(160, 50)) as pilot:
        await until(pilot, lambda: app.info is not None and hub.state.current == 0, "start")
        assert app.info is not None
        phones = [Phone(app.info.base_url, hub.state.room) for _ in NAMES]
        try:
            expected, plan = await _facilitate(pilot, app, hub, phones, levels)
            await _save_and_export(pilot, app, hub, phones, stranger, expected, plan)
        finally:
            for phone in phones:
                await phone.http.close()
        await press(pilot, "ctrl+q")
        await press(pilot, "enter")  # "Yes, quit": the app closes the hub and the server.
    return hub, expected, plan


async def _facilitate(
    pilot: Pilot[None], app: ProjectorApp, hub: Hub, phones: list[Phone], levels: LevelsStep
) -> tuple[dict[str, str], dict[str, Any]]:
    for phone, name in zip(phones, NAMES, strict=True):
        joined = await phone.join(name)
        assert joined["view"]["step"]["id"] == "welcome"

    # The insight exercises, up to the group's own proposals for the ladder.
    for step in hub.state.workshop.steps[1 : hub.state.workshop.steps.index(levels)]:
        await next_step(pilot, app, step.id)
        if step.id == "routines":
            proposals = [GREETING_PROPOSAL, PHONE_PROPOSAL, GREETING_PROPOSAL.upper(), "", ""]
            payloads: list[dict[str, Any]] = [
                {"answers": [{"text": text, "column": 0}]} if text else {"answers": []}
                for text in proposals
            ]
            await everyone(phones[:3], payloads[:3])
            continue
        views = [(await p.view())["step"] for p in phones]
        assert {v["id"] for v in views} == {step.id}
        await everyone(phones, [generic_answer(v, i) for i, v in enumerate(views)])

    # The ladder: arranged on the projector before anyone votes; the phones wait meanwhile.
    await next_step(pilot, app, "level")
    assert (await phones[0].view())["step"]["status"] == "preparing"
    greeting = list(levels.areas[0].rungs)
    await press(pilot, "a")
    await until(pilot, lambda: isinstance(app.screen, LadderScreen), "the ladder screen")
    ladder = app.screen
    assert isinstance(ladder, LadderScreen)
    # Proposals come merged (the shouted copy counts with the greeting one) and sorted by the
    # area they speak to: the facilitator takes the greeting one, wherever it was sorted.
    assert ladder.shown.count(GREETING_PROPOSAL) == 1, ladder.shown
    row = ladder.options.get_option_index(f"proposal-{ladder.shown.index(GREETING_PROPOSAL)}")
    ladder.options.highlighted = row
    await press(pilot, "enter", "enter")  # at the first place offered: the top
    ladders = hub.state.steps["level"].ladders
    # The deck's greeting ladder has four rungs.
    await until(pilot, lambda: len(ladders["greeting"]) == 5, "the proposal added")
    await press(pilot, "J", "J")  # from the top (index 4) down to index 2
    await until(pilot, lambda: ladders["greeting"][2] == GREETING_PROPOSAL, "the rung moved")
    await press(pilot, "home", "x")  # drop the most ambitious deck rung
    await until(pilot, lambda: len(ladders["greeting"]) == 4, "the rung dropped")
    # Merge the two most basic rungs, keeping the second one's words.
    await press(pilot, "home", "down", "down", "down", "m", "up", "m")
    arranged = [greeting[1], GREETING_PROPOSAL, greeting[2]]
    await until(pilot, lambda: ladders["greeting"] == arranged, "the rungs merged")
    await press(pilot, "right")  # the telephone one on availability
    await until(pilot, lambda: ladder.area_id == "availability", "the availability ladder")
    ladder.options.highlighted = ladder.options.get_option_index(
        f"proposal-{ladder.shown.index(PHONE_PROPOSAL)}"
    )
    await press(pilot, "enter", "enter")
    await until(pilot, lambda: ladders["availability"][-1] == PHONE_PROPOSAL, "second area")
    await press(pilot, "escape")
    await until(pilot, lambda: not isinstance(app.screen, LadderScreen), "the screen closed")
    view = (await phones[0].view())["step"]
    assert view["areas"][0]["rungs"] == arranged
    assert view["areas"][1]["rungs"][-1] == PHONE_PROPOSAL
    await press(pilot, "i")  # the ladder is ready: the group may answer
    await until(pilot, lambda: hub.state.steps["level"].status == "open", "round 1 opened")

    # Round 1: one person accepts no greeting rung at all.
    round_1 = [[-1, 1, 1, 1], *[[2, 2, 1, 2]] * 4]
    await everyone(phones, [rungs_payload(levels, p) for p in round_1])
    # Once people have answered, the ladder is fixed for the round, and the screen says so.
    await press(pilot, "a")
    await until(pilot, lambda: isinstance(app.screen, LadderScreen), "the ladder screen")
    await press(pilot, "x")
    await until(pilot, lambda: bool(ladder_message(app)), "the refusal")
    assert ladders["greeting"] == arranged
    await press(pilot, "escape")
    await until(pilot, lambda: not isinstance(app.screen, LadderScreen), "the screen closed")

    # Round 2 after the discussion; the facilitator locks it.
    await press(pilot, "v")
    await until(pilot, lambda: hub.state.steps["level"].round == 2, "round 2")
    await press(pilot, "i")
    await until(pilot, lambda: hub.state.steps["level"].status == "open", "round 2 opened")
    round_2 = [
        [1, 2, 1, 1],
        [2, 3, 1, 2],
        [2, 3, 2, 2],
        *[[2, 3, 2, 2]] * 2,
    ]
    await everyone(phones, [rungs_payload(levels, p) for p in round_2])
    await press(pilot, "p")  # compare with round 1 while the group discusses
    await press(pilot, "l")
    await until(pilot, lambda: hub.state.steps["level"].levels is not None, "the lock")

    # Consensus: someone is below three, so the group goes back to the ladder.
    await next_step(pilot, app, "fist")
    await everyone(phones, [{"fist": f} for f in (2, 4, 5, 3, 4)])
    await press(pilot, "r")
    await until(pilot, lambda: hub.state.steps["fist"].revealed, "the fists revealed")
    await until(pilot, lambda: "✘ 1 under 3" in screen_text(app), "the verdict")
    await press(pilot, "c")
    await until(pilot, lambda: showing(app, "level"), "back to the ladder")
    await until(pilot, lambda: hub.state.steps["level"].round == 3, "round 3")
    await press(pilot, "i")
    await until(pilot, lambda: hub.state.steps["level"].status == "open", "round 3 opened")
    round_3 = [[1, 2, 1, 1], *round_2[1:]]
    await everyone(phones, [rungs_payload(levels, p) for p in round_3])
    await press(pilot, "l")
    await until(pilot, lambda: hub.state.steps["level"].levels is not None, "the new lock")
    await next_step(pilot, app, "fist")
    assert hub.state.steps["fist"].round == 2, "a new level starts a new consensus round"
    await everyone(phones, [{"fist": f} for f in (3, 4, 5, 3, 4)])
    await press(pilot, "r")  # the new round started hidden, as the first did
    await until(pilot, lambda: "✔ Alla är på 3 eller mer" in screen_text(app), "agreement")
    assert "Omgång 1: 5 svar, 1 under 3" in screen_text(app), "the earlier round stays in view"

    # The campaign the phones vote for; the facilitator plans it.
    await next_step(pilot, app, "campaign")
    cards = (await phones[0].view())["step"]["cards"]
    favourite, other = cards[4]["id"], cards[1]["id"]
    votes = [{favourite: 2, other: 1}, {favourite: 3}, {other: 3}, {favourite: 1}, {favourite: 2}]
    await everyone(phones, [{"votes": v} for v in votes])
    await press(pilot, "r")
    await until(pilot, lambda: hub.state.steps["campaign"].revealed, "the shortlist")
    await press(pilot, "enter")
    await until(pilot, lambda: app.screen.query("#plan-owner").first(Input) is not None, "form")
    app.screen.query_one("#plan-owner", Input).value = OWNER
    app.screen.query_one("#plan-goal", LongField).text = GOAL
    # Begun a week ago: the follow-up below runs today, and only a campaign that has begun can
    # be followed up (one looked back on before it started stays open).
    started = (date.today() - timedelta(days=7)).isoformat()
    app.screen.query_one("#plan-start", Input).value = started
    app.screen.query_one("#plan-owner", Input).focus()
    await press(pilot, "enter")
    await until(pilot, lambda: hub.state.steps["campaign"].plan is not None, "the plan")
    plan = hub.state.steps["campaign"].plan
    assert plan is not None
    assert (plan.card_id, plan.owner, plan.goal, plan.start) == (favourite, OWNER, GOAL, started)

    # Level per area: the lowest pick of the locked round (3), as rung text.
    final = hub.state.steps["level"].ladders
    expected = {
        area.name: final[area.id][min(p[i] for p in round_3)] for i, area in enumerate(levels.areas)
    }
    return expected, {"title": plan.title, "start": plan.start, "end": plan.end}


def ladder_message(app: ProjectorApp) -> str:
    screen = app.screen
    return screen.message if isinstance(screen, LadderScreen) else ""


def screen_text(app: ProjectorApp) -> str:
    """Everything on the projector as plain text, line by line, from its SVG screenshot."""
    svg = app.export_screenshot()
    lines: dict[str, list[str]] = {}
    for line, text in re.findall(r'clip-path="url\(#terminal-\d+-line-(\d+)\)">(.*?)</text>', svg):
        lines.setdefault(line, []).append(unescape(text).replace("\xa0", " "))
    return "\n".join(
        "".join(parts) for _, parts in sorted(lines.items(), key=lambda kv: int(kv[0]))
    )


async def _save_and_export(
    pilot: Pilot[None],
    app: ProjectorApp,
    hub: Hub,
    phones: list[Phone],
    stranger: aiohttp.ClientSession,
    expected: dict[str, str],
    plan: dict[str, Any],
) -> None:
    await next_step(pilot, app, "summary")
    card = (await phones[2].view())["step"]["card"]
    assert {a["name"]: a["rung"] for a in card["areas"]} == expected
    assert card["campaign"]["title"] == plan["title"]

    status, content_type, png = await phones[2].card_png()
    assert (status, content_type) == (200, "image/png")
    assert Image.open(io.BytesIO(png)).size == (1011, 638)
    assert app.info is not None
    url = f"{app.info.base_url}/api/{hub.state.room}/card.png"
    async with stranger.get(url) as response:
        assert response.status == 401, "only the group's own phones get the card"

    before = hub.path.read_bytes()
    await press(pilot, "e")
    folder = exports_folder(hub.path)
    await until(pilot, lambda: len(list(folder.glob("*"))) == 7, "the seven exports")
    assert hub.path.read_bytes() == before, "exporting never changes the session file"
    stem = hub.path.stem
    html = unescape((folder / f"{stem}-card.html").read_text(encoding="utf-8"))
    pdf = subprocess.run(
        ["pdftotext", "-layout", str(folder / f"{stem}-card.pdf"), "-"],
        capture_output=True,
        check=True,
        text=True,
    ).stdout
    pdf = " ".join(pdf.split())
    for text in [*expected.values(), plan["title"], OWNER, GROUP]:
        assert text in html, text
        assert " ".join(text.split()) in pdf, text
    outcome = json.loads((folder / f"{stem}-outcome.json").read_text(encoding="utf-8"))
    assert {a["name"]: a["level_text"] for a in outcome["card"]["areas"]} == expected
    [level] = outcome["levels"]
    assert [len(a["rounds"]) for a in level["areas"]] == [3] * 4, "every round is kept"
    assert level["areas"][0]["rounds"][0]["rungs"] == level["areas"][0]["rungs"]
    [fist] = outcome["consensus"]
    assert [(r["below"], r["agreed"]) for r in fist["rounds"]] == [(1, False), (0, True)]
    campaign = outcome["card"]["campaign"]
    assert (campaign["title"], campaign["owner"], campaign["goal"]) == (plan["title"], OWNER, GOAL)

    # Anonymous, as the lobby said: no participant's name in any export. (The PNG is drawn from
    # the card's text, the same as the HTML sheet and the PDF.) The campaign owner is the plan's,
    # typed by the facilitator, so it is taken out first.
    texts = {
        path.name: pdf if path.suffix == ".pdf" else path.read_text(encoding="utf-8-sig")
        for path in folder.iterdir()
        if path.suffix != ".png"
    }
    assert len(texts) == 6  # every export but the PNG, the calendar included
    for file, text in texts.items():
        text = text.replace(OWNER, "")
        for name in NAMES:
            assert not re.search(rf"\b{name}\b", text), f"{name} in {file}"
    assert "Deltagare 1" in texts[f"{stem}-answers.csv"]


async def test_the_default_workshop_runs_from_lobby_to_export_and_is_followed_up(
    tmp_path: Path, capsys: Any
) -> None:
    sessions = tmp_path / "sessions"
    first, expected, plan = await run_first_session(sessions)
    assert expected, "the group agreed a level"

    # The register knows the campaign and that it is waiting for its follow-up.
    argv = ["campaigns", "--lang", "en", "--sessions-dir", str(sessions), "--group", "reception"]
    assert cli.main(argv) == 0
    listed = capsys.readouterr().out
    assert plan["title"] in listed and f"{plan['start']} – {plan['end']}" in listed
    assert "followed up" not in listed

    # Weeks later: the CLI finds the group's campaign for the followup session by itself.
    await _run_followup(sessions, first, plan)
    argv = ["campaigns", "--lang", "en", "--sessions-dir", str(sessions), "--group", GROUP]
    assert cli.main(argv) == 0
    listed = capsys.readouterr().out
    assert "followed up" in listed and "goal reached yes 2, partly 1, no 1" in listed


async def _run_followup(sessions: Path, first: Hub, plan: dict[str, Any]) -> None:
    args = cli._parser().parse_args(
        ["run", "followup-sv", "--group", GROUP, "--sessions-dir", str(sessions)]
    )
    hub = cli._open_hub(args)
    earlier = hub.state.earlier_campaign
    assert earlier is not None
    assert (earlier.session, earlier.step_id) == (first.path.name, "campaign")
    assert earlier.plan.title == plan["title"]
    app = ProjectorApp(hub, WebServer(hub, host="127.0.0.1", port=0))
    async with app.run_test(size=(140, 44)) as pilot:
        await until(pilot, lambda: app.info is not None, "the server")
        assert app.info is not None
        phones = [Phone(app.info.base_url, hub.state.room) for _ in range(4)]
        try:
            for phone, name in zip(phones, NAMES, strict=False):
                await phone.join(name)
            await next_step(pilot, app, "result")
            step = (await phones[0].view())["step"]
            shown = step["campaign"]
            assert (shown["title"], shown["goal"], shown["start"], shown["end"]) == (
                plan["title"],
                GOAL,
                plan["start"],
                plan["end"],
            )
            await until(pilot, lambda: plan["title"] in screen_text(app), "the projector too")
            answers = [
                {"reached": "yes", "changed": "Kunderna hälsar tillbaka"},
                {"reached": "yes", "changed": ""},
                {"reached": "partly", "changed": "Färre klagomål på väntan"},
                {"reached": "no", "changed": ""},
            ]
            await everyone(phones, answers)
        finally:
            for phone in phones:
                await phone.http.close()
    # The campaign is followed up: a third session has nothing left to follow up.
    assert campaigns.earlier_campaign(sessions, GROUP) is None
