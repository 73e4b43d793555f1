"""Participant text on the projector: literal, one line, and aligned; labels in every language."""

from __future__ import annotations

from rich.cells import cell_len

from workshop_tui.catalogue import t
from workshop_tui.tui.safe import clean, plain, truncate


def test_markup_is_never_parsed() -> None:
    assert plain("[red]x[/red] [link=http://evil]y[/link]").plain == (
        "[red]x[/red] [link=http://evil]y[/link]"
    )
    assert plain("[bold]x").spans == []


def test_escape_codes_and_control_characters_become_visible() -> None:
    assert clean("\x1b[2J\x1b]0;title\x07ok") == "␛[2J␛]0;title␇ok"
    assert clean("a\x00b\x7fc\x85d") == "a␀b␡c\ufffdd"
    assert clean("line one\nline two\r\n") == "line one line two"


def test_bidirectional_overrides_are_dropped() -> None:
    assert clean("abc\u202edcba\u202c") == "abcdcba"


def test_fit_counts_cells_not_characters() -> None:
    assert truncate("お客様です", 6) == "お客…"
    assert cell_len(truncate("🙂🙂🙂🙂", 5)) <= 5
    assert truncate("short", 10) == "short"
    assert truncate("anything", 0) == ""


def test_unknown_language_falls_back_to_english() -> None:
    assert t("de", "key_next") == "Next"
    assert t("fi", "joined", count=3) == "3 liittynyttä"
