"""The geometry of a credit-card service card and of the A4 sheet it is printed on (mm)."""

from __future__ import annotations

CARD_WIDTH = 85.6
CARD_HEIGHT = 54.0
PADDING = 3.5
PAGE_WIDTH = 210.0
PAGE_HEIGHT = 297.0
COLUMNS = 2
ROWS = 5
# Crop marks stop short of the cards so no mark shows on a card that is cut a little off.
MARK_GAP = 2.0
MARK_LENGTH = 5.0

LEFT = (PAGE_WIDTH - COLUMNS * CARD_WIDTH) / 2
TOP = (PAGE_HEIGHT - ROWS * CARD_HEIGHT) / 2
INNER_WIDTH = CARD_WIDTH - 2 * PADDING
INNER_HEIGHT = CARD_HEIGHT - 2 * PADDING

Segment = tuple[float, float, float, float]


def slots() -> list[tuple[float, float]]:
    """Top-left corner of every card on the sheet, row by row."""
    return [
        (LEFT + c * CARD_WIDTH, TOP + r * CARD_HEIGHT) for r in range(ROWS) for c in range(COLUMNS)
    ]


def crop_marks() -> list[Segment]:
    """Cut lines extended into the margins: (x1, y1, x2, y2) for each mark."""
    right, bottom = LEFT + COLUMNS * CARD_WIDTH, TOP + ROWS * CARD_HEIGHT
    marks: list[Segment] = []
    for c in range(COLUMNS + 1):
        x = LEFT + c * CARD_WIDTH
        marks.append((x, TOP - MARK_GAP - MARK_LENGTH, x, TOP - MARK_GAP))
        marks.append((x, bottom + MARK_GAP, x, bottom + MARK_GAP + MARK_LENGTH))
    for r in range(ROWS + 1):
        y = TOP + r * CARD_HEIGHT
        marks.append((LEFT - MARK_GAP - MARK_LENGTH, y, LEFT - MARK_GAP, y))
        marks.append((right + MARK_GAP, y, right + MARK_GAP + MARK_LENGTH, y))
    return marks
