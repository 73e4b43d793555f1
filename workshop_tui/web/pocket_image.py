"""The group's service card as an image, for a phone to save at the end of the workshop."""

from __future__ import annotations

import asyncio

from aiohttp import web

from workshop_tui.export import live_outcome
from workshop_tui.export.outcome import Outcome
from workshop_tui.hub import Hub
from workshop_tui.web.api import current_participant, room_context


class CardImages:
    """The card's PNG for the hub's current version, rendered once however many phones ask.

    Rendering takes a noticeable fraction of a second, so it runs off the loop, and phones that
    ask while it runs wait for the same picture instead of starting another.
    """

    def __init__(self) -> None:
        self._version: int | None = None
        self._png: asyncio.Future[bytes] | None = None

    async def png(self, hub: Hub) -> bytes:
        """The card as the session stands now (anonymous: it names no participant)."""
        if self._png is None or self._version != hub.version:
            # Built on the loop, where the state is never half-changed; drawn on a thread.
            outcome = live_outcome(hub.path, hub.meta, hub.state)
            loop = asyncio.get_running_loop()
            self._version = hub.version
            self._png = loop.run_in_executor(None, _draw, outcome)
        return await asyncio.shield(self._png)


def _draw(outcome: Outcome) -> bytes:
    # Imported when first drawn: Pillow adds start-up time a server without phones saving
    # the card does not need.
    from workshop_tui.export.pocket_png import pocket_png as draw

    return draw(outcome)


CARD_IMAGES = web.AppKey("card_images", CardImages)


async def card_png(request: web.Request) -> web.Response:
    """The service card as a PNG image, for a participant of this session only."""
    ctx = room_context(request)
    current_participant(request, ctx)
    image = await request.app[CARD_IMAGES].png(ctx.hub)
    room = ctx.hub.state.room
    return web.Response(
        body=image,
        content_type="image/png",
        headers={"Content-Disposition": f'attachment; filename="service-card-{room}.png"'},
    )
