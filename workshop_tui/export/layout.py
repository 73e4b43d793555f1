"""Fitting the card's text into its box: word wrap over bold and plain runs, and the largest
font size at which everything fits. PDF and PNG draw the same lines, so they look alike."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

from workshop_tui.export.fonts import MM_PER_INCH, PT_PER_INCH, Measure

log = logging.getLogger(__name__)
LINE_HEIGHT = 1.22
ASCENT = 0.93
LARGEST = 8.0
SMALLEST = 4.0
SIZE_STEP = 0.25


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False


@dataclass(frozen=True)
class Paragraph:
    """A block of runs; `scale` multiplies the font size, `gap` adds space above (in lines),
    `rule` draws a thin line above, `accent` prints it in the accent colour."""

    runs: tuple[Run, ...]
    scale: float = 1.0
    gap: float = 0.0
    rule: bool = False
    accent: bool = False


@dataclass(frozen=True)
class Piece:
    x: float
    text: str
    bold: bool


@dataclass(frozen=True)
class Line:
    baseline: float
    size: float
    accent: bool
    pieces: tuple[Piece, ...]


@dataclass(frozen=True)
class Layout:
    """Lines placed in a box (mm from its top-left corner); `fits` is False when even the
    smallest size overflowed and the last lines were dropped."""

    size: float
    lines: tuple[Line, ...]
    rules: tuple[float, ...]
    fits: bool


def _mm(points: float) -> float:
    return points * MM_PER_INCH / PT_PER_INCH


def wrap(runs: Sequence[Run], width: float, size: float, measure: Measure) -> list[list[Piece]]:
    """Greedy word wrap; a word wider than the box is broken between characters."""
    lines: list[list[Piece]] = [[]]
    for run in runs:
        for word in run.text.split():
            for chunk in _chunks(word, run.bold, width, size, measure):
                line = lines[-1]
                if not line:
                    line.append(Piece(0.0, chunk, run.bold))
                    continue
                last = line[-1]
                if last.bold == run.bold:
                    joined = f"{last.text} {chunk}"
                    if last.x + measure(joined, run.bold, size) <= width:
                        line[-1] = Piece(last.x, joined, run.bold)
                        continue
                else:
                    x = last.x + measure(last.text + " ", last.bold, size)
                    if x + measure(chunk, run.bold, size) <= width:
                        line.append(Piece(x, chunk, run.bold))
                        continue
                lines.append([Piece(0.0, chunk, run.bold)])
    return [line for line in lines if line]


def _chunks(word: str, bold: bool, width: float, size: float, measure: Measure) -> list[str]:
    if measure(word, bold, size) <= width:
        return [word]
    chunks, current = [], ""
    for ch in word:
        if current and measure(current + ch, bold, size) > width:
            chunks.append(current)
            current = ""
        current += ch
    return [*chunks, current] if current else chunks


def arrange(
    paragraphs: Sequence[Paragraph], width: float, height: float, size: float, measure: Measure
) -> Layout:
    """Place every paragraph at one base font size; lines that do not fit are dropped."""
    lines: list[Line] = []
    rules: list[float] = []
    y = 0.0
    fits = True
    for paragraph in paragraphs:
        own = size * paragraph.scale
        step = _mm(own * LINE_HEIGHT)
        if lines:
            y += _mm(size * LINE_HEIGHT) * paragraph.gap
        if paragraph.rule:
            rules.append(y + _mm(size * LINE_HEIGHT) * 0.1)
            y += _mm(size * LINE_HEIGHT) * 0.3
        for pieces in wrap(paragraph.runs, width, own, measure):
            if y + step > height + 1e-6:
                fits = False
                break
            lines.append(Line(y + _mm(own * ASCENT), own, paragraph.accent, tuple(pieces)))
            y += step
    return Layout(size, tuple(lines), tuple(rules), fits)


def fit(paragraphs: Sequence[Paragraph], width: float, height: float, measure: Measure) -> Layout:
    """The layout at the largest font size (LARGEST down to SMALLEST) at which all text fits."""
    size = LARGEST
    while True:
        layout = arrange(paragraphs, width, height, size, measure)
        if layout.fits:
            return layout
        if size - SIZE_STEP < SMALLEST:
            log.warning(
                "the service card's text does not fit even at %s pt; its last lines are left "
                "out (shorter rungs or campaign texts make it fit)",
                SMALLEST,
            )
            return layout
        size -= SIZE_STEP
