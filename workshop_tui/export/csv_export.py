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
    "moderation",
    "withheld",
)


def answers_csv(outcome: Outcome) -> str:
    """All answer rows; the `name` column only in an outcome with names. A ballot's rows
    (levels, fist of five) and withheld answers have an empty participant and time."""
    columns = [c for c in COLUMNS if outcome.names or c != "name"]
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
                "participant": csv_cell(row.participant or ""),
                "name": csv_cell(row.name or ""),
                "answered_at": row.answered_at or "",
                "item": csv_cell(row.item),
                "number": "" if row.number is None else row.number,
                "text": csv_cell(row.text),
                "moderation": row.moderation,
                "withheld": "yes" if row.withheld else "",
            }
            writer.writerow([values[c] for c in columns])
    return buffer.getvalue()
