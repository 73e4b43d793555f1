"""The facilitator's keys that move the session along its steps: the next or previous step,
reveal, lock, the timer, opening a prepared step, the way back to an unagreed ladder, and the
room's door. Each turns the step on screen into a command for the hub; the app sends it (a
refusal becomes the facilitator's notice) and draws its change at once.

The projector app inherits these (Textual finds an app's actions on the app); the step views
own the keys of what they show (`views/base.py`), the app what is truly the app's.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from workshop_tui.domain.commands import (
    Command,
    GoTo,
    LockLevels,
    NewRound,
    OpenStep,
    SetJoining,
    SetLocked,
    SetRevealed,
    TimerControl,
)
from workshop_tui.domain.deck import LevelsStep
from workshop_tui.domain.service_card import ladder_to_redo
from workshop_tui.session.hub import Hub
from workshop_tui.tui.session_link import SessionLink
from workshop_tui.tui.views.base import ViewContext

# What `+` gives the step's timer.
ADD_SECONDS = 60


class StepKeys:
    """The step keys' actions, for the app that sends their commands."""

    # Provided by the app: the session as the projector sees it, the hub's clock, the step on
    # screen, and the sending of a command (False when it was refused).
    session: SessionLink
    hub: Hub
    context: Callable[[], ViewContext | None]
    _do: Callable[[Command], Awaitable[bool]]

    async def action_next_step(self) -> None:
        """Go to the next step."""
        await self._do(GoTo(self.session.state.current + 1, self.hub.clock()))

    async def action_previous_step(self) -> None:
        """Go back one step."""
        await self._do(GoTo(max(0, self.session.state.current - 1), self.hub.clock()))

    async def action_reveal(self) -> None:
        """Show or hide the current step's results."""
        ctx = self.context()
        if ctx is not None:
            await self._do(SetRevealed(ctx.step.id, not ctx.step_state.revealed))

    async def action_lock(self) -> None:
        """Lock or unlock the step; on a levels step, locking fixes the group's levels."""
        ctx = self.context()
        if ctx is None:
            return
        if ctx.step_state.status == "locked":
            await self._do(SetLocked(ctx.step.id, False))
        elif isinstance(ctx.step, LevelsStep):
            await self._do(LockLevels(ctx.step.id, at=self.hub.clock()))
        else:
            await self._do(SetLocked(ctx.step.id, True, at=self.hub.clock()))

    async def action_timer(self) -> None:
        """Start or pause the step's timer."""
        ctx = self.context()
        if ctx is not None:
            running = ctx.step_state.timer.running
            command = TimerControl(ctx.step.id, "pause" if running else "start", self.hub.clock())
            await self._do(command)

    async def action_add_minute(self) -> None:
        """Give the step's timer another minute."""
        ctx = self.context()
        if ctx is not None:
            await self._do(TimerControl(ctx.step.id, "add", self.hub.clock(), ADD_SECONDS))

    async def action_open_step(self) -> None:
        """Let the group answer the step the facilitator has been preparing."""
        ctx = self.context()
        if ctx is not None:
            await self._do(OpenStep(ctx.step.id))

    async def action_back_to_ladder(self) -> None:
        """Go back to the ladder the consensus check did not agree on, in a new round there
        (unless its current round is still unanswered)."""
        step_id = ladder_to_redo(self.session.state)
        if step_id is None:
            return
        index = [s.id for s in self.session.state.workshop.steps].index(step_id)
        if not await self._do(GoTo(index, self.hub.clock())):
            return
        levels = self.session.state.steps[step_id]
        if levels.levels is not None or levels.answers.get(levels.round):
            await self._do(NewRound(step_id))

    async def action_joining(self) -> None:
        """Open or close the room to new phones."""
        await self._do(SetJoining(not self.session.state.joining_open))
