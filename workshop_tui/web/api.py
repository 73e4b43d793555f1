"""The JSON API under `/api/{ROOM}/`: join, me, rename, answer (the stream is in stream.py)."""

from __future__ import annotations

import json
import re
from typing import Any

from aiohttp import web

from workshop_tui.domain.commands import Answer, Rename
from workshop_tui.domain.names import normalise_room
from workshop_tui.domain.state import Participant
from workshop_tui.domain.text import BAD_TEXT, is_storable
from workshop_tui.domain.verdict import Refused
from workshop_tui.web.context import WebContext, context
from workshop_tui.web.errors import ApiError, error_response
from workshop_tui.web.limits import TokenBucket, Turn, retry_after
from workshop_tui.web.phone_language import (
    request_language,
    request_translation,
    translate_view,
)
from workshop_tui.web.views import personal_view

COOKIE = "workshop_token"
# A new phone's place in the join queue; it comes back with it when its turn has come.
QUEUE_COOKIE = "workshop_queue"
KEY_PATTERN = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


def is_this_room(request: web.Request, ctx: WebContext, code: str) -> bool:
    """Whether `code` is this session's room code. Wrong codes are counted per client address,
    and an address that has guessed too often gets 429 for every code, right or wrong, so the
    answer tells a guesser nothing."""
    address = request.remote or ""
    now = ctx.hub.clock()
    wait = ctx.room_guesses.wait(address, now)
    if wait <= 0:
        if normalise_room(code) == ctx.hub.state.room:
            return True
        wait = ctx.room_guesses.take(address, now)
        if wait <= 0:
            return False
    raise ApiError(
        "too_many_requests",
        f"too many wrong room codes from this address; wait {retry_after(wait)} seconds "
        "and check the code on the screen",
        headers={"Retry-After": retry_after(wait)},
    )


def room_context(request: web.Request) -> WebContext:
    """The context, once the room code in the path is this session's; else 404 unknown_room."""
    ctx = context(request)
    if not is_this_room(request, ctx, request.match_info["room"]):
        raise ApiError("unknown_room", "there is no session with this room code; check the code")
    return ctx


def cookie_path(ctx: WebContext) -> str:
    """The cookie's path: only the API of this room ever receives the token."""
    return f"{ctx.path_prefix}/api/{ctx.hub.state.room}"


def current_participant(request: web.Request, ctx: WebContext) -> Participant:
    """The participant whose token cookie came with the request; else 401 not_joined."""
    token = request.cookies.get(COOKIE)
    participant = ctx.hub.participant_for_token(token) if token else None
    if participant is None:
        raise ApiError("not_joined", "this phone has not joined the session yet; join first")
    return participant


async def read_json(request: web.Request, ctx: WebContext, allow_empty: bool = False) -> Any:
    """The request's UTF-8 JSON object within the size limit; else 400/413/415, or 422
    bad_text when any text in it is not valid Unicode (it could never be stored)."""
    limit = ctx.limits.max_body_bytes
    if request.content_length is not None and request.content_length > limit:
        raise ApiError("too_large", f"the request is larger than {limit} bytes")
    body = await request.read()
    if not body and allow_empty:
        return {}
    charset = (request.charset or "utf-8").lower()
    if request.content_type != "application/json" or charset not in ("utf-8", "utf8"):
        raise ApiError(
            "not_json", "send the request body as UTF-8 JSON (Content-Type: application/json)"
        )
    try:
        # Decoded here, strictly: json.loads would also guess UTF-16 and UTF-32 from bytes.
        data = json.loads(body.decode("utf-8"))
    except UnicodeDecodeError:
        raise ApiError("bad_json", "the request body is not UTF-8") from None
    except (ValueError, RecursionError):
        raise ApiError("bad_json", "the request body is not valid JSON") from None
    if not isinstance(data, dict):
        raise ApiError("bad_json", "the request body must be a JSON object")
    if not is_storable(data):
        raise ApiError("bad_text", BAD_TEXT)
    return data


def pace(ctx: WebContext, participant: Participant) -> None:
    """Spend one of the participant's submissions; 429 with Retry-After when they are used up."""
    now = ctx.hub.clock()
    bucket = ctx.buckets.get(participant.id)
    if bucket is None:
        limits = ctx.limits
        bucket = TokenBucket(limits.submissions_per_second, limits.submission_burst, now)
        ctx.buckets[participant.id] = bucket
    wait = bucket.take(now)
    if wait > 0:
        raise ApiError(
            "too_many_requests",
            "too many submissions at once; wait a moment and send again",
            headers={"Retry-After": retry_after(wait)},
        )


def view_message(ctx: WebContext, participant: Participant, request: web.Request) -> dict[str, Any]:
    """What `me` returns and the stream sends: the server's clock and this phone's view, in
    the language the phone reads the session in. Its step is the stream's shared one, revealed
    results included: a phone that just answered must not be shown a newer tally than its
    stream then sends (the count would go back, then forward again)."""
    hub = ctx.hub
    now = hub.clock()
    _, step = ctx.shared_view.get(hub.state, hub.version, now, hub.results_epoch)
    view = personal_view(hub.state, participant, step)
    translation = request_translation(request, hub)
    return {"now": now, "view": translate_view(view, hub.state, translation)}


