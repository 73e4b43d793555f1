"""The pre-flight check (`workshop-tui check --fit 80x24 DECK`): will the room be able to read
every step of this workshop on a screen of that size?

It runs the real projector app headless at that size, with no server, plays the workshop with
the most a group can produce (`workshop_tui.tui.fit.worst_case`: a full room, every answer at its
length limit, the longest card, a running countdown) and looks at every step at each moment
that draws it differently (prepared, answered, revealed, grouped, locked, a second round,
planned), a ladder or any step shown in pages (`Pager`) on each of its pages. What it reports
is what the room would not see: whatever a view says it left out (`StepView.cut`), a step
title, room code or question that is not on the screen in full, lines of a view that fall off
the bottom, and texts cut short with "…". presenterm's `validate_overflows` checks slides for
overflow with the slides' own text; this check also fills the steps with the group's.
"""

from __future__ import annotations

import asyncio
import tempfile
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

from textual.pilot import Pilot

from workshop_tui.catalogue import t
from workshop_tui.domain.commands import (
    Answer,
    ChooseCampaign,
    GoTo,
    Join,
    LockLevels,
    NewRound,
    OpenStep,
    SetRevealed,
    TimerControl,
)
from workshop_tui.domain.deck import (
    CampaignStep,
    CardDeck,
    ConsensusStep,
    LevelsStep,
    PromptStep,
    Step,
    Workshop,
)
from workshop_tui.domain.state import Settings
from workshop_tui.participant_server import ServerInfo
from workshop_tui.session.hub import Hub, hash_token
from workshop_tui.tui.app import ProjectorApp
from workshop_tui.tui.fit import worst_case
from workshop_tui.tui.fit.misfits import misfits
from workshop_tui.tui.fit.screen_size import Size
from workshop_tui.tui.safe import clean
from workshop_tui.tui.views.base import StepView
from workshop_tui.tui.views.campaign import CampaignView
from workshop_tui.tui.views.paging import Pager

# A fixed moment, so the countdown and the campaign dates are the same on every run.
NOW = 1_767_225_600.0  # 2026-01-01 00:00 UTC
# The longest address a room gets on a home or office network, so the link is at its widest.
ROOM_ADDRESS = "192.168.100.200"
PORT = 8765


@dataclass(frozen=True)
class Misfit:
    """One thing the room would not see: at step `number` (from 1), at a moment of the step
    (a catalogue key, `fit_moment_*`), `what` in plain words."""

    number: int
    step: Step
    moment: str
    what: str

    def describe(self, language: str, size: Size) -> str:
        """The misfit as one sentence for the facilitator."""
        return t(
            language,
            "fit_misfit",
            n=self.number,
            title=clean(self.step.title),
            kind=t(language, f"kind_{self.step.kind}"),
            moment=t(language, self.moment),
            size=size,
            what=self.what,
        )


def check_fit(
    workshop: Workshop, card_decks: dict[str, CardDeck], size: Size, language: str
) -> list[Misfit]:
    """Lay out every step of `workshop` at `size` with worst-case content; what does not fit,
    in step order. The plain words of the check's own findings are in `language`; the views
    say theirs in the workshop's, so a caller that prints them passes the workshop's."""
    with tempfile.TemporaryDirectory(prefix="workshop-tui-fit-") as folder:
        return asyncio.run(_check(workshop, card_decks, size, language, Path(folder)))


async def _check(
    workshop: Workshop,
    card_decks: dict[str, CardDeck],
    size: Size,
    language: str,
    folder: Path,
) -> list[Misfit]:
    app = worst_case_app(workshop, card_decks, folder)
    async with app.run_test(size=(size.columns, size.rows)) as pilot:
        return await _walk(app, pilot, language)


def worst_case_app(
    workshop: Workshop, card_decks: dict[str, CardDeck], sessions_dir: Path
) -> ProjectorApp:
    """A projector (with no server) on a new session of `workshop`, with a fixed clock, a
    room's worth of earlier results and a campaign to follow up: ready for `walk`."""
    hub = Hub.create(
        workshop,
        card_decks,
        sessions_dir,
        # No word filter: the worst case has nothing to hold back, and every answer is shown.
        Settings(max_participants=worst_case.ROOM, word_filter=False),
        clock=lambda: NOW,
        followup_of=worst_case.earlier_campaign(workshop, card_decks),
        previous=worst_case.previous(workshop),
    )
    room = hub.state.room
    info = ServerInfo(
        join_url=f"http://{ROOM_ADDRESS}:{PORT}/{room}",
        base_url=f"http://{ROOM_ADDRESS}:{PORT}",
        room=room,
        host=ROOM_ADDRESS,
        port=PORT,
        loopback_only=False,
    )
    return ProjectorApp(hub, None, info=info)


@dataclass(frozen=True)
class Moment:
    """Step `number` (from 1) on the screen at one of its moments (a `fit_moment_*` key)."""

    number: int
    step: Step
    moment: str


async def walk(app: ProjectorApp, pilot: Pilot[None]) -> AsyncIterator[Moment]:
    """Play the whole workshop on `app` with worst-case content, yielding each step at each
    moment that draws it differently, once it is on the screen."""
    hub = app.hub
    await _settle(app, pilot)
    # Joined with ids of their own, not the hub's random ones: the same room on every run.
    names = worst_case.names(hub.language)
    await asyncio.gather(
        *(
            hub.execute(Join(f"fit{n:03d}", hash_token(f"fit-{n}"), name, NOW))
            for n, name in enumerate(names)
        )
    )
    for index, step in enumerate(hub.state.workshop.steps):
        async for moment in _moments(app, pilot, index, step):
            yield Moment(index + 1, step, moment)


