"""Limits on what one phone may send, and the token bucket that paces its submissions."""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    """What the server accepts from phones.

    Answer length, answers per step, dots per person and participants per session are the
    workshop's and the session's own rules (the domain refuses them); these are the transport's.
    """

    max_body_bytes: int = 16 * 1024
    submissions_per_second: float = 4.0
    submission_burst: int = 8
    # A reloaded page's old stream lingers until the next keep-alive finds it gone.
    streams_per_participant: int = 4
    keepalive_seconds: float = 15.0
    sse_retry_ms: int = 2000
    cookie_days: int = 7


class TokenBucket:
    """`burst` submissions at once, refilled at `rate` per second."""

    def __init__(self, rate: float, burst: int, now: float) -> None:
        self.rate = rate
        self.burst = burst
        self.tokens = float(burst)
        self.updated = now

    def take(self, now: float) -> float:
        """Spend one token and return 0, or return the seconds until one is available."""
        self.tokens = min(self.burst, self.tokens + (now - self.updated) * self.rate)
        self.updated = now
        if self.tokens >= 1:
            self.tokens -= 1
            return 0.0
        return (1 - self.tokens) / self.rate


def retry_after(seconds: float) -> str:
    """A Retry-After header value: whole seconds, at least one."""
    return str(max(1, math.ceil(seconds)))
