"""`workshop-tui check` takes a bundled deck by its id, as `run` does and as the projector's
resize notice names it (`check --fit 120x34 followup-sv`), from any folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from workshop_tui.cli import main


def test_check_takes_a_bundled_deck_by_its_id_from_any_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--lang", "en", "followup-sv", "cards-fi"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "2 files OK"


def test_a_name_that_is_neither_a_file_nor_a_bundled_deck_is_no_such_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--lang", "en", "followup-xx"]) == 1
    assert "followup-xx: no such file" in capsys.readouterr().out
