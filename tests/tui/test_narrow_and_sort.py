"""Issue 24 on the projector: the campaign's deck narrowed by a key before the vote, and the
ladder's proposals arriving merged and sorted by area."""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot

from tests.tui.conftest import MakeApp, answer, join, screen_text, settle, until, walk_to
from workshop_tui import decks
from workshop_tui.domain.campaign import narrowed_cards
from workshop_tui.domain.commands import GoTo
from workshop_tui.domain.deck import CampaignStep
from workshop_tui.tui.app import ProjectorApp
from workshop_tui.tui.ladder_screen import LadderScreen
from workshop_tui.tui.views.campaign import CampaignView


def record_notices(app: ProjectorApp) -> list[str]:
    """The notifications the app shows from now on (its refusals among them)."""
    seen: list[str] = []
    notify = app.notify

    def record(message: str, **options: Any) -> None:
        seen.append(message)
        notify(message, **options)

    app.notify = record  # type: ignore[method-assign]
    return seen


def current_step(app: ProjectorApp) -> str | None:
    """The id of the step the projector has drawn, if any."""
    view = app.view
    return None if view is None or view.ctx is None else view.ctx.step.id


async def _on_campaign(pilot: Pilot[None], app: ProjectorApp) -> CampaignView:
    await until(pilot, lambda: isinstance(app.view, CampaignView) and app.view.ctx is not None)
    await settle(pilot)
    assert isinstance(app.view, CampaignView)
    return app.view


async def test_x_narrows_the_deck_before_the_vote_and_again_restores_it(
    make_app: MakeApp,
) -> None:
    workshop, cards = decks.load_workshop(decks.bundled_dir() / "stjarnklass-en.toml")
    app = make_app(workshop, cards)
    async with app.run_test(size=(120, 34)) as pilot:
        hub = app.hub
        steps = [s.id for s in hub.state.workshop.steps]
        await hub.execute(GoTo(steps.index("campaign"), hub.clock()))
        view = await _on_campaign(pilot, app)
        step = hub.state.workshop.step("campaign")
        assert isinstance(step, CampaignStep)
        deck = hub.state.card_decks[step.card_deck].cards
        proposed = narrowed_cards(hub.state, step)
        assert 2 <= len(proposed) < len(deck)
        await pilot.press("x")
        await until(pilot, lambda: hub.state.steps["campaign"].cards == list(proposed))
        await settle(pilot)
        shown = screen_text(app)
        assert f"The vote is among {len(proposed)} of the deck's {len(deck)} cards." in shown
        assert f"Card 1/{len(proposed)}" in shown
        assert {card.id for card in view.cards()} == set(proposed)
        # Again: the whole deck.
        await pilot.press("x")
        await until(pilot, lambda: hub.state.steps["campaign"].cards is None)
        await settle(pilot)
        assert "The vote is among" not in screen_text(app)
        assert len(view.cards()) == len(hub.state.card_decks[step.card_deck].for_role("general"))


async def test_narrowing_after_a_vote_is_refused_as_other_refusals(make_app: MakeApp) -> None:
    workshop, cards = decks.load_workshop(decks.bundled_dir() / "stjarnklass-en.toml")
    app = make_app(workshop, cards)
    async with app.run_test(size=(120, 34)) as pilot:
        hub = app.hub
        steps = [s.id for s in hub.state.workshop.steps]
        await hub.execute(GoTo(steps.index("campaign"), hub.clock()))
        (pid,) = await join(hub, "Anna")
        step = hub.state.workshop.step("campaign")
        assert isinstance(step, CampaignStep)
        card = hub.state.card_decks[step.card_deck].cards[0].id
        await answer(hub, pid, "campaign", {"votes": {card: 1}})
        await _on_campaign(pilot, app)
        seen = record_notices(app)
        await pilot.press("x")
        await until(pilot, lambda: bool(seen))
        assert "the deck can be narrowed only before the vote" in seen[0]
        assert hub.state.steps["campaign"].cards is None


async def test_the_ladder_shows_proposals_merged_and_sorted_by_area(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await walk_to(app, "routines")
        hub = app.hub
        people = list(hub.state.participants)
        # The script's two proposals, then a near-duplicate and one that speaks to no area.
        await answer(
            hub, people[2], "routines", {"answers": [{"text": "Return the calls before lunch"}]}
        )
        await answer(hub, people[3], "routines", {"answers": [{"text": "Water the plants"}]})
        await pilot.press("right")
        await until(pilot, lambda: current_step(app) == "level")
        await settle(pilot)
        await pilot.press("a")
        await until(pilot, lambda: isinstance(app.screen, LadderScreen))
        await settle(pilot)
        greeting = screen_text(app)
        lines = greeting.splitlines()

        def after(heading: str, text: str) -> bool:
            starts = [i for i, line in enumerate(lines) if heading in line]
            return bool(starts) and text in lines[starts[0] + 1]

        assert after("Suggested for Greeting", "Say hello to everyone in the corridor")
        assert after("Not sorted", "Water the plants")
        assert after("Suggested for another area", "Return calls before lunch  ×2  → Availability")
        assert "Return the calls before lunch" not in greeting
        await pilot.press("right")
        await until(pilot, lambda: "Suggested for Availability" in screen_text(app))
        lines = screen_text(app).splitlines()
        assert after("Suggested for Availability", "Return calls before lunch  ×2")
        # Accepting the suggestion: the existing keys put it on the ladder.
        screen = app.screen
        assert isinstance(screen, LadderScreen)
        assert screen.shown[0] == "Return calls before lunch"
        screen.options.highlighted = screen.options.get_option_index("proposal-0")
        await pilot.press("enter")
        await until(pilot, lambda: "▸ put it here" in screen_text(app))
        await pilot.press("enter")
        ladders = hub.state.steps["level"].ladders
        await until(pilot, lambda: "Return calls before lunch" in ladders["calls"])


async def test_g_on_a_one_column_prompt_groups_its_answers_into_themes(
    make_app: MakeApp,
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 34)) as pilot:
        await walk_to(app, "routines")
        hub = app.hub
        people = list(hub.state.participants)
        for pid, text in zip(
            people[2:],
            ("Smile at every customer", "Smile at customers at the door", "Water the plants"),
            strict=True,
        ):
            await answer(hub, pid, "routines", {"answers": [{"text": text}]})
        await until(pilot, lambda: app.view is not None and app.view.ctx is not None)
        await settle(pilot)
        assert "Themes" not in screen_text(app)
        await pilot.press("g")
        await until(pilot, lambda: "Themes" in screen_text(app))
        lines = [line.strip() for line in screen_text(app).splitlines()]
        # The largest theme first, under its word, its answers beneath it.
        starts = [i for i, line in enumerate(lines) if line.startswith("smile · 2")]
        assert starts, "\n".join(lines)
        start = starts[0]
        beneath = " ".join(lines[start + 1 : start + 3])
        assert "Smile at every customer" in beneath
        assert "Smile at customers at the door" in beneath
        # `g` again: newest first.
        await pilot.press("g")
        await until(pilot, lambda: "Themes" not in screen_text(app))
