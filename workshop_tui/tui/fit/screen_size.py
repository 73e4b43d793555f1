"""A terminal's size as the command line writes it ("80x24"): `check --fit` reads it before
anything of the projector is imported."""

from __future__ import annotations

import re
from dataclasses import dataclass

from workshop_tui.catalogue import t

# The smallest and largest terminals the check lays out (a size outside is a typo).
SMALLEST = (20, 8)
LARGEST = (1000, 500)

_SIZE = re.compile(r"([0-9]{1,4})x([0-9]{1,4})")


class BadSize(ValueError):
    """A size that is not COLSxROWS within the limits; `str()` says so in the given language."""


@dataclass(frozen=True)
class Size:
    """A terminal's size in cells."""

    columns: int
    rows: int

    def __str__(self) -> str:
        return f"{self.columns}x{self.rows}"


def parse_size(text: str, language: str) -> Size:
    """Read "80x24" (columns x rows); raise BadSize, in `language`, for anything else."""
    found = _SIZE.fullmatch(text.strip().lower())
    if found is None:
        raise BadSize(t(language, "fit_bad_size", text=repr(text)))
    size = Size(int(found[1]), int(found[2]))
    low, high = Size(*SMALLEST), Size(*LARGEST)
    if not (low.columns <= size.columns <= high.columns and low.rows <= size.rows <= high.rows):
        raise BadSize(t(language, "fit_size_range", text=repr(text), low=low, high=high))
    return size
