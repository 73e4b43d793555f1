"""A text that tells the facilitator to press a letter names it as it is bound: `r`, not `R`
(a capital is Shift and the letter, and the projector binds only a few capitals)."""

from __future__ import annotations

import re

import pytest
from textual.binding import Binding

from workshop_tui.catalogue import catalogue
from workshop_tui.tui.confirm import QuitScreen
from workshop_tui.tui.keys import KEYMAP
from workshop_tui.tui.ladder_screen import LadderScreen

# "Press r", "tryck v", "trycker b", "paina m", "painat b", "painamalla o": the verb, then a
# single letter on its own.
PRESS = re.compile(r"\b(?:press|tryck|trycker|paina|painat|painamalla)\s+([A-Za-z])\b", re.I)


def bound_letters() -> set[str]:
    """Every single-letter key of the projector, its ladder screen and its quit dialog."""
    keys = [k for key in KEYMAP for k in key.keys.split(",")]
    for screen in (LadderScreen, QuitScreen):
        for binding in screen.BINDINGS:
            assert isinstance(binding, Binding)
            keys += binding.key.split(",")
    return {k for k in keys if len(k) == 1}


@pytest.mark.parametrize("language", ["sv", "en", "fi"])
def test_every_key_a_text_asks_for_is_bound_as_written(language: str) -> None:
    letters = bound_letters()
    asked = []
    for key, text in catalogue(language).texts.items():
        for string in [text] if isinstance(text, str) else text:
            asked += [(key, letter) for letter in PRESS.findall(string)]
    assert ("results_hidden", "r") in asked
    assert [(key, letter) for key, letter in asked if letter not in letters] == []
