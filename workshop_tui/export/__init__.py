"""Exports of a session: the service card (HTML sheet, PDF, PNG), the outcome (Markdown, JSON)
and every answer (CSV). Exports only read the session's files, so they work while it runs."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from typing import cast

from workshop_tui.export.outcome import Outcome, build_outcome
from workshop_tui.export.source import load_session

# format -> (file name suffix, module, renderer). Renderers are imported when used: the PDF and
# PNG ones pull in fpdf2 and Pillow, seconds of start-up the projector and the CLI don't need.
# Text is written as UTF-8, the CSV with a byte-order mark because spreadsheets otherwise guess
# a legacy encoding and garble å, ä and ö.
_FORMATS: dict[str, tuple[str, str, str]] = {
    "card": ("-card.html", "card_html", "card_html"),
    "pdf": ("-card.pdf", "card_pdf", "card_pdf"),
    "png": ("-card.png", "card_png", "card_png"),
    "md": ("-outcome.md", "markdown", "outcome_markdown"),
    "json": ("-outcome.json", "json_export", "outcome_json"),
    "csv": ("-answers.csv", "csv_export", "answers_csv"),
}
FORMATS = tuple(_FORMATS)


def export_session(
    path: Path, fmt: str, out_dir: Path | None = None, anonymous: bool = False
) -> list[Path]:
    """Write one export of the session file `path` into `out_dir` (default: the current
    folder) and return the files written. `fmt` is one of FORMATS; raises ValueError for
    another, and `workshop_tui.store.StoreError` for a session that cannot be read."""
    if fmt not in _FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    outcome = build_outcome(load_session(path), anonymous=anonymous)
    suffix, module, function = _FORMATS[fmt]
    render = cast(
        Callable[[Outcome], str | bytes],
        getattr(importlib.import_module(f"workshop_tui.export.{module}"), function),
    )
    folder = Path.cwd() if out_dir is None else out_dir
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{path.stem}{suffix}"
    content = render(outcome)
    if isinstance(content, bytes):
        target.write_bytes(content)
    else:
        target.write_text(content, encoding="utf-8-sig" if fmt == "csv" else "utf-8")
    return [target]
