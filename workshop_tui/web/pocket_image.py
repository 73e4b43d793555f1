"""The group's service card as an image, for a phone to save at the end of the workshop, in
the language the phone reads the session in."""

from __future__ import annotations

import asyncio

from aiohttp import web

from workshop_tui.domain.parallel import Translation
from workshop_tui.export.outcome import Outcome
from workshop_tui.session.hub import Hub
from workshop_tui.web.api import current_participant, room_context
from workshop_tui.web.phone_language import phone_outcome, request_translation


class CardImages:
    """The card's PNG per language for the hub's current version, rendered once however many
    phones ask.

    Rendering takes a noticeable fraction of a second, so it runs off the loop, and phones that
    ask while it runs wait for the same picture instead of starting another.
    """

    def __init__(self) -> None:
        # language -> (the hub's version it was drawn at, the picture).
        self._made: dict[str, tuple[int, asyncio.Future[bytes]]] = {}

    async def png(self, hub: Hub, translation: Translation | None = None) -> bytes:
        """The card as the session stands now, in `translation`'s words (None: the session's
        language); anonymous: it names no participant."""
        language = hub.language if translation is None else translation.language
        made = self._made.get(language)
        if made is None or made[0] != hub.version:
            # Built on the loop, where the state is never half-changed; drawn on a thread.
            outcome = phone_outcome(hub, translation)
            loop = asyncio.get_running_loop()
            made = (hub.version, loop.run_in_executor(None, _draw, outcome))
            self._made[language] = made
        return await asyncio.shield(made[1])


def _draw(outcome: Outcome) -> bytes:
    # Imported when first drawn: Pillow adds start-up time a server without phones saving
    # the card does not need.
    from workshop_tui.export.pocket_png import pocket_png as draw

    return draw(outcome)


CARD_IMAGES = web.AppKey("card_images", CardImages)


async def card_png(request: web.Request) -> web.Response:
    """The service card as a PNG image, for a participant of this session only, in the
    language its phone reads the session in."""
    ctx = room_context(request)
    current_participant(request, ctx)
    translation = request_translation(request, ctx.hub)
    image = await request.app[CARD_IMAGES].png(ctx.hub, translation)
    room = ctx.hub.state.room
    return web.Response(
        body=image,
        content_type="image/png",
        headers={
            "Content-Disposition": f'attachment; filename="service-card-{room}.png"',
            # The same address gives each phone its own language.
            "Vary": "Cookie, Accept-Language",
        },
    )
