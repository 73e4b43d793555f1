"""The answer wall as the room sees it while answers keep arriving."""

from __future__ import annotations

import re

from tests.tui.conftest import MakeApp, answer, join, screen_text, settle
from workshop_tui.domain.commands import GoTo, SetRevealed
from workshop_tui.domain.results import step_results
from workshop_tui.tui.views.prompt import PromptView


async def test_the_newest_answers_stay_in_view_when_the_cursor_goes_down(
    make_app: MakeApp,
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 24)) as pilot:
        hub = app.hub
        people = await join(hub, *(f"P{i}" for i in range(80)))
        await hub.execute(GoTo(1, hub.clock()))
        await hub.execute(SetRevealed("ideas", True))
        for number, pid in enumerate(people):
            await answer(hub, pid, "ideas", {"answers": [{"text": f"Idea {number}"}]})
        await settle(pilot)
        assert "Idea 79" in screen_text(app)
        # The facilitator walks the cursor far down the wall, past what its columns hold...
        await pilot.press(*["down"] * 70)
        await settle(pilot)
        shown = screen_text(app)
        # ...and the newest answer is still at the top, the cursor's answer is shown too, and
        # the wall says how many answers are between them.
        assert "Idea 79" in shown
        assert "▶ Idea 9" in shown
        assert "more answers in between" in shown
        # A new answer arrives: it is on screen at once.
        (late,) = await join(hub, "Late")
        await answer(hub, late, "ideas", {"answers": [{"text": "Idea late"}]})
        await settle(pilot)
        assert "Idea late" in screen_text(app)


async def test_the_same_answer_from_several_people_is_one_item_with_a_count(
    make_app: MakeApp,
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        hub = app.hub
        people = await join(hub, "A", "B", "C", "D")
        await hub.execute(GoTo(1, hub.clock()))
        await hub.execute(SetRevealed("ideas", True))
        texts = ["The staff knew my name", "the staff  knew my name", "THE STAFF KNEW MY NAME"]
        for pid, text in zip(people, [*texts, "Fast answers"], strict=True):
            await answer(hub, pid, "ideas", {"answers": [{"text": text}]})
        await settle(pilot)
        shown = screen_text(app)
        assert shown.lower().count("the staff knew my name") == 1
        assert "×3" in shown and "Fast answers" in shown
        # Hiding the merged item hides every copy of it.
        await pilot.press("down", "h")
        await settle(pilot)
        moderation = hub.state.steps["ideas"].moderation
        assert sum(mark.hidden for mark in moderation.values()) == 3
        assert "knew my name" not in screen_text(app).lower()


async def test_word_counts_leave_out_filler_words_in_every_language(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        hub = app.hub
        people = await join(hub, "A", "B", "C")
        await hub.execute(GoTo(1, hub.clock()))
        await hub.execute(SetRevealed("ideas", True))
        texts = [
            "Personalen och kunden hälsar också, eftersom de ler mycket",
            "The staff smiled and they were very kind because they always are",
            "Henkilökunta tervehti aina ja hymyili, koska tuntui hyvältä",
        ]
        for pid, text in zip(people, texts, strict=True):
            await answer(hub, pid, "ideas", {"answers": [{"text": text}]})
        await settle(pilot)
        await pilot.press("w")
        await settle(pilot)
        lines = screen_text(app).splitlines()
        counted = lines[
            lines.index(next(line for line in lines if "Most common words" in line)) + 1 :
        ]
        words = {m.group(1) for line in counted if (m := re.match(r"(\w+?)\s*\d+$", line))}
        assert {"personalen", "staff", "henkilökunta"} <= words
        assert not words & {"och", "också", "eftersom", "mycket", "the", "very", "because"}
        assert not words & {"always", "they", "koska", "aina"}


async def test_an_answer_in_the_wrong_column_is_moved_by_the_facilitator(
    make_app: MakeApp,
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        hub = app.hub
        (pid,) = await join(hub, "A")
        await hub.execute(GoTo(1, hub.clock()))
        await hub.execute(SetRevealed("ideas", True))
        # Meant for "Good treatment is …", written under the first column.
        await answer(hub, pid, "ideas", {"answers": [{"text": "Being listened to", "column": 0}]})
        await settle(pilot)
        await pilot.press("g", "m")
        await settle(pilot)
        view = app.view
        assert isinstance(view, PromptView)
        (item,) = view.items()
        assert item.column == 1
        # What the phone sent is kept as it was; the wall shows the facilitator's column.
        stored = hub.state.steps["ideas"].current_answers[pid]["answers"][0]
        assert stored["column"] == 0
        assert screen_text(app).count("Being listened to") == 1


async def test_a_hidden_answer_leaves_the_rooms_wall_and_its_count_as_it_leaves_the_phones(
    make_app: MakeApp,
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        hub = app.hub
        people = await join(hub, "A", "B", "C", "D")
        await hub.execute(GoTo(1, hub.clock()))
        await hub.execute(SetRevealed("ideas", True))
        texts = ["Smile first", "smile  first", "Say our name", "Something rude"]
        for pid, text in zip(people, texts, strict=True):
            await answer(hub, pid, "ideas", {"answers": [{"text": text}]})
        await settle(pilot)
        assert "· 4 answers" in screen_text(app)
        # The cursor starts on the newest answer; the facilitator hides it...
        await pilot.press("h")
        await settle(pilot)
        # ...and while the cursor is on it, it is a placeholder the facilitator can show again.
        assert "(hidden answer)" in screen_text(app)
        await pilot.press("down")
        await settle(pilot)
        shown = screen_text(app)
        # Off the cursor it is gone from the wall, and the count is what the room can read.
        assert "(hidden answer)" not in shown and "Something rude" not in shown
        assert "· 3 answers" in shown and "×2" in shown
        phones = step_results(hub.state)
        assert phones is not None and phones["total"] == 3
        # Back up to it and the same key shows it again.
        await pilot.press("up", "h")
        await settle(pilot)
        assert "Something rude" in screen_text(app) and "· 4 answers" in screen_text(app)
