"""Every refusal a phone can get, as JSON with a stable code and an HTTP status.

Phones translate `code` and fall back to `message`; the status lets a script tell a mistake in
the request (4xx, do not repeat it) from a moment's trouble (429/503, repeat it later).
"""

from __future__ import annotations

from typing import Any

from aiohttp import web

from workshop_tui.domain.verdict import Refused

STATUS = {
    "bad_json": 400,
    "bad_request": 400,
    "bad_shape": 400,
    "not_joined": 401,
    "not_facilitator": 401,
    "wrong_remote": 403,
    "unknown_key": 404,
    "not_now": 409,
    "not_held": 409,
    "no_projector": 503,
    "unknown_room": 404,
    "unknown_step": 404,
    "not_found": 404,
    "method_not_allowed": 405,
    "joining_closed": 409,
    "session_full": 409,
    "locked": 409,
    "not_current": 409,
    "no_answers": 409,
    "closed": 410,
    "too_large": 413,
    "not_json": 415,
    "too_many_requests": 429,
    "bad_text": 422,
    "not_stored": 503,
}
# Anything else the domain refuses is a well-formed request whose content breaks a rule.
DEFAULT_STATUS = 422


def error_response(
    code: str,
    message: str,
    detail: dict[str, Any] | None = None,
    headers: dict[str, str] | None = None,
) -> web.Response:
    """A JSON error body `{"error": {"code", "message", "detail"}}` with the code's status."""
    body = {"error": {"code": code, "message": message, "detail": detail or {}}}
    return web.json_response(body, status=STATUS.get(code, DEFAULT_STATUS), headers=headers)


def refused_response(refused: Refused) -> web.Response:
    """The JSON response for a rule the domain (or the hub) refused."""
    headers = {"Retry-After": "1"} if refused.code == "not_stored" else None
    return error_response(refused.code, refused.message, refused.detail, headers)


class ApiError(Exception):
    """A request the web layer itself refuses before it reaches the hub."""

    def __init__(self, code: str, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.headers = headers

    def response(self) -> web.Response:
        """This refusal as a JSON response."""
        return error_response(self.code, self.message, headers=self.headers)
