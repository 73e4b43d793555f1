"""Finding a font with the whole Nordic (and wider Unicode) alphabet, and measuring text in it."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import ImageFont

log = logging.getLogger(__name__)
# Debian and Ubuntu (fonts-dejavu-core), Fedora, and a font installed by hand.
FONT_DIRS = (
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/dejavu-sans-fonts"),
    Path("/usr/share/fonts/TTF"),
    Path("/usr/local/share/fonts"),
)
MM_PER_INCH = 25.4
PT_PER_INCH = 72.0
# What a text is measured with: (text, bold, size in points) -> width in millimetres.
Measure = Callable[[str, bool, float], float]
PillowFont = ImageFont.FreeTypeFont | ImageFont.ImageFont


@dataclass(frozen=True)
class FontFiles:
    regular: Path
    bold: Path


@lru_cache(maxsize=1)
def dejavu() -> FontFiles | None:
    """DejaVu Sans (regular and bold) if installed; exports say so when they fall back."""
    for folder in FONT_DIRS:
        regular, bold = folder / "DejaVuSans.ttf", folder / "DejaVuSans-Bold.ttf"
        if regular.is_file() and bold.is_file():
            return FontFiles(regular, bold)
    log.warning(
        "DejaVu Sans was not found (on Debian: apt install fonts-dejavu-core); the service "
        "card uses a fallback font, which may lack some letters"
    )
    return None


@lru_cache(maxsize=64)
def pillow_font(bold: bool, size_px: int) -> PillowFont:
    """DejaVu Sans at a pixel size, or Pillow's own scalable font when DejaVu is missing."""
    files = dejavu()
    if files is None:
        return ImageFont.load_default(size_px)
    return ImageFont.truetype(str(files.bold if bold else files.regular), size_px)


def pillow_measure(dpi: float) -> Measure:
    """Measure text as Pillow draws it at `dpi`."""

    def measure(text: str, bold: bool, size: float) -> float:
        font = pillow_font(bold, max(1, round(size * dpi / PT_PER_INCH)))
        return float(font.getlength(text)) * MM_PER_INCH / dpi

    return measure
