"""Keeping participants' text inert: shown as written, never acted on by whatever displays it."""

from __future__ import annotations

import re

# Embedding, override and isolate controls can reorder the text around them on screen and
# paper; they are shown as their code point instead. Marks (U+200E, U+200F) only nudge
# neutral characters and stay.
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_MARKDOWN = re.compile(r"([\\`*_\[\]<>&|~!#])")


def visible(text: str) -> str:
    """Text with bidirectional control characters written out as ``[U+202E]``."""
    return _BIDI.sub(lambda m: f"[U+{ord(m.group()):04X}]", text)


def one_line(text: str) -> str:
    """Text for a place that holds one line: line breaks become spaces."""
    return " ".join(visible(text).split())


def csv_cell(text: str) -> str:
    """A spreadsheet cell that is never read as a formula (OWASP's leading apostrophe)."""
    text = visible(text)
    return "'" + text if text.startswith(_FORMULA_START) else text


def markdown(text: str) -> str:
    """One line of Markdown that renders exactly as the text, with no markup or HTML."""
    return _MARKDOWN.sub(r"\\\1", one_line(text))
