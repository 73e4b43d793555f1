"""What a rule says of a command: applied (perhaps as a repeat), or refused with a reason."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


class Refused(Exception):
    """A command that breaks a rule. `code` is stable (every surface translates it); `message`
    is English and says what was wrong and how to fix it (the API's fallback); `detail` holds
    the numbers involved."""

    def __init__(self, code: str, message: str, **detail: Any) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.detail = detail


@dataclass(frozen=True)
class Applied:
    """A command the rules accepted; `duplicate` when it repeats one already applied (the same
    answer sent again with its key), so nothing changed. `held`, for an answer to a prompt,
    lists which of its texts (by position) the word filter holds for the facilitator."""

    duplicate: bool = False
    held: tuple[int, ...] = ()
