"""The group's campaign as a calendar file, for a phone to add to its own calendar, in the
language the phone reads the session in."""

from __future__ import annotations

from aiohttp import web

from workshop_tui.export.calendar import MEDIA_TYPE, outcome_ics
from workshop_tui.web.api import current_participant, room_context
from workshop_tui.web.errors import ApiError
from workshop_tui.web.phone_language import phone_outcome, request_translation


async def campaign_ics(request: web.Request) -> web.Response:
    """The chosen campaign's period and follow-up as iCalendar, for a participant of this
    session only: the file `export --format ics` writes, with the same UIDs, in the language
    this phone reads the session in (a calendar that imports two languages' files keeps one
    copy of each event). Small enough to build on the loop, where the state is never
    half-changed."""
    ctx = room_context(request)
    current_participant(request, ctx)
    outcome = phone_outcome(ctx.hub, request_translation(request, ctx.hub))
    calendar = outcome_ics(outcome)
    if calendar is None:
        raise ApiError("not_found", "no campaign has been chosen in this session yet")
    room = ctx.hub.state.room
    return web.Response(
        body=calendar,
        content_type=MEDIA_TYPE,
        charset="utf-8",
        headers={
            "Content-Disposition": f'attachment; filename="campaign-{room}.ics"',
            "Vary": "Cookie, Accept-Language",
        },
    )
