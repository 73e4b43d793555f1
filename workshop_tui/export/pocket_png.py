"""One service card as a PNG at print resolution (Pillow), for phones and messages."""

from __future__ import annotations

import io

from PIL import Image, ImageDraw

from workshop_tui.export import sheet
from workshop_tui.export.fonts import MM_PER_INCH, PT_PER_INCH, pillow_font, pillow_measure
from workshop_tui.export.layout import fit
from workshop_tui.export.outcome import Outcome
from workshop_tui.export.pocket import pocket_paragraphs

DPI = 300
INK = (20, 20, 20)
ACCENT = (18, 70, 140)
EDGE = (200, 200, 200)


def _px(mm: float) -> int:
    return round(mm * DPI / MM_PER_INCH)


def pocket_png(outcome: Outcome) -> bytes:
    """The card, 85.6 × 54 mm at 300 dpi (1011 × 638 pixels)."""
    image = Image.new("RGB", (_px(sheet.CARD_WIDTH), _px(sheet.CARD_HEIGHT)), "white")
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle(
        (0, 0, image.width - 1, image.height - 1), radius=_px(3.2), outline=EDGE, width=3
    )
    layout = fit(
        pocket_paragraphs(outcome), sheet.INNER_WIDTH, sheet.INNER_HEIGHT, pillow_measure(DPI)
    )
    left = sheet.PADDING
    for y in layout.rules:
        top = _px(sheet.PADDING + y)
        draw.line((_px(left), top, _px(left + sheet.INNER_WIDTH), top), fill=EDGE, width=2)
    for line in layout.lines:
        size_px = max(1, round(line.size * DPI / PT_PER_INCH))
        for piece in line.pieces:
            draw.text(
                (_px(left + piece.x), _px(sheet.PADDING + line.baseline)),
                piece.text,
                font=pillow_font(piece.bold, size_px),
                fill=ACCENT if line.accent else INK,
                anchor="ls",
            )
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", dpi=(DPI, DPI))
    return buffer.getvalue()
