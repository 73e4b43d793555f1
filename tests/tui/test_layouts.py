"""At 80×24 (a facilitator's zoomed-in font) the text the group decides on is on the projector
in full, wrapped, never cut with "…"; whatever does not fit is reported in `view.cut` and the
screen says "more"."""

from __future__ import annotations

import html
import re
from typing import Any

import pytest

from tests.tui.conftest import MakeApp, answer, join, screen_text, settle, walk_to
from workshop_tui.domain.commands import GoTo, SetRevealed
from workshop_tui.domain.deck import CardDeck, LevelsStep, Workshop
from workshop_tui.tui.app import ProjectorApp

SMALL = (80, 24)
WORDS = ("customers", "notice", "when", "we", "greet", "them", "by", "name", "and", "answer")


def sentence(length: int, seed: int = 0) -> str:
    """Words (no ellipsis, no repeats at the start) up to `length` characters."""
    words = [f"{WORDS[(seed + n) % len(WORDS)]}{n}" for n in range(length)]
    out = ""
    for word in words:
        if len(out) + len(word) + 1 > length:
            break
        out = f"{out} {word}".strip()
    return out


def flat(text: str) -> str:
    """The screen's words in order, panel borders and line breaks left out."""
    return " ".join(text.replace("│", " ").replace("▪", " ").replace("•", " ").split())


def in_full(text: str, app: ProjectorApp) -> bool:
    """Whether every word of `text` is on the screen in order, whatever is drawn between (the
    bars and figures beside a wrapped label)."""
    # Each run of one style on its own, so a label's last word and the figure beside it stay
    # two words.
    runs = re.findall(
        r'clip-path="url\(#terminal-\d+-line-\d+\)">(.*?)</text>', app.export_screenshot()
    )
    shown = iter(re.findall(r"\w+", " ".join(html.unescape(run) for run in runs)))
    return all(word in shown for word in re.findall(r"\w+", text))


def step_with(workshop: Workshop, step_id: str, **changes: Any) -> Workshop:
    steps = [s.model_copy(update=changes) if s.id == step_id else s for s in workshop.steps]
    return workshop.model_copy(update={"steps": steps})


async def show(app: ProjectorApp, step_id: str, payloads: list[dict[str, Any]]) -> None:
    """Go to `step_id` with its results revealed and `payloads` answered, one per person."""
    hub = app.hub
    people = await join(hub, *(f"P{n}" for n in range(len(payloads))))
    index = [s.id for s in hub.state.workshop.steps].index(step_id)
    await hub.execute(GoTo(index, hub.clock()))
    await hub.execute(SetRevealed(step_id, True))
    for pid, payload in zip(people, payloads, strict=True):
        await answer(hub, pid, step_id, payload)


def shown_in_full_or_said(app: ProjectorApp, text: str) -> None:
    screen = screen_text(app)
    assert "…" not in screen.replace("Good service is …", "").replace("Good treatment is …", "")
    if not in_full(text, app):
        assert app.view is not None and app.view.cut, "left out without saying so"
        assert "more" in screen or "goes on" in screen


async def test_a_long_answer_is_on_the_wall_in_full(
    make_app: MakeApp, mini: tuple[Workshop, dict[str, CardDeck]]
) -> None:
    long = sentence(400)
    app = make_app(step_with(mini[0], "ideas", max_length=1000))
    async with app.run_test(size=SMALL) as pilot:
        await show(app, "ideas", [{"answers": [{"text": long, "column": 0}]}])
        await settle(pilot)
        assert flat(long) in flat(screen_text(app))

        assert app.view is not None and app.view.cut == ()


