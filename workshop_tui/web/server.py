"""The participant server: `create_app` builds the aiohttp app; `WebServer` runs it for the
projector app (same asyncio loop) and says where phones can reach it."""

from __future__ import annotations

import logging
import socket
from collections.abc import Awaitable, Callable
from urllib.parse import urlsplit

from aiohttp import web
from aiohttp.web_protocol import RequestHandler
from aiohttp.web_request import BaseRequest

from workshop_tui.domain.verdict import Refused
from workshop_tui.participant_server import RemoteControl, ServerInfo
from workshop_tui.session.hub import Hub
from workshop_tui.web import api, calendar_file, pages, remote
from workshop_tui.web.address import bind_socket, listen_address, shown_address, url_host
from workshop_tui.web.context import CONTEXT, WebContext
from workshop_tui.web.errors import ApiError, error_response, refused_response
from workshop_tui.web.limits import Limits
from workshop_tui.web.pocket_image import CARD_IMAGES, CardImages, card_png
from workshop_tui.web.stream import stream

log = logging.getLogger(__name__)

SECURITY_HEADERS = {
    # No inline script or style anywhere: participant text can never become code.
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
        "frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}
HTTP_CODES = {404: "not_found", 405: "method_not_allowed", 413: "too_large"}
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
COMPRESSED_TYPES = frozenset({"text/html", "text/css", "text/javascript"})
COMPRESSED_FILES = (".js", ".css", ".html")
CONDITIONAL_HEADERS = ("If-None-Match", "If-Modified-Since", "If-Range", "Range")


@web.middleware
async def _errors(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Every failure under /api/ becomes a JSON error with a code; nothing shows a traceback."""
    try:
        return await handler(request)
    except ApiError as exc:
        return exc.response()
    except Refused as refused:
        return refused_response(refused)
    except web.HTTPException as exc:
        if not request.path.startswith("/api/") or exc.status < 400:
            raise
        code = HTTP_CODES.get(exc.status, "bad_request")
        if code == "too_large":
            limit = request.app[CONTEXT].limits.max_body_bytes
            return error_response(code, f"the request is larger than {limit} bytes")
        return error_response(code, exc.reason)
    except Exception:
        log.exception("participant server: %s %s failed", request.method, request.path)
        return web.json_response(
            {"error": {"code": "internal", "message": "something went wrong", "detail": {}}},
            status=500,
        )


@web.middleware
async def _compressed(request: web.Request, handler: Handler) -> web.StreamResponse:
    """The phone page, its script, styles and words gzipped for phones that accept it: a room
    of phones joining at once shares one guest Wi-Fi, and text shrinks to about a third.

    Never the API: its stream must reach each phone as it is written, and its JSON is small.
    """
    response = await handler(request)
    if request.path.startswith("/api/") or request.method != "GET":
        return response
    # aiohttp writes a compressed empty body after a 304 or a HEAD answer's headers, which
    # breaks the connection: a browser revalidating its cached script gets it plain instead.
    if any(header in request.headers for header in CONDITIONAL_HEADERS):
        return response
    # A static file's type is only guessed as it is sent: its name tells it.
    if response.content_type in COMPRESSED_TYPES or request.path.endswith(COMPRESSED_FILES):
        response.enable_compression()
    return response


class _JsonErrorHandler(RequestHandler):
    """aiohttp answers a request it cannot parse (a bad method, an over-long URL or header, too
    many headers, TLS bytes, a negative Content-Length) itself, before any middleware, as plain
    text that echoes part of the request. This answers the same status as JSON `bad_request`
    with the security headers, and says nothing about what was sent."""

    def handle_error(
        self,
        request: BaseRequest,
        status: int = 500,
        exc: BaseException | None = None,
        message: str | None = None,
    ) -> web.StreamResponse:
        # The parent logs the failure and refuses when a response is already on its way.
        super().handle_error(request, status, exc, message)
        if status >= 500:
            body = {"code": "internal", "message": "something went wrong", "detail": {}}
        else:
            body = {"code": "bad_request", "message": "the request is not valid HTTP", "detail": {}}
        response = web.json_response({"error": body}, status=status)
        response.headers.update(SECURITY_HEADERS)
        response.headers["Cache-Control"] = "no-store"
        response.force_close()
        return response


class _JsonErrorServer(web.Server):
    def __call__(self) -> RequestHandler:
        return _JsonErrorHandler(self, loop=self._loop, **self._kwargs)


class _Runner(web.AppRunner):
    """An AppRunner whose connections answer unparseable requests with `_JsonErrorHandler`."""

    async def _make_server(self) -> web.Server:
        plain = await super()._make_server()
        return _JsonErrorServer(
            plain.request_handler,
            request_factory=plain.request_factory,
            handler_cancellation=plain.handler_cancellation,
            loop=plain._loop,
            **plain._kwargs,
        )


async def _headers(request: web.Request, response: web.StreamResponse) -> None:
    response.headers.update(SECURITY_HEADERS)
    if request.path.startswith("/api/"):
        response.headers.setdefault("Cache-Control", "no-store")


async def _end_streams(app: web.Application) -> None:
    app[CONTEXT].end_streams()


def create_app(
    hub: Hub,
    limits: Limits | None = None,
    *,
    secure_cookies: bool = False,
    path_prefix: str = "",
    remote_control: RemoteControl | None = None,
) -> web.Application:
    """The participant server's app for this hub (tests run it with aiohttp's test client);
    with `remote_control`, also the facilitator's phone remote (web/remote.py)."""
    limits = limits or Limits()
    app = web.Application(middlewares=[_errors, _compressed], client_max_size=limits.max_body_bytes)
    app[CONTEXT] = WebContext(
        hub, limits, secure_cookies, path_prefix=path_prefix, remote=remote_control
    )
    app.on_response_prepare.append(_headers)
    # Open streams would otherwise hold the shutdown for its whole timeout.
    app.on_shutdown.append(_end_streams)
    app.router.add_get("/", pages.ask)
    app.router.add_get("/static/i18n/{lang}.js", pages.texts_script)
    app.router.add_static("/static", str(pages.STATIC))
    app.router.add_post("/api/{room}/join", api.join)
    app.router.add_get("/api/{room}/me", api.me)
    app.router.add_post("/api/{room}/rename", api.rename)
    app.router.add_post("/api/{room}/answer", api.answer)
    app[CARD_IMAGES] = CardImages()
    app.router.add_get("/api/{room}/card.png", card_png)
    app.router.add_get("/api/{room}/campaign.ics", calendar_file.campaign_ics)
    # No HEAD: it would hold a stream open that can never send anything.
    app.router.add_get("/api/{room}/stream", stream, allow_head=False)
    if remote_control is not None:
        # Before `/{room}`, which would take `/remote` for a room code.
        remote.add_routes(app)
    app.router.add_get("/{room}", pages.phone_page)
    app.router.add_get("/{room}/", pages.trailing_slash)
    return app


class WebServer:
    """Runs the participant server on the projector app's loop (see `ParticipantServer`)."""

    def __init__(
        self,
        hub: Hub,
        host: str | None = None,
        port: int = 8765,
        public_url: str | None = None,
        limits: Limits | None = None,
        remote_control: RemoteControl | None = None,
    ) -> None:
        self.hub = hub
        self.host = host
        self.port = port
        self.public_url = public_url.rstrip("/") if public_url else None
        self.limits = limits or Limits()
        self.remote_control = remote_control
        self._runner: web.AppRunner | None = None
        self._bound: tuple[socket.socket, str] | None = None

    def bind(self) -> str:
        """Take the port now, before the loop runs, and return the base URL phones will use:
        the CLI prints the remote's link before the projector takes the terminal. Raises
        OSError when the port cannot be had. `start` binds by itself when this was not called."""
        if self._bound is None:
            # The same choice as `workshop-tui doctor` makes, so the two never disagree.
            listen = listen_address(self.host)
            sock = bind_socket(listen, self.port)
            self._bound = (sock, listen)
            if self.remote_control is not None and self.remote_control.token is not None:
                self.remote_control.url = f"{self._base(sock, listen)[0]}/remote/" + (
                    self.remote_control.token
                )
        sock, listen = self._bound
        return self._base(sock, listen)[0]

    def _base(self, sock: socket.socket, listen: str) -> tuple[str, bool]:
        """The base URL for a bound socket, and whether only this machine can reach it."""
        port: int = sock.getsockname()[1]
        shown = shown_address(listen)
        if self.public_url:
            return self.public_url, False
        loopback_only = shown.startswith("127.") or shown in ("::1", "localhost")
        return f"http://{url_host(shown)}:{port}", loopback_only

    async def start(self) -> ServerInfo:
        """Listen (on the LAN address unless a host was given) and say where phones join."""
        self.bind()
        assert self._bound is not None
        sock, listen = self._bound
        self._bound = None
        port: int = sock.getsockname()[1]
        public = urlsplit(self.public_url) if self.public_url else None
        app = create_app(
            self.hub,
            self.limits,
            secure_cookies=public is not None and public.scheme == "https",
            path_prefix=public.path.rstrip("/") if public else "",
            remote_control=self.remote_control,
        )
        runner = _Runner(app, access_log=None, handle_signals=False, shutdown_timeout=2.0)
        await runner.setup()
        try:
            await web.SockSite(runner, sock).start()
        except BaseException:
            await runner.cleanup()
            sock.close()
            raise
        self._runner = runner

        shown = shown_address(listen)
        base, loopback_only = self._base(sock, listen)
        room = self.hub.state.room
        return ServerInfo(
            join_url=f"{base}/{room}",
            base_url=base,
            room=room,
            host=shown,
            port=port,
            loopback_only=loopback_only,
            turned_away=app[CONTEXT].turned_away,
            remote=self.remote_control,
        )

    async def stop(self) -> None:
        """End every open stream, then stop listening."""
        runner, self._runner = self._runner, None
        if runner is not None:
            await runner.cleanup()
