"""Limits on what one phone may send, the token bucket that paces its submissions, and the queue
that paces new phones from one address."""

from __future__ import annotations

import math
import secrets
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
    # New phones per client address per minute, all of them at once if they come together.
    # None: the session's --max-participants, since behind a tunnel, a reverse proxy or a venue
    # NAT the whole room shares one address and arrives within a minute.
    joins_per_minute: int | None = None
    # The facilitator's phone remote (`--remote`): its presses and held-answer decisions are
    # paced like a phone's submissions, only more generously (a facilitator taps fast), and
    # wrong remote secrets are counted per client address like wrong room codes.
    remote_per_second: float = 5.0
    remote_burst: int = 20
    remote_guesses_per_minute: int = 10


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


@dataclass(frozen=True)
class Turn:
    """What `JoinQueue.admit` decided: `wait` is 0 to let the phone in now, else the seconds
    until its turn; `ticket` is its place in the queue (None once admitted), and `new` says
    that this request joined the queue (a phone coming back with its ticket is not new)."""

    wait: float
    ticket: str | None = None
    new: bool = False


class JoinQueue:
    """New phones per client address: `burst` at once, then one every `60 / per_minute`
    seconds, first come first served.

    A phone that must wait is given the next free turn and a ticket for it, so it can be told
    the true number of seconds and is let in when it comes back at that time, however many
    others are waiting (a plain bucket would tell every waiting phone "one second" and let in
    whichever happened to ask first). This is the generic cell rate algorithm: `_due[address]`
    is when the address's next turn would fall if every admitted phone had come evenly spaced.
    Tickets are forgotten `grace` seconds after their turn, and at most `max_waiting` are kept.
    """

    def __init__(
        self,
        per_minute: int,
        burst: int,
        *,
        grace: float = 60.0,
        max_waiting: int = 10_000,
        max_addresses: int = 4096,
    ) -> None:
        self.interval = 60.0 / max(1, per_minute)
        # A millisecond more: adding the interval to a Unix time a burst's worth of times drifts
        # (a float near 1.7e9 keeps only ~0.2 µs), and the last phone of a full burst must not
        # be turned away by a rounding error.
        self.tolerance = (max(1, burst) - 1) * self.interval + 1e-3
        self.grace = grace
        self.max_waiting = max_waiting
        self.max_addresses = max_addresses
        self._due: dict[str, float] = {}
        self._tickets: dict[str, tuple[str, float]] = {}

    def admit(self, address: str, now: float, ticket: str | None) -> Turn:
        """Let a new phone from `address` in now, or give it (or remind it of) its turn."""
        place = self._tickets.get(ticket) if ticket else None
        if ticket and place is not None and place[0] == address:
            turn = place[1]
            if now >= turn:
                del self._tickets[ticket]
                return Turn(0.0)
            return Turn(turn - now, ticket)
        due = self._due.get(address, now)
        earliest = due - self.tolerance
        if now >= earliest:
            self._remember(address, max(due, now) + self.interval, now)
            return Turn(0.0)
        if len(self._tickets) >= self.max_waiting:
            self._forget_old(now)
            if len(self._tickets) >= self.max_waiting:
                # Too many waiting to keep a place for this one: it asks again, unqueued.
                return Turn(earliest - now)
        self._due[address] = due + self.interval
        place_ticket = secrets.token_urlsafe(16)
        self._tickets[place_ticket] = (address, earliest)
        return Turn(earliest - now, place_ticket, new=True)

    def _remember(self, address: str, due: float, now: float) -> None:
        if address not in self._due and len(self._due) >= self.max_addresses:
            # An address whose next turn has come has nothing to remember: it may join now.
            for known, when in list(self._due.items()):
                if when - self.tolerance <= now:
                    del self._due[known]
        self._due[address] = due

    def _forget_old(self, now: float) -> None:
        for ticket, (_, turn) in list(self._tickets.items()):
            if turn + self.grace < now:
                del self._tickets[ticket]
