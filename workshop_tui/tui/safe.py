"""Participant text made safe to put on the projector.

Anything a phone sent is shown as plain text: never parsed as Rich markup, and with escape codes
and control characters turned into visible symbols so they can neither move the cursor, clear the
screen nor hide part of a line. Bidirectional overrides are dropped because they can make a
harmless answer display as something else.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rich.cells import cell_len
from rich.text import Text

_BIDI = dict.fromkeys(
    [*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C], None
)
# The control characters (Unicode category Cc is exactly U+0000-001F and U+007F-009F) as visible
# symbols: U+2400..U+241F are the "control pictures", so ESC shows as ␛ and `\x1b[2J` reads
# literally; DEL is ␡; the C1 controls become the replacement character.
_VISIBLE = {
    **{code: chr(0x2400 + code) for code in range(0x20)},
    0x7F: "\u2421",
    **dict.fromkeys(range(0x80, 0xA0), "\ufffd"),
    **_BIDI,
}
_WHITESPACE = re.compile(r"[\t\n\r\v\f\u2028\u2029]+")


@lru_cache(maxsize=4096)
def clean(text: str) -> str:
    """One display line: line breaks become spaces, control characters become visible symbols."""
    # Cached: the same answers are drawn again on every redraw of the wall.
    return _WHITESPACE.sub(" ", text).translate(_VISIBLE).strip()


def plain(text: str, style: str = "") -> Text:
    """Participant (or deck) text as a Rich `Text`, which Rich never parses as markup."""
    return Text(clean(text), style=style)


def truncate(text: str, width: int) -> str:
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
