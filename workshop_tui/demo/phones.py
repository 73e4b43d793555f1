"""A room full of simulated phones for `workshop-tui demo`.

`DemoPhones(join_url, count, language)` is started on the projector's asyncio loop once the
participant server listens (`await phones.start()`) and stopped before the server stops
(`await phones.stop()`); `run_phones` is the same as one coroutine that ends when `stop` is set.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random

from workshop_tui.demo.answers import Taste
from workshop_tui.demo.content import FIRST_NAMES
from workshop_tui.demo.phone import FLAKY, QUICK, SLOW, STEADY, SimulatedPhone, Temper

log = logging.getLogger("workshop_tui.demo")

DEFAULT_PHONES = 12
STOP_TIMEOUT = 5.0


def tempers(count: int, rng: random.Random) -> list[Temper]:
    """A room's mix: about a quarter quick, half steady, a quarter slow, and (from two phones
    up) exactly one whose connection drops now and then."""
    mix = [rng.choices((QUICK, STEADY, SLOW), (1, 2, 1))[0] for _ in range(count)]
    if count >= 2:
        mix[rng.randrange(count)] = FLAKY
    return mix


class DemoPhones:
    """`count` simulated phones joining `join_url` and answering in `language`.

    `pace` scales every delay (1.0 is human speed; tests use 0.01). `seed` makes a run
    repeatable. `phones` holds the phones once started.
    """

    def __init__(
        self,
        join_url: str,
        count: int = DEFAULT_PHONES,
        language: str = "en",
        *,
        pace: float = 1.0,
        seed: int | None = None,
    ) -> None:
        self.join_url = join_url
        self.count = count
        self.language = language
        self.pace = pace
        self.rng = random.Random(seed)
        self.phones: list[SimulatedPhone] = []
        self._stop = asyncio.Event()
        self._tasks: list[asyncio.Task[None]] = []

    async def start(self) -> None:
        """Create the phones and let them join over the next few seconds (as a room scans the
        QR code at different moments); returns at once."""
        taste = Taste(self.rng.randrange(2**32))
        names = FIRST_NAMES.get(self.language, FIRST_NAMES["en"]).split()
        self.rng.shuffle(names)
        for number, temper in enumerate(tempers(self.count, self.rng)):
            # Most people type their first name; some keep the friendly generated one.
            name = names[number % len(names)] if self.rng.random() < 0.7 else None
            phone = SimulatedPhone(
                self.join_url,
                number,
                self.language,
                temper,
                taste,
                name=name,
                pace=self.pace,
                seed=self.rng.randrange(2**32),
            )
            self.phones.append(phone)
            delay = self.rng.uniform(0.5, 8.0) * self.pace
            self._tasks.append(asyncio.create_task(self._run(phone, delay), name=f"phone-{number}"))
        log.info("%d simulated phones joining %s", self.count, self.join_url)

    async def _run(self, phone: SimulatedPhone, delay: float) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._stop.wait(), delay)
        if self._stop.is_set():
            return
        try:
            await phone.run(self._stop)
        except Exception:
            log.exception("simulated phone %d stopped", phone.number)

    async def stop(self) -> None:
        """Hang up every phone (promptly; a phone still busy after a few seconds is cancelled)."""
        self._stop.set()
        tasks, self._tasks = self._tasks, []
        if not tasks:
            return
        _, late = await asyncio.wait(tasks, timeout=STOP_TIMEOUT)
        for task in late:
            task.cancel()
        await asyncio.gather(*late, return_exceptions=True)


async def run_phones(
    base_url: str,
    room: str,
    count: int,
    language: str,
    stop: asyncio.Event,
    *,
    pace: float = 1.0,
    seed: int | None = None,
) -> None:
    """Run `count` simulated phones against the server at `base_url` until `stop` is set."""
    phones = DemoPhones(f"{base_url.rstrip('/')}/{room}", count, language, pace=pace, seed=seed)
    await phones.start()
    try:
        await stop.wait()
    finally:
        await phones.stop()