async def bring_to(app: ProjectorApp, pilot: Pilot[None], step_id: str, moment: str) -> None:
    """Play the workshop with worst-case content until step `step_id` is on the screen at
    `moment` (a `fit_moment_*` key): what the room snapshots and the README pictures show."""
    async for seen in walk(app, pilot):
        if seen.step.id == step_id and seen.moment == moment:
            return
    raise KeyError(f"step {step_id!r} has no moment {moment!r}")


async def _moments(
    app: ProjectorApp, pilot: Pilot[None], index: int, step: Step
) -> AsyncIterator[str]:
    """Bring `step` through the moments that draw it differently, yielding each one's key
    once it is on the screen."""
    hub = app.hub
    await hub.execute(GoTo(index, NOW))
    async for moment in _round(app, pilot, step, shown=True):
        yield moment
    if isinstance(step, PromptStep):
        if len(step.columns) > 1:
            await app.run_action("grouped", app.view)
            await _settle(app, pilot)
            yield "fit_moment_grouped"
            await app.run_action("grouped", app.view)
        await app.run_action("words", app.view)
        await _settle(app, pilot)
        yield "fit_moment_words"
        await app.run_action("words", app.view)
    if isinstance(step, LevelsStep):
        await hub.execute(LockLevels(step.id))
        await _settle(app, pilot)
        yield "fit_moment_locked"
        # The consensus check sends the group back: a second round, beside the first.
        await hub.execute(NewRound(step.id))
        async for _ in _round(app, pilot, step, shown=False):
            pass
        await app.run_action("compare", app.view)
        await _settle(app, pilot)
        yield "fit_moment_compared"
        await app.run_action("compare", app.view)
        await hub.execute(LockLevels(step.id))
    if isinstance(step, ConsensusStep):
        await hub.execute(NewRound(step.id))
        async for _ in _round(app, pilot, step, shown=False):
            pass
        await _settle(app, pilot)
        yield "fit_moment_second_round"
    if isinstance(step, CampaignStep):
        await hub.execute(ChooseCampaign(step.id, worst_case.plan(hub.state, step)))
        await _settle(app, pilot)
        yield "fit_moment_planned"


async def _round(
    app: ProjectorApp, pilot: Pilot[None], step: Step, *, shown: bool
) -> AsyncIterator[str]:
    """One round of `step` with worst-case answers: prepared, answered, revealed, with the
    countdown running; yields the moments (when `shown`) once each is on the screen."""
    hub = app.hub
    state = hub.state.steps[step.id]
    # A countdown at its widest, running.
    left = state.timer.remaining_at(NOW) or 0.0
    more = max(1, int(worst_case.TIMER_SECONDS - left))
    await hub.execute(TimerControl(step.id, "add", NOW, more))
    await hub.execute(TimerControl(step.id, "start", NOW))
    if state.status == "preparing":
        await _settle(app, pilot)
        if shown:
            yield "fit_moment_preparing"
        await hub.execute(OpenStep(step.id))
    payloads = worst_case.answers(hub.state, step)
    people = list(hub.state.participants)
    key = f"fit-{step.id}-{state.round}"
    await asyncio.gather(
        *(
            hub.execute(Answer(pid, step.id, payload, f"{key}-{pid}", NOW))
            for pid, payload in zip(people, payloads, strict=False)
        )
    )
    await _settle(app, pilot)
    view = app.view
    if isinstance(step, CampaignStep) and isinstance(view, CampaignView):
        # Before the results, the deck is browsed: the longest card under the cursor.
        longest = worst_case.longest_card(hub.state.card_decks[step.card_deck])
        view.cursor = [card.id for card in view.cards()].index(longest.id)
        view.refresh()
        await pilot.pause()
    if shown:
        yield "fit_moment_open"
    if step.kind not in ("lobby", "summary") and not hub.state.steps[step.id].revealed:
        await hub.execute(SetRevealed(step.id, True))
        await _settle(app, pilot)
        if shown:
            yield "fit_moment_revealed"


async def _walk(app: ProjectorApp, pilot: Pilot[None], language: str) -> list[Misfit]:
    found: list[Misfit] = []
    said: set[tuple[int, str]] = set()
    async for seen in walk(app, pilot):
        for what in await _pages(app, pilot, language):
            # The same thing left out at two moments of a step is one thing to change.
            if (seen.number, what) not in said:
                said.add((seen.number, what))
                found.append(Misfit(seen.number, seen.step, seen.moment, what))
    return found


async def _pages(app: ProjectorApp, pilot: Pilot[None], language: str) -> list[str]:
    """What the room would not see of the step on screen, on each page a paged view (the
    ladder; a view with a `Pager`: a long card, the rated items, the service card) shows with
    the cursor keys, in order, each once."""
    found = misfits(app, language)
    view = app.view
    if not isinstance(view, StepView):
        return found
    turns = 0
    if isinstance(app.hub.state.current_step, LevelsStep):
        turns = len(app.hub.state.current_step.areas) - 1
    elif isinstance(pager := getattr(view, "pager", None), Pager):
        turns = pager.count - 1
    for _ in range(turns):
        view.move(1)
        await pilot.pause()
        found += [what for what in misfits(app, language) if what not in found]
    if turns:
        for _ in range(turns):
            view.move(-1)
        await pilot.pause()
    return found


async def _settle(app: ProjectorApp, pilot: Pilot[None]) -> None:
    """Until the projector has drawn everything the hub has stored. The redraw is asked for at
    once: the projector spaces the redraws a flood of answers asks for, which would only make
    the check wait."""
    await app.redraw_now()
    await pilot.pause()
