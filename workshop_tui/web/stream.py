"""The live stream: Server-Sent Events carrying this phone's whole view after every change.

Coalesced, never queued: on each wake-up the handler builds the newest view and sends it only if
it differs from the last one sent, so a phone sees every change that concerns it (the final one
always) and the answers of others cost it nothing. EventSource reconnects by itself, and since
every message is the full view, a reconnect needs no replay.
"""

from __future__ import annotations

from typing import Any

from aiohttp import web

from workshop_tui.domain.state import Participant
from workshop_tui.web.api import current_participant, room_context
from workshop_tui.web.context import WebContext
from workshop_tui.web.errors import ApiError
from workshop_tui.web.phone_language import request_translation, translate_personal
from workshop_tui.web.views import earlier_answer, message_text, own_answer, personal_view


async def _send(response: web.StreamResponse, text: str) -> None:
    await response.write(text.encode())


async def open_event_stream(request: web.Request) -> web.StreamResponse:
    """A `text/event-stream` response, its headers sent: what the phone's and the remote's
    streams write their events to."""
    response = web.StreamResponse(
        headers={
            "Content-Type": "text/event-stream",
            "Cache-Control": "no-store",
            # Reverse proxies (nginx) would otherwise hold events back in a buffer.
            "X-Accel-Buffering": "no",
        }
    )
    await response.prepare(request)
    return response


async def stream(request: web.Request) -> web.StreamResponse:
    """`text/event-stream` of `view` events, with keep-alive comments in between."""
    ctx = room_context(request)
    participant = current_participant(request, ctx)
    open_now = ctx.open_streams.get(participant.id, 0)
    if open_now >= ctx.limits.streams_per_participant:
        raise ApiError(
            "too_many_requests",
            f"this phone already has {open_now} live connections; close another tab or wait",
            headers={"Retry-After": "5"},
        )
    ctx.open_streams[participant.id] = open_now + 1
    try:
        return await _serve(request, ctx, participant)
    finally:
        left = ctx.open_streams.pop(participant.id) - 1
        if left:
            ctx.open_streams[participant.id] = left


async def _serve(
    request: web.Request, ctx: WebContext, participant: Participant
) -> web.StreamResponse:
    hub = ctx.hub
    response = await open_event_stream(request)
    # Only this phone's own commands and the facilitator's change its view: other phones'
    # answers must not wake a thousand streams for nothing.
    subscription = ctx.listen(participant.id)
    # The phone's language is chosen on its page, which reloads (and so reconnects) to change it.
    translation = request_translation(request, hub)
    last: tuple[str, str, Any, Any] | None = None
    try:
        await _send(response, f"retry: {ctx.limits.sse_retry_ms}\n\n")
        woken: int | None = hub.version
        while not hub.closed and not subscription.ended:
            state = hub.state
            current = state.participants.get(participant.id)
            if current is None:
                # The hub rolled back a failed write and this phone's join went with it.
                break
            now = hub.clock()
            text, step = ctx.shared_view.get(state, hub.version, now, hub.results_epoch)
            text, step = ctx.translated_steps.get(text, step, state, translation)
            seen = (text, current.name, own_answer(state, current), earlier_answer(state, current))
            if seen != last:
                last = seen
                # The step's text is spliced in: it is not serialised again for every phone.
                view = translate_personal(personal_view(state, current, None), translation)
                data = message_text(now, view, text, seen[2], seen[3])
                await _send(response, f"event: view\ndata: {data}\n\n")
            elif woken is None:
                # Nothing changed for a while: a comment keeps proxies from closing the stream.
                await _send(response, ": keep-alive\n\n")
            woken = await subscription.wait()
    except ConnectionError:
        # The phone went away; its EventSource will come back with a new request if it can.
        pass
    finally:
        ctx.stop_listening(subscription)
    return response
