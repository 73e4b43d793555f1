"""The quit dialog says which keys answer it, and they do what it says."""

from __future__ import annotations

import pytest

from tests.tui.conftest import MakeApp, screen_text, settle
from workshop_tui.catalogue import t
from workshop_tui.tui.confirm import QuitScreen


@pytest.mark.parametrize("language", ["sv", "en", "fi"])
def test_the_quit_dialog_names_its_keys_in_every_language(language: str) -> None:
    text = t(language, "quit_keys")
    assert text.startswith("y ")
    for key in (" n/Esc ", " Tab/Shift-Tab ", " ⏎ "):
        assert key in text, (language, key)


async def test_the_quit_dialog_shows_its_keys(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 34)) as pilot:
        await settle(pilot)
        await pilot.press("q")
        await settle(pilot)
        assert isinstance(app.screen, QuitScreen)
        shown = " ".join(screen_text(app).split())
        assert "y quit · n/Esc stay · Tab/Shift-Tab other button · ⏎ press" in shown, shown
        await pilot.press("n")
        await settle(pilot)
        assert not isinstance(app.screen, QuitScreen) and app.is_running


@pytest.mark.parametrize("keys", [("y",), ("shift+tab", "enter")])
async def test_y_or_enter_on_yes_quits(make_app: MakeApp, keys: tuple[str, ...]) -> None:
    app = make_app()
    async with app.run_test(size=(120, 34)) as pilot:
        await settle(pilot)
        await pilot.press("q")
        await settle(pilot)
        await pilot.press(*keys)
        await pilot.pause()
        assert not app.is_running