def _text_field(data: dict[str, Any], key: str, what: str) -> str:
    value = data.get(key)
    if not isinstance(value, str):
        raise ApiError("bad_shape", f"'{key}' must be {what}")
    return value


async def join(request: web.Request) -> web.Response:
    """Join the session, or come back as the participant this phone's cookie belongs to.

    A new phone from an address over the join limit is given a turn instead: 429 with the
    seconds to wait, and its place in the queue in a cookie, so that it gets in when it asks
    again then. Phones queued or turned away are recorded for the projector."""
    ctx = room_context(request)
    data = await read_json(request, ctx, allow_empty=True)
    name = data.get("name")
    if name is not None and not isinstance(name, str):
        raise ApiError("bad_shape", "'name' must be text, or left out for a generated name")
    token = request.cookies.get(COOKIE)
    existing = ctx.hub.participant_for_token(token) if token else None
    if existing is not None:
        return web.json_response({"joined": False, **view_message(ctx, existing, request)})
    now = ctx.hub.clock()
    state = ctx.hub.state
    # No phone waits in line for a room that is full or closed: the hub says so at once.
    if state.joining_open and len(state.participants) < state.settings.max_participants:
        turn = ctx.joins.admit(request.remote or "", now, request.cookies.get(QUEUE_COOKIE))
        if turn.wait > 0:
            return _queued(ctx, turn, now)
    try:
        # A generated name is in the language the phone reads the session in.
        participant, token = await ctx.hub.join(name, request_language(request, ctx.hub))
    except Refused as refused:
        if refused.code in ("session_full", "joining_closed"):
            ctx.turned_away.record(refused.code, now)
        raise
    response = web.json_response(
        {"joined": True, **view_message(ctx, participant, request)}, status=201
    )
    response.set_cookie(
        COOKIE,
        token,
        path=cookie_path(ctx),
        max_age=ctx.limits.cookie_days * 24 * 3600,
        httponly=True,
        samesite="Lax",
        secure=ctx.secure_cookies,
    )
    if QUEUE_COOKIE in request.cookies:
        response.del_cookie(QUEUE_COOKIE, path=cookie_path(ctx))
    return response


def _queued(ctx: WebContext, turn: Turn, now: float) -> web.Response:
    """429 for a new phone that must wait its turn, with its place in the queue."""
    wait = retry_after(turn.wait)
    if turn.new:
        ctx.turned_away.record("queued", now)
    response = error_response(
        "too_many_requests",
        f"too many new phones from this address at once; your turn comes in {wait} seconds: "
        "join again then",
        {"queued": turn.ticket is not None, "wait": int(wait)},
        headers={"Retry-After": wait},
    )
    if turn.ticket is not None:
        response.set_cookie(
            QUEUE_COOKIE,
            turn.ticket,
            path=cookie_path(ctx),
            # Kept a while past the turn: a phone whose screen was locked still has its place.
            max_age=int(wait) + int(ctx.joins.grace),
            httponly=True,
            samesite="Lax",
            secure=ctx.secure_cookies,
        )
    return response


async def me(request: web.Request) -> web.Response:
    """This phone's participant and current view."""
    ctx = room_context(request)
    participant = current_participant(request, ctx)
    return web.json_response(view_message(ctx, participant, request))


async def rename(request: web.Request) -> web.Response:
    """Change this phone's display name."""
    ctx = room_context(request)
    participant = current_participant(request, ctx)
    pace(ctx, participant)
    data = await read_json(request, ctx)
    name = _text_field(data, "name", "text")
    await ctx.hub.execute(Rename(participant.id, name))
    return web.json_response(view_message(ctx, participant, request))


async def answer(request: web.Request) -> web.Response:
    """Store this phone's whole answer to a step; a repeated `key` is acknowledged, not redone."""
    ctx = room_context(request)
    participant = current_participant(request, ctx)
    pace(ctx, participant)
    data = await read_json(request, ctx)
    step_id = _text_field(data, "step", "the id of a step")
    key = _text_field(data, "key", "a key of 1-64 letters, digits, '-' or '_'")
    if not KEY_PATTERN.match(key):
        raise ApiError("bad_shape", "'key' must be 1-64 letters, digits, '-' or '_'")
    if "payload" not in data:
        raise ApiError("bad_shape", "'payload' is missing; it holds the answer")
    hub = ctx.hub
    applied = await hub.execute(Answer(participant.id, step_id, data["payload"], key, hub.clock()))
    step_state = hub.state.steps[step_id]
    stored = step_state.current_answers.get(participant.id)
    reply = {"received": True, "duplicate": applied.duplicate, "step": step_id, "answer": stored}
    if applied.held:
        reply["held"] = list(applied.held)
    return web.json_response(reply)
