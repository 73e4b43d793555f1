"""Participant text made safe to put on the projector.

Anything a phone sent is shown as plain text: never parsed as Rich markup, and with escape codes
and control characters turned into visible symbols so they can neither move the cursor, clear the
screen nor hide part of a line. Bidirectional overrides are dropped because they can make a
harmless answer display as something else.
"""

from __future__ import annotations

import re
import unicodedata

from rich.cells import cell_len
from rich.text import Text

_BIDI = dict.fromkeys(
    [*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C], None
)
_WHITESPACE = re.compile(r"[\t\n\r\v\f\u2028\u2029]+")


def _visible(ch: str) -> str:
    code = ord(ch)
    if code < 0x20:
        # U+2400..U+241F are the "control pictures": ESC shows as ␛, so `\x1b[2J` reads literally.
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"
    if unicodedata.category(ch) == "Cc":
        return "\ufffd"
    return ch


def clean(text: str) -> str:
    """One display line: line breaks become spaces, control characters become visible symbols."""
    flat = _WHITESPACE.sub(" ", text).translate(_BIDI)
    return "".join(_visible(ch) for ch in flat).strip()


def plain(text: str, style: str = "") -> Text:
    """Participant (or deck) text as a Rich `Text`, which Rich never parses as markup."""
    return Text(clean(text), style=style)


def fit(text: str, width: int) -> str:
    """`text` cut to at most `width` terminal cells, with an ellipsis when it was cut.

    Cuts by cell width, not by characters, so wide characters and emoji keep columns aligned.
    """
    if width <= 0:
        return ""
    if cell_len(text) <= width:
        return text
    out = []
    used = 0
    for ch in text:
        w = cell_len(ch)
        if used + w > width - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…"
