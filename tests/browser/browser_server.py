"""A session served on 127.0.0.1 from a thread of its own, for the browser tests to drive.

Playwright's sync API must not run inside an event loop, so the hub and the server run on
their own loop in a thread; tests reach the hub through `Served.run`.
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from dataclasses import dataclass
from typing import Any, TypeVar

from workshop_tui.domain.commands import GoTo
from workshop_tui.session.hub import Hub

T = TypeVar("T")


@dataclass
class Served:
    hub: Hub
    base_url: str
    loop: asyncio.AbstractEventLoop

    @property
    def room(self) -> str:
        return self.hub.state.room

    @property
    def join_url(self) -> str:
        return f"{self.base_url}/{self.room}"

    def run(self, coro: Coroutine[Any, Any, T], timeout: float = 10) -> T:
        """Run a coroutine on the server's loop and wait (bounded) for its result."""
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout)

    def goto(self, step_id: str) -> None:
        """Move the group to a step, as the facilitator's key press would."""
        index = [s.id for s in self.hub.state.workshop.steps].index(step_id)
        self.run(self.hub.execute(GoTo(index, self.hub.clock())))
