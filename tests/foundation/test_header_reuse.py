"""Reading many sessions: each distinct workshop and card deck is validated once (`Headers`),
never letting through a header that strict validation refuses, and a session file is parsed
once however many tables it holds."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from workshop_tui import decks
from workshop_tui.session import store
from workshop_tui.session.rebuild import Headers, state_from_meta


def _header() -> dict[str, Any]:
    workshop, card_decks = decks.load_workshop(decks.bundled_dir() / "stjarnklass-sv.toml")
    return {
        "workshop": workshop.model_dump(mode="json"),
        "card_decks": {k: d.model_dump(mode="json") for k, d in card_decks.items()},
        "room": "ABCD",
    }


def test_sessions_of_one_workshop_share_what_was_validated_and_read_the_same() -> None:
    headers = Headers()
    first = state_from_meta(_header(), headers)
    second = state_from_meta(_header(), headers)  # equal data, parsed apart
    alone = state_from_meta(_header())
    assert second.workshop is first.workshop
    assert second.card_decks == first.card_decks
    assert all(second.card_decks[k] is d for k, d in first.card_decks.items())
    assert alone.workshop is not first.workshop
    assert alone.workshop == first.workshop and alone.card_decks == first.card_decks


def test_a_header_python_finds_equal_but_strict_validation_refuses_is_not_reused() -> None:
    headers = Headers()
    meta = _header()
    state_from_meta(meta, headers)
    foreign = copy.deepcopy(meta)
    deck = next(iter(foreign["card_decks"].values()))
    deck["cards"][0]["weeks"] = float(deck["cards"][0]["weeks"])  # 4.0 == 4, but not an int
    assert foreign == meta
    with pytest.raises(ValidationError):
        state_from_meta(foreign, headers)


def test_only_the_most_recently_used_are_kept() -> None:
    headers = Headers(size=2)
    meta = _header()
    workshop = headers.workshop(meta["workshop"])
    [deck] = meta["card_decks"].values()
    headers.card_deck(deck)
    other = copy.deepcopy(meta["workshop"])
    other["workshop"]["title"] = "En annan"
    headers.workshop(other)  # the third: the least recently used, the first workshop, goes
    assert headers.workshop(meta["workshop"]) is not workshop


def test_a_session_file_is_parsed_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "s.json"
    held = store.SessionStore.create(tmp_path, path.name, {"room": "ABCD"})
    held.append([{"type": "x"}])
    held.close()
    reads: list[Path] = []
    original = store.AtomicJSONStorage.read

    def counted(self: store.AtomicJSONStorage) -> dict[str, dict[str, Any]] | None:
        reads.append(self.path)
        return original(self)

    monkeypatch.setattr(store.AtomicJSONStorage, "read", counted)
    meta, commands = store.read_session(path)
    assert (meta["room"], commands) == ("ABCD", [{"type": "x"}])
    assert reads == [path]