async def test_a_full_wall_says_how_many_answers_are_not_on_it(
    make_app: MakeApp, mini: tuple[Workshop, dict[str, CardDeck]]
) -> None:
    texts = [f"Idea {n} {sentence(140, n)}" for n in range(60)]
    app = make_app(step_with(mini[0], "ideas", max_length=200))
    async with app.run_test(size=SMALL) as pilot:
        await show(app, "ideas", [{"answers": [{"text": text, "column": 0}]} for text in texts])
        await settle(pilot)
        assert app.view is not None
        (cut,) = app.view.cut
        count = int(cut.split()[0])
        assert cut == f"{count} answers on the wall" and 40 < count < 60
        # The rest of the wall is counted on screen, not cut: a full room always writes more.
        assert app.view.counted == (cut,)
        assert f"▼ {count} more answers" in screen_text(app)
        # Every answer that is on the wall is there in full, the newest first.
        shown = [text for text in reversed(texts) if in_full(text, app)]
        assert shown == texts[::-1][: 60 - count]


async def test_long_options_of_a_choice_wrap_instead_of_being_cut(
    make_app: MakeApp, mini: tuple[Workshop, dict[str, CardDeck]]
) -> None:
    options = [sentence(90, n) for n in range(4)]
    question = sentence(300, 7)
    app = make_app(step_with(mini[0], "scenario", options=options, question=question))
    async with app.run_test(size=SMALL) as pilot:
        await show(app, "scenario", [{"options": [n % 4]} for n in range(10)])
        await settle(pilot)
        for option in options:
            shown_in_full_or_said(app, option)
        assert flat(question) in flat(screen_text(app))

        assert app.view is not None and app.view.cut == ()


async def test_a_question_too_long_for_the_screen_says_it_goes_on(
    make_app: MakeApp, mini: tuple[Workshop, dict[str, CardDeck]]
) -> None:
    app = make_app(step_with(mini[0], "scenario", question=sentence(3000)))
    async with app.run_test(size=SMALL) as pilot:
        await show(app, "scenario", [{"options": [0]}])
        await settle(pilot)
        assert app.view is not None and app.view.cut == ("the question",)
        assert "▼ the question goes on" in screen_text(app)


async def test_long_vote_options_wrap_instead_of_being_cut(
    make_app: MakeApp, mini: tuple[Workshop, dict[str, CardDeck]]
) -> None:
    options = [sentence(90, n) for n in range(4)]
    app = make_app(step_with(mini[0], "dots", options=options, options_from=None))
    async with app.run_test(size=SMALL) as pilot:
        await show(app, "dots", [{"dots": {str(n % 4): 3}} for n in range(8)])
        await settle(pilot)
        for option in options:
            shown_in_full_or_said(app, option)

        assert app.view is not None and app.view.cut == ()


async def test_a_vote_with_more_options_than_fit_counts_the_rest(
    make_app: MakeApp, mini: tuple[Workshop, dict[str, CardDeck]]
) -> None:
    options = [sentence(90, n) for n in range(30)]
    app = make_app(step_with(mini[0], "dots", options=options, options_from=None))
    async with app.run_test(size=SMALL) as pilot:
        await show(app, "dots", [{"dots": {str(n): 3}} for n in range(30)])
        await settle(pilot)
        assert app.view is not None
        (cut,) = app.view.cut
        left = int(cut.split()[0])
        assert cut == f"{left} options" and f"▼ {left} more" in screen_text(app)
        # The deck's own options, not the group's: the deck does not fit this screen.
        assert app.view.counted == ()


async def test_long_scale_items_are_named_in_full(
    make_app: MakeApp, mini: tuple[Workshop, dict[str, CardDeck]]
) -> None:
    items = [sentence(150, n) for n in range(3)]
    app = make_app(step_with(mini[0], "areas", items=items))
    async with app.run_test(size=SMALL) as pilot:
        await show(app, "areas", [{"ratings": [n % 5 + 1] * 3} for n in range(10)])
        await settle(pilot)
        for item in items:
            assert in_full(item, app)

        assert app.view is not None and app.view.cut == ()


