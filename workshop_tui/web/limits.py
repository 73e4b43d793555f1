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
    # Per client address. Room codes are four of 23 letters: at 20 wrong guesses a minute,
    # finding one by chance takes an address about five days.
    room_guesses_per_minute: int = 20
    # Generous, since a whole room can share one address behind a proxy, a tunnel or NAT.
    joins_per_minute: int = 60


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


class AddressLimiter:
    """A token bucket per client address: `per_minute` at once, refilled over a minute.

    Full buckets are forgotten once `max_addresses` are tracked, so a flood of addresses
    cannot grow the table without bound.
    """

    def __init__(self, per_minute: int, max_addresses: int = 4096) -> None:
        self.per_minute = per_minute
        self.max_addresses = max_addresses
        self._buckets: dict[str, TokenBucket] = {}

    def _bucket(self, address: str, now: float) -> TokenBucket:
        bucket = self._buckets.get(address)
        if bucket is None:
            if len(self._buckets) >= self.max_addresses:
                self._forget_full(now)
            bucket = TokenBucket(self.per_minute / 60, self.per_minute, now)
            self._buckets[address] = bucket
        return bucket

    def _forget_full(self, now: float) -> None:
        for address, bucket in list(self._buckets.items()):
            if bucket.tokens + (now - bucket.updated) * bucket.rate >= bucket.burst:
                del self._buckets[address]

    def wait(self, address: str, now: float) -> float:
        """Seconds until this address may try again (0 now), without spending anything."""
        bucket = self._buckets.get(address)
        if bucket is None:
            return 0.0
        tokens = min(bucket.burst, bucket.tokens + (now - bucket.updated) * bucket.rate)
        return 0.0 if tokens >= 1 else (1 - tokens) / bucket.rate

    def take(self, address: str, now: float) -> float:
        """Spend one of this address's attempts; 0, or the seconds until one is available."""
        return self._bucket(address, now).take(now)
