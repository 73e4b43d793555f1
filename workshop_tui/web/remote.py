"""The facilitator's phone remote (`--remote`): a page and a small API behind its own secret.

The secret link `/remote/{secret}` (printed in the terminal and shown on the console, never on
the projector) sets the secret as a cookie of its own, `workshop_remote` (`HttpOnly`,
`SameSite=Strict`, `Path=/api/remote`), and sends the phone on to `/remote`, the page, so the
secret leaves the address bar at once. Every route under `/api/remote/` checks that cookie
against `RemoteControl` before anything else: no cookie is 401, any other secret (a wrong one,
a participant's token, a revoked one) is 403, and wrong secrets are counted per client address.

What the remote sees is the console's view (`domain.console.console_view`), over a stream like
the phones'; what it does is press the projector's own keys (`RemoteControl.press`, the
projector's console key handler and whitelist), or release or reject a held answer as the
console does (`Hub.moderate_held`). The web layer never reaches the projector itself.
"""

from __future__ import annotations

import json
import re
from typing import Any

from aiohttp import web

from workshop_tui.catalogue import supported
from workshop_tui.domain.console import console_view
from workshop_tui.participant_server import RemoteControl
from workshop_tui.web.api import read_json
from workshop_tui.web.context import WebContext, context
from workshop_tui.web.errors import ApiError
from workshop_tui.web.limits import retry_after
from workshop_tui.web.pages import STATIC
from workshop_tui.web.stream import open_event_stream

COOKIE = "workshop_remote"
# A projector action's name (`next_step`, `reveal`, …); the projector decides which it runs.
KEY_NAME = re.compile(r"^[a-z_]{1,40}$")
# Step and item ids are short; anything longer is not one the view gave.
MAX_ID = 200


def _cookie_path(ctx: WebContext) -> str:
    return f"{ctx.path_prefix}/api/remote"


def _remote(ctx: WebContext) -> RemoteControl:
    # Only registered with a remote, so this holds; a guard all the same for a handler reused.
    if ctx.remote is None:
        raise web.HTTPNotFound()
    return ctx.remote


def _refuse_guess(request: web.Request, ctx: WebContext, code: str, message: str) -> ApiError:
    """A refusal for a wrong secret, counted against the client's address: past the limit,
    every secret from it (the right one too) gets 429, so guessing tells nothing."""
    wait = ctx.remote_guesses.take(request.remote or "", ctx.hub.clock())
    if wait > 0:
        return _too_many(wait)
    return ApiError(code, message)


def _too_many(wait: float) -> ApiError:
    return ApiError(
        "too_many_requests",
        f"too many requests for the remote; wait {retry_after(wait)} seconds",
        headers={"Retry-After": retry_after(wait)},
    )


def facilitator(request: web.Request) -> tuple[WebContext, RemoteControl]:
    """The context and the remote, once the request carries the remote's valid secret; else
    401 not_facilitator (no secret) or 403 wrong_remote (any other), or 429 for an address
    that has sent too many wrong ones."""
    ctx = context(request)
    remote = _remote(ctx)
    address = request.remote or ""
    wait = ctx.remote_guesses.wait(address, ctx.hub.clock())
    if wait > 0:
        raise _too_many(wait)
    token = request.cookies.get(COOKIE)
    if not token:
        raise ApiError("not_facilitator", "open the remote's secret link first")
    if not remote.matches(token):
        raise _refuse_guess(
            request, ctx, "wrong_remote", "this remote link is not valid (any more)"
        )
    return ctx, remote


def _pace(ctx: WebContext) -> None:
    wait = ctx.remote_bucket.take(ctx.hub.clock())
    if wait > 0:
        raise _too_many(wait)


async def open_link(request: web.Request) -> web.StreamResponse:
    """`/remote/{secret}`: keep the secret in the remote's cookie and go on to the page."""
    ctx = context(request)
    remote = _remote(ctx)
    address = request.remote or ""
    wait = ctx.remote_guesses.wait(address, ctx.hub.clock())
    if wait > 0:
        raise _too_many(wait)
    token = request.match_info["secret"]
    if not remote.matches(token):
        raise _refuse_guess(
            request, ctx, "wrong_remote", "this remote link is not valid (any more)"
        )
    # Relative, so that a reverse proxy's path prefix is kept.
    response = web.Response(
        status=303, headers={"Location": "../remote", "Cache-Control": "no-store"}
    )
    response.set_cookie(
        COOKIE,
        token,
        path=_cookie_path(ctx),
        httponly=True,
        samesite="Strict",
        secure=ctx.secure_cookies,
    )
    return response


