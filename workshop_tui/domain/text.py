"""Text that can be stored: valid Unicode, checked once wherever text enters the session.

JSON may carry a lone surrogate (``"\\ud800"``): `json.loads` accepts it, but it is not a
character and UTF-8 cannot encode it, so a session file could never hold it. Such text is
refused where it arrives, before it changes anything.
"""

from __future__ import annotations

import json
from typing import Any

from workshop_tui.domain.verdict import Refused

BAD_TEXT = "the text holds a character that is not valid Unicode; remove it and send it again"


def is_storable(value: Any) -> bool:
    """Whether `value` (JSON data: text, numbers, lists, objects) encodes as UTF-8 JSON."""
    try:
        json.dumps(value, ensure_ascii=False).encode("utf-8")
    except (UnicodeEncodeError, TypeError, ValueError, RecursionError):
        return False
    return True


def refuse_unstorable(value: Any) -> None:
    """Raise Refused("bad_text") unless `value` can be stored as it is."""
    if not is_storable(value):
        raise Refused("bad_text", BAD_TEXT)
