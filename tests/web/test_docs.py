"""docs/api.md and the server's routes describe the same API."""

from __future__ import annotations

import re
from pathlib import Path

from aiohttp import web

from workshop_tui.participant_server import RemoteControl
from workshop_tui.session.hub import Hub
from workshop_tui.web import create_app
from workshop_tui.web.errors import STATUS

DOC = Path(__file__).parents[2] / "docs" / "api.md"


def served_routes(app: web.Application) -> set[str]:
    routes = set()
    for route in app.router.routes():
        if route.method == "HEAD":
            continue
        resource = route.resource
        assert resource is not None
        path = resource.canonical.replace("{room}", "{ROOM}")
        if isinstance(resource, web.StaticResource):
            path += "/{file}"
        routes.add(f"{route.method} {path}")
    return routes


def documented_routes() -> set[str]:
    text = DOC.read_text(encoding="utf-8")
    return set(re.findall(r"^### `((?:GET|POST) \S+)`$", text, flags=re.MULTILINE))


async def test_every_route_is_documented_and_every_documented_route_exists(hub: Hub) -> None:
    # With the facilitator's phone remote, so that its routes are counted too.
    app = create_app(hub, remote_control=RemoteControl())
    assert served_routes(app) == documented_routes()


def test_every_error_code_is_documented() -> None:
    text = DOC.read_text(encoding="utf-8")
    for code in STATUS:
        assert f"`{code}`" in text, code