async def page(request: web.Request) -> web.StreamResponse:
    """`/remote`: the remote's page. It holds no secret: without the cookie its stream is
    refused and it says so."""
    ctx = context(request)
    _remote(ctx)
    text = (STATIC / "remote.html").read_text(encoding="utf-8")
    text = text.replace("{{lang}}", supported(ctx.hub.language))
    response = web.Response(text=text, content_type="text/html", charset="utf-8")
    response.headers["Cache-Control"] = "no-store"
    return response


def remote_message(ctx: WebContext) -> dict[str, Any]:
    """What the stream sends: the hub's clock and the console's view of the session."""
    hub = ctx.hub
    now = hub.clock()
    return {"now": now, "view": console_view(hub.state, now, hub.started_at)}


async def stream(request: web.Request) -> web.StreamResponse:
    """`text/event-stream` of `view` events; ends when the secret is revoked."""
    ctx, remote = facilitator(request)
    hub = ctx.hub
    response = await open_event_stream(request)
    subscription = ctx.listen()
    # Revoking the secret ends the stream at once, as stopping the server does.
    stop_listening = remote.listen(subscription.end)
    last: dict[str, Any] | None = None
    try:
        await response.write(f"retry: {ctx.limits.sse_retry_ms}\n\n".encode())
        woken: int | None = hub.version
        # Checked on each turn too: a revoke between the check above and the listener counts.
        while not hub.closed and not subscription.ended and remote.active:
            message = remote_message(ctx)
            # Coalesced: a wake-up that changed nothing the remote shows sends nothing.
            seen = {k: v for k, v in message["view"].items() if k != "now"}
            if seen != last:
                last = seen
                data = json.dumps(message, ensure_ascii=False, separators=(",", ":"))
                await response.write(f"event: view\ndata: {data}\n\n".encode())
            elif woken is None:
                await response.write(b": keep-alive\n\n")
            woken = await subscription.wait()
    except ConnectionError:
        pass
    finally:
        stop_listening()
        ctx.stop_listening(subscription)
    return response


async def key(request: web.Request) -> web.Response:
    """Press one of the projector's keys: `{"key": "next_step"}`."""
    ctx, remote = facilitator(request)
    _pace(ctx)
    data = await read_json(request, ctx)
    action = data.get("key")
    if not isinstance(action, str) or not KEY_NAME.match(action):
        raise ApiError("bad_shape", "'key' must be the name of a projector key, e.g. next_step")
    code = await remote.press(action)
    if code == "unknown_key":
        raise ApiError(code, f"the remote has no key {action!r}")
    if code == "no_projector":
        raise ApiError(code, "no projector is running this session", {"Retry-After": "1"})
    if code is not None:
        raise ApiError("not_now", "that key does nothing now")
    return web.json_response(remote_message(ctx))


async def held(request: web.Request) -> web.Response:
    """Release or reject an answer the word filter holds, as the console does:
    `{"command": "release" | "reject", "step_id": …, "item_id": …}`."""
    ctx, _ = facilitator(request)
    _pace(ctx)
    data = await read_json(request, ctx)
    command, step_id, item_id = data.get("command"), data.get("step_id"), data.get("item_id")
    if command not in ("release", "reject"):
        raise ApiError("bad_shape", "'command' must be release or reject")
    for name, value in (("step_id", step_id), ("item_id", item_id)):
        if not isinstance(value, str) or not 0 < len(value) <= MAX_ID:
            raise ApiError("bad_shape", f"'{name}' must be the id the remote's view gives")
    await ctx.hub.moderate_held(str(step_id), str(item_id), reject=command == "reject")
    return web.json_response(remote_message(ctx))


def add_routes(app: web.Application) -> None:
    """The remote's page and API; only on a server started with a remote."""
    app.router.add_get("/remote/{secret}", open_link, allow_head=False)
    app.router.add_get("/remote", page)
    app.router.add_get("/api/remote/stream", stream, allow_head=False)
    app.router.add_post("/api/remote/key", key)
    app.router.add_post("/api/remote/held", held)
