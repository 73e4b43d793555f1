"""The session store: atomic, durable, resumable, and careful with files it does not understand."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workshop_tui.domain.commands import (
    Answer,
    Command,
    GoTo,
    Join,
    LockLevels,
    NewRound,
    SetLocked,
    SetRevealed,
    TimerControl,
    to_dict,
)
from workshop_tui.domain.deck import CardDeck, Workshop
from workshop_tui.domain.rules import apply
from workshop_tui.domain.state import snapshot
from workshop_tui.domain.verdict import Refused
from workshop_tui.session.rebuild import replay, state_from_meta
from workshop_tui.session.store import SessionStore, StoreError

Mini = tuple[Workshop, dict[str, CardDeck]]


def meta(mini: Mini) -> dict[str, Any]:
    workshop, card_decks = mini
    return {
        "room": "ABCD",
        "created": "2026-01-01T00:00:00",
        "workshop": workshop.model_dump(mode="json"),
        "card_decks": {k: v.model_dump(mode="json") for k, v in card_decks.items()},
    }


def new_store(mini: Mini, folder: Path) -> SessionStore:
    return SessionStore.create(folder, "s.json", meta(mini))


payloads = st.one_of(
    st.builds(lambda t: {"answers": [{"text": t}]}, st.text(max_size=90)),
    st.builds(lambda i: {"options": [i]}, st.integers(-1, 3)),
    st.builds(
        lambda r: {"ratings": r},
        st.lists(st.one_of(st.none(), st.integers(0, 6)), min_size=3, max_size=3),
    ),
    st.builds(lambda n: {"dots": {"0": n}}, st.integers(0, 4)),
    st.builds(
        lambda a, b: {"rungs": {"greeting": a, "calls": b}}, st.integers(-1, 2), st.integers(-1, 1)
    ),
    st.builds(lambda f: {"fist": f}, st.integers(0, 6)),
    st.builds(lambda n: {"votes": {"greeting": n}}, st.integers(0, 4)),
)
step_ids = st.sampled_from(
    ["lobby", "ideas", "scenario", "areas", "dots", "routines", "level", "fist", "campaign", "end"]
)
participants = st.sampled_from(["p1", "p2", "p3"])
commands: st.SearchStrategy[Command] = st.one_of(
    st.builds(lambda p: Join(p, f"h{p}", f"Name {p}", 1.0), participants),
    st.builds(lambda i: GoTo(i, 2.0), st.integers(0, 10)),
    st.builds(
        lambda p, s, pl, k: Answer(p, s, pl, f"k{k}", 3.0),
        participants,
        step_ids,
        payloads,
        st.integers(0, 30),
    ),
    st.builds(SetLocked, step_ids, st.booleans()),
    st.builds(SetRevealed, step_ids, st.booleans()),
    st.builds(
        lambda s, a: TimerControl(s, a, 5.0, 60),
        step_ids,
        st.sampled_from(["start", "pause", "add"]),
    ),
    st.builds(NewRound, st.sampled_from(["level", "fist"])),
    st.builds(LockLevels, st.just("level")),
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.tuples(commands, st.booleans()), max_size=60), st.booleans())
def test_resume_rebuilds_exactly_the_acknowledged_state(
    mini: Mini, script: list[tuple[Command, bool]], close_cleanly: bool
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        store = new_store(mini, Path(folder))
        state = state_from_meta(store.meta)
        batch: list[dict[str, Any]] = []
        for command, end_batch in script:
            try:
                apply(state, command)
            except Refused:
                continue
            batch.append(to_dict(command))
            if end_batch:
                store.append(batch)
                batch = []
        store.append(batch)
        if close_cleanly:
            store.close()
        else:
            # A crash: the journal is on disk, no checkpoint was written, the lock dies with us.
            store._lock.close()
        reopened = SessionStore.open(Path(folder) / "s.json")
        assert snapshot(replay(reopened.meta, reopened.commands)) == snapshot(state)
        reopened.close()


def test_commands_stay_durable_across_many_checkpoints(mini: Mini, tmp_path: Path) -> None:
    store = new_store(mini, tmp_path)
    joins = [to_dict(Join(f"p{i}", f"h{i}", f"N{i}", 1.0)) for i in range(2500)]
    for start in range(0, 2500, 7):
        store.append(joins[start : start + 7])
    store._lock.close()
    reopened = SessionStore.open(tmp_path / "s.json")
    assert reopened.commands == joins
    reopened.close()


def test_a_torn_last_journal_line_is_dropped_and_the_rest_kept(mini: Mini, tmp_path: Path) -> None:
    store = new_store(mini, tmp_path)
    store.append([to_dict(Join("p1", "h1", "Ann", 1.0))])
    store.append([to_dict(Join("p2", "h2", "Bo", 1.0))])
    store._lock.close()
    wal = tmp_path / "s.json.wal"
    wal.write_bytes(wal.read_bytes()[:-9])
    reopened = SessionStore.open(tmp_path / "s.json")
    assert [c["participant_id"] for c in reopened.commands] == ["p1"]
    reopened.append([to_dict(Join("p3", "h3", "Cy", 1.0))])
    reopened.close()
    again = SessionStore.open(tmp_path / "s.json")
    assert [c["participant_id"] for c in again.commands] == ["p1", "p3"]
    again.close()


def test_damage_inside_the_journal_is_reported_and_left_alone(mini: Mini, tmp_path: Path) -> None:
    store = new_store(mini, tmp_path)
    for i in range(3):
        store.append([to_dict(Join(f"p{i}", f"h{i}", "Ann", 1.0))])
    store._lock.close()
    wal = tmp_path / "s.json.wal"
    damaged = wal.read_bytes().replace(b"p1", b"pX", 1)
    wal.write_bytes(damaged)
    with pytest.raises(StoreError, match="damaged at line 2"):
        SessionStore.open(tmp_path / "s.json")
    assert wal.read_bytes() == damaged


def test_a_corrupt_session_file_gives_a_clear_error_and_is_not_overwritten(
    tmp_path: Path,
) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"meta": {"1": {"format": "workshop-tui-sess')
    with pytest.raises(StoreError, match="not a readable session file"):
        SessionStore.open(path)
    assert path.read_text() == '{"meta": {"1": {"format": "workshop-tui-sess'


def test_a_foreign_json_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.json"
    path.write_text(json.dumps({"_default": {"1": {"hello": "world"}}}))
    with pytest.raises(StoreError, match="not a workshop-tui session file"):
        SessionStore.open(path)


def test_a_second_app_on_the_same_session_is_refused(mini: Mini, tmp_path: Path) -> None:
    store = new_store(mini, tmp_path)
    with pytest.raises(StoreError, match="already open in another workshop-tui"):
        SessionStore.open(tmp_path / "s.json")
    store.close()
    SessionStore.open(tmp_path / "s.json").close()


def test_the_database_file_is_replaced_whole_never_rewritten_in_place(
    mini: Mini, tmp_path: Path
) -> None:
    store = new_store(mini, tmp_path)
    inode = (tmp_path / "s.json").stat().st_ino
    store.append([to_dict(Join("p1", "h1", "Ann", 1.0))])
    store.checkpoint()
    assert (tmp_path / "s.json").stat().st_ino != inode
    assert not (tmp_path / "s.json.tmp").exists()
    assert (tmp_path / "s.json.wal").stat().st_size == 0
    store.close()


def test_a_failed_write_stores_nothing_of_the_batch(
    mini: Mini, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = new_store(mini, tmp_path)
    store.append([to_dict(Join("p1", "h1", "Ann", 1.0))])

    def disk_full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("workshop_tui.session.store.os.fsync", disk_full)
    with pytest.raises(StoreError, match="No space left on device"):
        store.append([to_dict(Join("p2", "h2", "Bo", 1.0))])
    monkeypatch.undo()
    assert [c["participant_id"] for c in store.commands] == ["p1"]
    store._lock.close()
    reopened = SessionStore.open(tmp_path / "s.json")
    assert [c["participant_id"] for c in reopened.commands] == ["p1"]
    reopened.close()


def test_an_unwritable_sessions_folder_is_reported(mini: Mini, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    with pytest.raises(StoreError, match="--sessions-dir"):
        SessionStore.create(blocker / "sessions", "s.json", meta(mini))
