"""The group's campaign as a calendar file, for a phone to add to its own calendar."""

from __future__ import annotations

from aiohttp import web

from workshop_tui.export import live_outcome
from workshop_tui.export.calendar import MEDIA_TYPE, outcome_ics
from workshop_tui.web.api import current_participant, room_context
from workshop_tui.web.errors import ApiError


async def campaign_ics(request: web.Request) -> web.Response:
    """The chosen campaign's period and follow-up as iCalendar, for a participant of this
    session only; the same file, with the same UIDs, as `export --format ics` writes. Small
    enough to build on the loop, where the state is never half-changed."""
    ctx = room_context(request)
    current_participant(request, ctx)
    calendar = outcome_ics(live_outcome(ctx.hub.path, ctx.hub.meta, ctx.hub.state))
    if calendar is None:
        raise ApiError("not_found", "no campaign has been chosen in this session yet")
    room = ctx.hub.state.room
    return web.Response(
        body=calendar,
        content_type=MEDIA_TYPE,
        charset="utf-8",
        headers={"Content-Disposition": f'attachment; filename="campaign-{room}.ics"'},
    )
