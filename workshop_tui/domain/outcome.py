"""What applying a command gives back: events, or a refusal a phone can show."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


class Refused(Exception):
    """A command that breaks a rule. `code` is stable (phones translate it); `message` is
    English and says what was wrong and how to fix it; `detail` holds the numbers involved."""

    def __init__(self, code: str, message: str, **detail: Any) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.detail = detail

    def as_dict(self) -> dict[str, Any]:
        """The refusal as JSON for a phone."""
        return {"code": self.code, "message": self.message, "detail": self.detail}


@dataclass(frozen=True)
class Event:
    """Something that changed; subscribers use it to decide what to redraw."""

    kind: str
    step_id: str | None = None
    participant_id: str | None = None


@dataclass(frozen=True)
class Applied:
    events: tuple[Event, ...] = field(default_factory=tuple)
    duplicate: bool = False
