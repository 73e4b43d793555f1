"""Every answer as one CSV row, safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import io

from workshop_tui.export.inert import csv_cell
from workshop_tui.export.outcome import Outcome

COLUMNS = (
    "step_number",
    "step_id",
    "kind",
    "step_title",
    "round",
    "participant",
    "name",
    "answered_at",
    "item",
    "number",
    "text",
    "hidden",
)


def answers_csv(outcome: Outcome) -> str:
    """All answer rows; the `name` column is left out of an anonymous outcome."""
    columns = [c for c in COLUMNS if not (outcome.anonymous and c == "name")]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    for step in outcome.steps:
        for row in step.rows:
            values = {
                "step_number": row.step_number,
                "step_id": csv_cell(row.step_id),
                "kind": row.kind,
                "step_title": csv_cell(row.step_title),
                "round": row.round,
                "participant": row.participant,
                "name": csv_cell(row.name or ""),
                "answered_at": row.answered_at or "",
                "item": csv_cell(row.item),
                "number": "" if row.number is None else row.number,
                "text": csv_cell(row.text),
                "hidden": "yes" if row.hidden else "",
            }
            writer.writerow([values[c] for c in columns])
    return buffer.getvalue()
