"""Exports of a session: the service card (HTML sheet, PDF, PNG), the outcome (Markdown, JSON),
every answer (CSV) and the campaign's calendar (iCalendar). Exports only read the session's
files, so they work while it runs."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, cast

from workshop_tui.domain.state import SessionState
from workshop_tui.export.outcome import NamesNotAnnounced, Outcome, build_outcome
from workshop_tui.export.source import load_session, session_from_state

# format -> (file name suffix, module, renderer). Renderers are imported when used: the PDF and
# PNG ones pull in fpdf2 and Pillow, seconds of start-up the projector and the CLI don't need.
# Text is written as UTF-8, the CSV with a byte-order mark because spreadsheets otherwise guess
# a legacy encoding and garble å, ä and ö.
_FORMATS: dict[str, tuple[str, str, str]] = {
    "card": ("-card.html", "pocket_html", "pocket_html"),
    "pdf": ("-card.pdf", "pocket_pdf", "pocket_pdf"),
    "png": ("-card.png", "pocket_png", "pocket_png"),
    "md": ("-outcome.md", "markdown", "outcome_markdown"),
    "json": ("-outcome.json", "json_export", "outcome_json"),
    "csv": ("-answers.csv", "csv_export", "answers_csv"),
    "ics": ("-campaign.ics", "calendar", "outcome_ics"),
}
FORMATS = tuple(_FORMATS)
__all__ = [
    "FORMATS",
    "NamesNotAnnounced",
    "export_formats",
    "export_session",
    "exports_folder",
    "live_outcome",
    "render",
]


def exports_folder(session: Path) -> Path:
    """Where a session's exports land unless told otherwise: `exports/` beside the folder of
    the session file (`sessions/x.json` -> `exports/`), the same for the projector's `e` and
    `workshop-tui export`, so the facilitator finds them in one place next to the sessions."""
    return session.parent.parent / "exports"


def render(outcome: Outcome, fmt: str) -> str | bytes | None:
    """One export of an outcome: text for card, md, json and csv, bytes for pdf, png and ics;
    None when the outcome has nothing for the format (a calendar without a campaign)."""
    if fmt not in _FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    _, module, function = _FORMATS[fmt]
    renderer = cast(
        Callable[[Outcome], str | bytes | None],
        getattr(importlib.import_module(f"workshop_tui.export.{module}"), function),
    )
    return renderer(outcome)


def export_session(
    path: Path,
    fmt: str,
    out_dir: Path | None = None,
    names: bool = False,
    include_hidden: bool = False,
) -> list[Path]:
    """Write one export of the session file `path` into `out_dir` (default: `exports_folder`)
    and return the files written. `fmt` is one of FORMATS; raises ValueError for another,
    NamesNotAnnounced for `names` from a session that promised anonymity, and
    `workshop_tui.session.store.StoreError` for a session that cannot be read."""
    return export_formats(path, (fmt,), out_dir, names, include_hidden)


def export_formats(
    path: Path,
    formats: Sequence[str],
    out_dir: Path | None = None,
    names: bool = False,
    include_hidden: bool = False,
) -> list[Path]:
    """Write several exports of the session file `path` (read once) into `out_dir` and
    return the files written, in the order of `formats`; a format with nothing to write (the
    calendar of a session without a campaign) writes no file. Without `names` participants are
    pseudonyms; without `include_hidden` answers the facilitator hid are only counted."""
    unknown = [fmt for fmt in formats if fmt not in _FORMATS]
    if unknown:
        raise ValueError(
            f"unknown export format {unknown[0]!r}; choose one of {', '.join(FORMATS)}"
        )
    outcome = build_outcome(load_session(path), names=names, include_hidden=include_hidden)
    folder = exports_folder(path) if out_dir is None else out_dir
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for fmt in formats:
        target = folder / f"{path.stem}{_FORMATS[fmt][0]}"
        content = render(outcome, fmt)
        if content is None:
            continue
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8-sig" if fmt == "csv" else "utf-8")
        written.append(target)
    return written


def live_outcome(path: Path, meta: dict[str, Any], state: SessionState) -> Outcome:
    """The outcome of a running session from its state in memory (the hub's), without
    reading its file: what the phones' card is drawn from, so it names nobody."""
    return build_outcome(session_from_state(path, meta, state))
