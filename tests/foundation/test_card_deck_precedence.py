"""A card deck beside the workshop wins over the bundled one of the same id, wherever the
folders are: a facilitator's own edited deck must not lose to the bundled copy because of
how its folder's name sorts."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from workshop_tui.decks import reading


@pytest.mark.parametrize("own", ["a-own", "z-own"])
def test_the_deck_beside_the_workshop_wins_whatever_its_folder_is_called(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, own: str
) -> None:
    bundled = reading.bundled_dir()
    copy = tmp_path / "m-bundled"
    copy.mkdir()
    for name in ("stjarnklass-en", "cards-en"):
        shutil.copy(bundled / f"{name}.toml", copy / f"{name}.toml")
    monkeypatch.setattr(reading, "bundled_dir", lambda: copy)
    folder = tmp_path / own
    folder.mkdir()
    shutil.copy(copy / "stjarnklass-en.toml", folder / "stjarnklass-en.toml")
    text = (copy / "cards-en.toml").read_text(encoding="utf-8")
    title = 'title = "The campaign deck"'
    assert title in text
    (folder / "cards-en.toml").write_text(
        text.replace(title, 'title = "Our own deck"', 1), encoding="utf-8"
    )
    _, card_decks = reading.load_workshop(folder / "stjarnklass-en.toml")
    assert card_decks["cards-en"].deck.title == "Our own deck"
