"""The HTML side: asking for the code, the phone page, a wrong code, and the static files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from workshop_tui.session.hub import Hub
from workshop_tui.web import create_app

STATIC = Path(__file__).parents[2] / "workshop_tui" / "web" / "static"


async def test_the_front_page_asks_for_the_room_code(client: Any) -> None:
    response = await client.get("/")
    assert response.status == 200
    text = await response.text()
    assert 'name="room"' in text
    assert "Room code" in text


async def test_a_typed_code_leads_to_the_room(client: Any, room: str) -> None:
    response = await client.get("/", params={"room": f" {room.lower()} "}, allow_redirects=False)
    assert response.status == 303
    assert response.headers["Location"] == room


async def test_a_mistyped_code_gets_a_friendly_page_in_three_languages(client: Any) -> None:
    response = await client.get("/", params={"room": "QQQ"})
    assert response.status == 404
    text = await response.text()
    assert "There is no workshop with the code QQQ" in text
    assert "Det finns ingen workshop med koden QQQ" in text
    assert "Koodilla QQQ ei löydy työpajaa" in text
    assert "Traceback" not in text


async def test_the_short_link_serves_the_phone_page(client: Any, room: str) -> None:
    response = await client.get(f"/{room}")
    assert response.status == 200
    assert response.content_type == "text/html"
    text = await response.text()
    assert f'data-room="{room}"' in text
    assert '<html lang="en"' in text
    assert "<script>" not in text
    assert 'src="static/app.js"' in text


async def test_the_short_link_forgives_lowercase(client: Any, room: str) -> None:
    response = await client.get(f"/{room.lower()}")
    assert response.status == 200
    assert f'data-room="{room}"' in await response.text()


async def test_a_short_link_with_a_trailing_slash_goes_to_the_page(client: Any, room: str) -> None:
    response = await client.get(f"/{room}/")
    assert response.status == 200
    assert str(response.url).endswith(f"/{room}")
    assert f'data-room="{room}"' in await response.text()


async def test_a_wrong_short_link_is_a_friendly_404(client: Any, hub: Hub) -> None:
    response = await client.get("/WXYZ" if hub.state.room != "WXYZ" else "/WXYV")
    assert response.status == 404
    text = await response.text()
    assert "There is no workshop" in text
    assert 'name="room"' in text


async def test_a_hostile_code_is_shown_escaped(client: Any) -> None:
    response = await client.get("/%3Cscript%3Ex")
    text = await response.text()
    assert response.status == 404
    assert "<script>x" not in text.upper().lower()
    assert "&lt;SCRIPT&gt;X" in text


async def test_static_files_are_served_with_their_types(client: Any) -> None:
    for name, kind in [
        ("app.js", "javascript"),
        ("i18n/sv.js", "javascript"),
        ("style.css", "text/css"),
    ]:
        response = await client.get(f"/static/{name}")
        assert response.status == 200, name
        assert kind in response.headers["Content-Type"]


PHONE_FILES = ("/static/app.js", "/static/style.css")


@pytest.mark.parametrize("language", ["sv", "en", "fi"])
async def test_joining_downloads_under_32_kb(
    hub: Hub, room: str, aiohttp_client: Any, language: str
) -> None:
    # What a phone fetches to join (page, script, styles, its words) as it crosses the room's
    # Wi-Fi: compressed, as every phone browser asks for.
    raw = await aiohttp_client(create_app(hub), auto_decompress=False)
    sent = 0
    for path in (f"/{room}", *PHONE_FILES, f"/static/i18n/{language}.js"):
        response = await raw.get(path, headers={"Accept-Encoding": "gzip, deflate, br"})
        assert response.status == 200, path
        assert response.headers.get("Content-Encoding") in ("gzip", "deflate"), path
        sent += len(await response.read())
    assert sent < 32 * 1024


async def test_a_phone_that_asks_for_no_compression_gets_plain_files(client: Any) -> None:
    response = await client.get("/static/app.js", headers={"Accept-Encoding": "identity"})
    assert "Content-Encoding" not in response.headers
    assert "function" in await response.text()


async def test_a_phone_revalidating_its_cached_script_gets_not_modified(client: Any) -> None:
    first = await client.get("/static/app.js", headers={"Accept-Encoding": "gzip"})
    await first.read()
    again = await client.get(
        "/static/app.js",
        headers={"Accept-Encoding": "gzip", "If-None-Match": first.headers["ETag"]},
    )
    assert again.status == 304
    assert await again.read() == b""
    head = await client.head("/static/style.css", headers={"Accept-Encoding": "gzip"})
    assert head.status == 200


async def test_the_stream_is_never_compressed(client: Any, room: str) -> None:
    joined = await client.post(f"/api/{room}/join", json={})
    assert joined.status == 201
    async with client.get(
        f"/api/{room}/stream", headers={"Accept-Encoding": "gzip"}, timeout=5
    ) as stream:
        assert stream.status == 200
        assert "Content-Encoding" not in stream.headers


async def test_phone_page_script_never_uses_innerhtml() -> None:
    for name in ("app.js",):
        source = (STATIC / name).read_text(encoding="utf-8")
        assert "innerHTML" not in source
        assert "outerHTML" not in source
        assert "insertAdjacentHTML" not in source
        assert "document.write" not in source


async def test_the_phone_page_loads_nothing_from_the_internet() -> None:
    for path in STATIC.iterdir():
        source = path.read_text(encoding="utf-8")
        assert "http://" not in source
        assert "https://" not in source
        assert "//cdn" not in source
