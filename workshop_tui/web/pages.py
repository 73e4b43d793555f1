"""The HTML pages: `/` (ask for the room code), `/{ROOM}` (the phone page), a wrong code.

The phone page is a static file with the session's language and room code filled in; the two
small pages are built here. Every value put into HTML here is escaped.
"""

from __future__ import annotations

import json
from functools import cache
from html import escape
from importlib import resources

from aiohttp import web

from workshop_tui.catalogue import LANGUAGES, phone_texts, supported, t
from workshop_tui.domain.names import ROOM_LENGTH, normalise_room
from workshop_tui.web.api import is_this_room
from workshop_tui.web.context import context
from workshop_tui.web.phone_language import COOKIE as LANGUAGE_COOKIE
from workshop_tui.web.phone_language import request_language

STATIC = resources.files("workshop_tui.web") / "static"
# The catalogue's words the phone page shares with the projector and the exports; the rest of
# what it shows are the `phone_*` texts and the refusals (`error_*`).
PHONE_SHARED = (
    "purpose",
    "goal",
    "period",
    "owner",
    "followup",
    "campaign",
    "round",
    "weeks",
    "dots",
    "votes",
    "reached_yes",
    "reached_partly",
    "reached_no",
    "service_card",
    "no_levels_yet",
    "card_consensus_agreed",
    "card_consensus_not_agreed",
    "card_consensus_not_taken",
    # A follow-up looks back on a campaign and on the group's levels, agreed or a draft.
    "followup_not_started",
    "previous_levels",
    "previous_levels_draft",
    "level_origin_agreed",
    "level_origin_agreed_earlier",
    "level_origin_draft",
    "level_origin_confirmed",
    "level_origin_changed",
    # The facilitator's phone remote (static/remote.js) shares the console's words.
    "key_next",
    "key_prev",
    "key_reveal",
    "key_lock",
    "key_timer",
    "key_add_minute",
    "key_release",
    "key_reject",
    "console_notes",
    "console_held",
    "console_no_held",
    "no_notes",
)


def _form(language: str, first: bool) -> str:
    field_id = f"room-{language}"
    autofocus = " autofocus" if first else ""
    return (
        f'<form method="get" action="./" lang="{language}" class="room-form">'
        f'<label for="{field_id}">{escape(t(language, "page_label"))}</label>'
        f'<input id="{field_id}" name="room" required maxlength="{ROOM_LENGTH + 4}" '
        f'autocomplete="off" autocapitalize="characters" spellcheck="false"{autofocus}>'
        f'<button type="submit">{escape(t(language, "page_go"))}</button></form>'
    )


def _page(language: str, title: str, body: str) -> str:
    return (
        f'<!doctype html><html lang="{language}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<title>{escape(title)}</title><link rel="stylesheet" href="static/style.css">'
        f'</head><body><main class="page">{body}</main></body></html>'
    )


def _languages(first: str) -> list[str]:
    return [first, *(lang for lang in LANGUAGES if lang != first)]


def ask_page(language: str) -> str:
    """The page at `/`: a room-code form in the session's language."""
    lang = supported(language)
    heading = escape(t(lang, "page_ask"))
    return _page(lang, t(lang, "page_label"), f"<h1>{heading}</h1>{_form(lang, True)}")


def wrong_room_page(language: str, code: str) -> str:
    """A friendly page in all three languages for a room code that is not this session's."""
    shown = code[:12]
    parts = []
    first = supported(language)
    for index, lang in enumerate(_languages(first)):
        parts.append(
            f'<section lang="{lang}"><h1>{escape(t(lang, "page_wrong", code=shown))}</h1>'
            f"<p>{escape(t(lang, 'page_hint'))}</p>{_form(lang, index == 0)}</section>"
        )
    return _page(first, t(first, "page_label"), "".join(parts))


@cache
def phone_catalogue(language: str) -> dict[str, str | dict[str, str]]:
    """The texts the phone page shows, in `language`, as `GET /static/i18n/{lang}.js` serves
    them: a plural entry as {CLDR category: text} (the page picks with `Intl.PluralRules`)."""
    texts = phone_texts(language)
    return {
        key: text
        for key, text in texts.items()
        if key.startswith(("phone_", "error_")) or key in PHONE_SHARED
    }


@cache
def _texts_script(language: str) -> str:
    return f"window.TEXTS = {json.dumps(phone_catalogue(language), ensure_ascii=False)};\n"


async def texts_script(request: web.Request) -> web.StreamResponse:
    """`/static/i18n/{lang}.js`: the phone page's words from the one catalogue, as a script of
    its own (the page's CSP runs scripts from this server only, never inline ones)."""
    language = request.match_info["lang"]
    if language not in LANGUAGES:
        raise web.HTTPNotFound()
    return web.Response(
        text=_texts_script(language), content_type="text/javascript", charset="utf-8"
    )


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
    chosen = request.query.get("lang")
    if chosen in hub.languages:
        # The phone's choice from the language links: kept in a cookie for the page and the
        # API alike (every room on this server), then the page again at its own address.
        moved = web.HTTPSeeOther(location=code)
        moved.set_cookie(
            LANGUAGE_COOKIE,
            chosen,
            path=f"{context(request).path_prefix}/",
            max_age=context(request).limits.cookie_days * 24 * 3600,
            samesite="Lax",
            secure=context(request).secure_cookies,
        )
        raise moved
    language = supported(request_language(request, hub))
    page = (STATIC / "index.html").read_text(encoding="utf-8")
    page = page.replace("{{lang}}", language).replace("{{room}}", code)
    page = page.replace("{{languages}}", language_links(hub.languages, language))
    response = _html(page)
    response.headers["Cache-Control"] = "no-store"
    return response


def language_links(languages: tuple[str, ...], current: str) -> str:
    """The phone page's language switch: a link per language of the session, each named in
    its own language; nothing for a session in one language."""
    if len(languages) < 2:
        return ""
    links = "".join(
        f'<li><a href="?lang={lang}" lang="{lang}" hreflang="{lang}"'
        + (' aria-current="true"' if lang == current else "")
        + f">{escape(t(lang, 'language_name'))}</a></li>"
        for lang in languages
    )
    label = escape(t(current, "phone_language"))
    return f'<nav class="languages" aria-label="{label}"><ul>{links}</ul></nav>'


async def trailing_slash(request: web.Request) -> web.StreamResponse:
    """`/{ROOM}/` (a typed link with a slash) goes to `/{ROOM}`, where the page's links work."""
    raise web.HTTPMovedPermanently(location=f"../{request.match_info['room']}")
