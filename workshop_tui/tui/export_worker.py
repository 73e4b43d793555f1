"""The projector's export key: every export format, written in a thread beside the session.

Exports read the session file (never the live state), which the hub keeps current with
everything acknowledged; rendering a PDF and a PNG takes long enough to freeze the projector if
it ran on the app's loop.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Any

from textual.app import App

from workshop_tui.catalogue import t


def start_export(app: App[Any], session: Path, language: str, names: bool) -> None:
    """Tell the facilitator the export started and write it in a worker thread."""
    app.notify(t(language, "export_started"), markup=False)
    # A renderer that fails must not take the session down with it (Textual's default).
    app.run_worker(
        partial(_export, app, session, language, names),
        group="export",
        exclusive=True,
        exit_on_error=False,
        thread=True,
    )


def _export(app: App[Any], session: Path, language: str, names: bool) -> None:
    # Imported here: the renderers (PDF, PNG) would otherwise delay the first QR code.
    from workshop_tui.export import FORMATS, export_formats, exports_folder

    folder = exports_folder(session)
    try:
        written = export_formats(session, FORMATS, folder, names=names)
    except Exception as exc:  # any renderer's failure is shown, and the session goes on
        failed = t(language, "export_failed", error=exc)
        app.call_from_thread(app.notify, failed, severity="error", markup=False)
        return
    files = ", ".join(path.name for path in written)
    done = t(language, "export_done", folder=folder, files=files)
    app.call_from_thread(app.notify, done, markup=False, timeout=20)
