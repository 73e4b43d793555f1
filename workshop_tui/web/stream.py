"""The live stream: Server-Sent Events carrying this phone's whole view after every change.

Coalesced, never queued: on each wake-up the handler builds the newest view and sends it only if
it differs from the last one sent, so a phone sees every change that concerns it (the final one
always) and the answers of others cost it nothing. EventSource reconnects by itself, and since
every message is the full view, a reconnect needs no replay.
"""

from __future__ import annotations

import asyncio
import json

from aiohttp import web

from workshop_tui.web.api import current_participant, room_context, view_message


async def _send(response: web.StreamResponse, text: str) -> None:
    await response.write(text.encode())


async def stream(request: web.Request) -> web.StreamResponse:
    """`text/event-stream` of `view` events, with keep-alive comments in between."""
    ctx = room_context(request)
    participant = current_participant(request, ctx)
    hub = ctx.hub
    response = web.StreamResponse(
        headers={
            "Content-Type": "text/event-stream",
            "Cache-Control": "no-store",
            # Reverse proxies (nginx) would otherwise hold events back in a buffer.
            "X-Accel-Buffering": "no",
        }
    )
    await response.prepare(request)
    subscription = hub.subscribe()
    stopping = asyncio.ensure_future(ctx.stopping.wait())
    changed = asyncio.ensure_future(subscription.wait())
    last = ""
    try:
        await _send(response, f"retry: {ctx.limits.sse_retry_ms}\n\n")
        while not hub.closed:
            current = hub.state.participants.get(participant.id)
            if current is None:
                # The hub rolled back a failed write and this phone's join went with it.
                break
            message = view_message(ctx, current)
            view = json.dumps(message["view"], ensure_ascii=False, separators=(",", ":"))
            if view != last:
                last = view
                data = json.dumps(message, ensure_ascii=False, separators=(",", ":"))
                await _send(response, f"event: view\ndata: {data}\n\n")
            while True:
                done, _ = await asyncio.wait(
                    {changed, stopping},
                    timeout=ctx.limits.keepalive_seconds,
                    return_when=asyncio.FIRST_COMPLETED,
                )
                if done:
                    break
                await _send(response, ": keep-alive\n\n")
            if stopping in done:
                break
            changed = asyncio.ensure_future(subscription.wait())
    except ConnectionError:
        # The phone went away; its EventSource will come back with a new request if it can.
        pass
    finally:
        subscription.close()
        changed.cancel()
        stopping.cancel()
    return response
