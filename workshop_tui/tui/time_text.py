"""A stretch of time as the projector and the console show it ("4:05", "1:02:30")."""

from __future__ import annotations

import math


def mmss(seconds: float) -> str:
    """Seconds as m:ss (h:mm:ss from an hour), rounded up so 0:00 means time is up; never
    below 0:00 (a timer's time left is never negative)."""
    whole = max(0, math.ceil(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