@pytest.mark.parametrize("length", [300, 3000])
async def test_a_long_campaign_card_is_shown_in_full_or_says_more(
    make_app: MakeApp, mini: tuple[Workshop, dict[str, CardDeck]], length: int
) -> None:
    workshop, card_decks = mini
    deck = card_decks["mini-cards"]
    first = deck.cards[0].model_copy(update={"do": sentence(length, 1)})
    app = make_app(workshop, {"mini-cards": deck.model_copy(update={"cards": [first]})})
    async with app.run_test(size=SMALL) as pilot:
        await join(app.hub, "A")
        index = [s.id for s in workshop.steps].index("campaign")
        await app.hub.execute(GoTo(index, app.hub.clock()))
        await settle(pilot)
        assert app.view is not None
        if length == 300:
            assert flat(first.do) in flat(screen_text(app)) and app.view.cut == ()
        else:
            assert app.view.cut == ("text of “Greeting contest”",)
            assert "▼ more" in screen_text(app)


async def test_reasons_below_the_threshold_wrap_in_full(make_app: MakeApp) -> None:
    reason = sentence(180, 4)
    app = make_app()
    async with app.run_test(size=(80, 34)) as pilot:
        await walk_to(app, "fist")
        people = list(app.hub.state.participants)
        await answer(app.hub, people[0], "fist", {"fist": 1, "reason": reason})
        await settle(pilot)
        assert flat(reason) in flat(screen_text(app))

        assert app.view is not None and app.view.cut == ()


async def test_what_changed_wraps_in_full_and_counts_what_does_not_fit(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await walk_to(app, "followup")
        people = list(app.hub.state.participants)
        said = sentence(300, 5)
        await answer(app.hub, people[0], "followup", {"reached": "yes", "changed": said})
        await settle(pilot)
        assert flat(said) in flat(screen_text(app))
        for n, pid in enumerate(people[1:]):
            await answer(app.hub, pid, "followup", {"reached": "no", "changed": sentence(400, n)})
        await settle(pilot)
        assert app.view is not None
        (cut,) = app.view.cut
        left = int(cut.split()[0])
        assert 0 < left < 5 and cut.endswith(" answers about what changed")
        assert f"▼ {left} more" in screen_text(app)


async def test_the_service_card_says_more_when_it_does_not_fit(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 12)) as pilot:
        await walk_to(app, "end")
        await settle(pilot)
        assert app.view is not None
        assert app.view.cut == ("text of “Our service card”",)
        assert "▼ more" in screen_text(app)


def many_areas(workshop: Workshop) -> Workshop:
    """`workshop` with twelve areas, two lines each: more than a screen of 80×24 holds. The
    last is named "Area9"."""
    step = workshop.step("level")
    assert isinstance(step, LevelsStep)
    more = [
        step.areas[1].model_copy(update={"id": f"a{n}", "name": f"Area{n} {sentence(70, n)}"})
        for n in range(10)
    ]
    return step_with(workshop, "level", areas=[*step.areas, *more])


async def test_an_area_of_the_service_card_that_does_not_fit_is_on_the_next_page(
    make_app: MakeApp, mini: tuple[Workshop, dict[str, CardDeck]]
) -> None:
    workshop, card_decks = mini
    app = make_app(many_areas(workshop), card_decks)
    async with app.run_test(size=SMALL) as pilot:
        await walk_to(app, "end")
        await settle(pilot)
        assert "Area9" not in screen_text(app)
        assert "more areas (↓)" in screen_text(app)
        # Whole areas a key away are not left out: the pre-flight check does not report them.
        assert app.view is not None and app.view.cut == ()
        await pilot.press("down")
        await settle(pilot)
        assert "Area9" in screen_text(app)
        assert "areas above (↑)" in screen_text(app)


async def test_the_levels_being_confirmed_page_with_the_arrows(
    make_app: MakeApp, mini: tuple[Workshop, dict[str, CardDeck]]
) -> None:
    workshop, card_decks = mini
    app = make_app(many_areas(workshop), card_decks)
    async with app.run_test(size=SMALL) as pilot:
        await walk_to(app, "fist")
        await settle(pilot)
        assert "Area9" not in screen_text(app)
        assert "more areas (↓)" in screen_text(app)
        assert app.view is not None and app.view.cut == ()
        # A page at a time, each of whole areas, down to the last.
        for _ in range(12):
            if "Area9" in screen_text(app):
                break
            await pilot.press("down")
            await settle(pilot)
        assert "Area9" in screen_text(app)
        assert "areas above (↑)" in screen_text(app)
