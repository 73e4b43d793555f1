"""Every bundled workshop passes the pre-flight check on an 80x24 projector (issue 24): the
README's own example `workshop-tui check --fit 80x24 decks/stjarnklass-sv.toml` among them. The
workshops are found as `workshop-tui decks` lists them, and checked by the real command; a
step shown in pages is looked at on each page."""

from __future__ import annotations

from pathlib import Path

import pytest

from workshop_tui import decks
from workshop_tui.cli import main
from workshop_tui.tui.fit import check
from workshop_tui.tui.fit.misfits import Projector
from workshop_tui.tui.fit.screen_size import Size
from workshop_tui.tui.views.paging import Pager

WORKSHOPS = [deck.path for deck in decks.bundled() if deck.kind == "workshop"]


def test_the_bundled_workshops_are_found() -> None:
    names = {path.name for path in WORKSHOPS}
    assert {"stjarnklass-sv.toml", "followup-fi.toml"} <= names


@pytest.mark.slow
@pytest.mark.parametrize("path", WORKSHOPS, ids=lambda path: path.stem)
def test_a_bundled_workshop_fits_80x24(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["check", "--fit", "80x24", "--lang", "en", str(path)])
    assert status == 0, capsys.readouterr().out


def test_the_check_looks_at_every_page_of_a_step_shown_in_pages(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def page_seen(app: Projector, language: str) -> list[str]:
        # Each page a paged view shows, as if it left something out there.
        pager = getattr(app.view, "pager", None)
        return [f"page {pager.number}/{pager.count}"] if isinstance(pager, Pager) else []

    monkeypatch.setattr(check, "misfits", page_seen)
    workshop = decks.load_workshop(decks.bundled_dir() / "stjarnklass-en.toml")
    seen = {
        (misfit.step.kind, misfit.what) for misfit in check.check_fit(*workshop, Size(80, 24), "en")
    }
    # The longest card and the rated items take two pages at 80x24: both are looked at.
    assert {("campaign", "page 2/2"), ("scale", "page 2/2")} <= seen
