"""The HTML pages: `/` (ask for the room code), `/{ROOM}` (the phone page), a wrong code.

The phone page is a static file with the session's language and room code filled in; the two
small pages are built here. Every value put into HTML here is escaped.
"""

from __future__ import annotations

from html import escape
from importlib import resources

from aiohttp import web

from workshop_tui.domain.names import ROOM_LENGTH, normalise_room
from workshop_tui.web.api import is_this_room
from workshop_tui.web.context import context

STATIC = resources.files("workshop_tui.web") / "static"

TEXTS = {
    "sv": {
        "ask": "Skriv rumskoden från skärmen",
        "label": "Rumskod",
        "go": "Gå med",
        "wrong": "Det finns ingen workshop med koden {code}.",
        "hint": "Kontrollera koden på skärmen och försök igen.",
    },
    "en": {
        "ask": "Type the room code shown on the screen",
        "label": "Room code",
        "go": "Join",
        "wrong": "There is no workshop with the code {code}.",
        "hint": "Check the code on the screen and try again.",
    },
    "fi": {
        "ask": "Kirjoita näytöllä näkyvä huoneen koodi",
        "label": "Huoneen koodi",
        "go": "Liity",
        "wrong": "Koodilla {code} ei löydy työpajaa.",
        "hint": "Tarkista koodi näytöltä ja yritä uudelleen.",
    },
}
ORDER = ("sv", "en", "fi")


def _form(language: str, first: bool) -> str:
    text = TEXTS[language]
    field_id = f"room-{language}"
    autofocus = " autofocus" if first else ""
    return (
        f'<form method="get" action="./" lang="{language}" class="room-form">'
        f'<label for="{field_id}">{escape(text["label"])}</label>'
        f'<input id="{field_id}" name="room" required maxlength="{ROOM_LENGTH + 4}" '
        f'autocomplete="off" autocapitalize="characters" spellcheck="false"{autofocus}>'
        f'<button type="submit">{escape(text["go"])}</button></form>'
    )


def _page(language: str, title: str, body: str) -> str:
    return (
        f'<!doctype html><html lang="{language}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<title>{escape(title)}</title><link rel="stylesheet" href="static/style.css">'
        f'</head><body><main class="page">{body}</main></body></html>'
    )


def _languages(first: str) -> list[str]:
    return [first, *(lang for lang in ORDER if lang != first)]


def ask_page(language: str) -> str:
    """The page at `/`: a room-code form in the session's language."""
    text = TEXTS.get(language, TEXTS["en"])
    lang = language if language in TEXTS else "en"
    return _page(lang, text["label"], f"<h1>{escape(text['ask'])}</h1>{_form(lang, True)}")


def wrong_room_page(language: str, code: str) -> str:
    """A friendly page in all three languages for a room code that is not this session's."""
    shown = escape(code[:12])
    parts = []
    for index, lang in enumerate(_languages(language if language in TEXTS else "en")):
        text = TEXTS[lang]
        parts.append(
            f'<section lang="{lang}"><h1>{escape(text["wrong"]).format(code=shown)}</h1>'
            f"<p>{escape(text['hint'])}</p>{_form(lang, index == 0)}</section>"
        )
    return _page(language, TEXTS["en"]["label"], "".join(parts))


def _html(text: str, status: int = 200) -> web.Response:
    return web.Response(text=text, status=status, content_type="text/html", charset="utf-8")


async def ask(request: web.Request) -> web.StreamResponse:
    """`/` asks for the room code; `/?room=abcd` (the form) goes to that room's page."""
    hub = context(request).hub
    typed = request.query.get("room")
    if typed is None:
        return _html(ask_page(hub.language))
    code = normalise_room(typed).replace(" ", "")
    if is_this_room(request, context(request), code):
        raise web.HTTPSeeOther(location=code)
    return _html(wrong_room_page(hub.language, code), status=404)


async def phone_page(request: web.Request) -> web.StreamResponse:
    """The phone page of this session's room; the wrong-code page for any other code."""
    hub = context(request).hub
    code = normalise_room(request.match_info["room"])
    if not is_this_room(request, context(request), code):
        return _html(wrong_room_page(hub.language, code), status=404)
    page = (STATIC / "index.html").read_text(encoding="utf-8")
    page = page.replace("{{lang}}", hub.language).replace("{{room}}", code)
    response = _html(page)
    response.headers["Cache-Control"] = "no-store"
    return response


async def trailing_slash(request: web.Request) -> web.StreamResponse:
    """`/{ROOM}/` (a typed link with a slash) goes to `/{ROOM}`, where the page's links work."""
    raise web.HTTPMovedPermanently(location=f"../{request.match_info['room']}")
