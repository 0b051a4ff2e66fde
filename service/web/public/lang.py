"""The page language from the URL (`/<lang>/...`) for every blueprint: aliases redirect, unknown codes get a 404."""

from __future__ import annotations

import time
from functools import cache, lru_cache
from typing import Any
from urllib.parse import urlencode

from flask import Flask, Response, abort, g, redirect, request, url_for
from werkzeug.http import dump_cookie
from werkzeug.routing import BuildError

from service.directory.bidi import isolate_ltr
from service.directory.schema import SLUG_RE
from service.i18n import BY_CODE, DEFAULT_LANG, LANGUAGES, language, negotiate, normalize_lang
from service.present.entries import emergency_numbers
from service.present.topics import name_of

QUICK_EXIT_URL = "https://www.wetter.com/"  # a neutral site; the button replaces this page in the history


COOKIE = "lang"  # the one cookie of the public pages: the language last read in, for the next visit to /
COOKIE_AGE = 365 * 24 * 3600
SLUG_ARGS = ("slug", "topic", "kita")


def remembered_lang() -> str | None:
    """The language the visitor last read in (cookie), if it is one of ours (no cookies parsed when none came)."""
    return normalize_lang(request.cookies.get(COOKIE)) if "HTTP_COOKIE" in request.environ else None


def visitor_lang() -> str:
    """The visitor's language without one in the URL: remembered, else negotiated from the browser."""
    return remembered_lang() or negotiate(request.headers.get("Accept-Language"))


def _take_lang(endpoint: str | None, values: dict[str, Any] | None) -> None:
    """Remember the URL's language on `g`; an alias or a wrong case is remembered for a redirect."""
    if not values or "lang" not in values:
        return
    raw = str(values["lang"])
    code = normalize_lang(raw)
    if code is None:
        g.lang = visitor_lang()  # the 404 speaks the visitor's language
        g.bad_lang = True
        return
    g.lang = code
    if code != raw:
        g.lang_redirect = code


def _check_lang():  # noqa: ANN202 - a view-like hook
    """404 for an unknown language; a permanent redirect for an alias (/ua/ → /uk/) or a slug in capitals."""
    if g.get("bad_lang"):
        abort(404)
    view_args = request.view_args
    if not view_args:
        return None
    canonical = {name: value.lower() for name in SLUG_ARGS
                 if isinstance(value := view_args.get(name), str) and value != value.lower()
                 and SLUG_RE.match(value.lower())}
    code = g.get("lang_redirect")
    if code:
        canonical["lang"] = code
    if canonical:
        return redirect(url_for(request.endpoint, **{**view_args, **canonical}, **request.args.to_dict()), code=301)
    return None


def _remember(response: Response) -> Response:
    """Keep the language of a page read successfully for the next visit to / (only the language, no id)."""
    lang = g.get("lang")
    if (lang and response.status_code == 200 and request.method == "GET" and request.blueprint in REMEMBERED_BY
            and request.view_args and "lang" in request.view_args and remembered_lang() != lang):
        response.headers.add("Set-Cookie", lang_cookie(lang, request.is_secure, int(time.time())))
    return response


REMEMBERED_BY = ("public", "booking")  # the blueprints whose pages in a language keep it


@lru_cache(maxsize=64)
def lang_cookie(lang: str, secure: bool, now: int) -> str:
    """The Set-Cookie value that keeps `lang` for COOKIE_AGE from the second `now`: what `Response.set_cookie`
    writes then, made once a second instead of for every first visit (a QR code scanned)."""
    return dump_cookie(COOKIE, lang, max_age=COOKIE_AGE, expires=now + COOKIE_AGE, samesite="Lax", httponly=True,
                       secure=secure)


def page_urls() -> dict[str, str]:
    """The current page in every language (keeping a search query), built once per request; {} without a language."""
    if "page_urls" in g:
        return g.page_urls
    urls: dict[str, str] = {}
    if request.endpoint and request.view_args and "lang" in request.view_args:
        query = request.args.get("q")  # the one parameter that is part of a page; share markers are not
        suffix = f"?{urlencode({'q': query})}" if query else ""
        try:
            urls = {code: url_for(request.endpoint, **dict(request.view_args, lang=code)) + suffix
                    for code in BY_CODE}
        except BuildError:
            urls = {}
    g.page_urls = urls
    return urls


def page_url(code: str, absolute: bool = False) -> str | None:
    """The current page in another language, or None for pages without a language."""
    path = page_urls().get(code)
    if path and absolute:
        from service.web.state import settings

        return settings().public_base_url + path
    return path


OG_LOCALES = {"de": "de_DE", "en": "en_GB", "tr": "tr_TR", "ar": "ar_AR", "uk": "uk_UA", "ru": "ru_RU",
              "pl": "pl_PL", "ro": "ro_RO", "fa": "fa_IR", "ku": "ku_TR"}


@cache
def _emergency(lang: str) -> list:
    return emergency_numbers(lang)


def topic_name(topic: Any, lang: str | None = None) -> str:
    """A topic's name in the page's language, else German."""
    return name_of(topic, lang or getattr(g, "lang", None) or DEFAULT_LANG)


def bidi_text(text: str) -> str:
    """Text for the page: on a right-to-left page, German terms in brackets and spaced numbers are isolated."""
    return isolate_ltr(text) if language(getattr(g, "lang", None) or DEFAULT_LANG).rtl and text else text


def _template_globals() -> dict[str, Any]:
    lang = getattr(g, "lang", None) or DEFAULT_LANG
    return {"lang": lang, "language": language(lang), "languages": LANGUAGES, "page_url": page_url,
            "emergency": _emergency(lang), "og_locale": OG_LOCALES[lang], "quick_exit_url": QUICK_EXIT_URL,
            "topic_name": topic_name}


def init_app(app: Flask) -> None:
    app.url_value_preprocessor(_take_lang)
    app.before_request(_check_lang)
    app.after_request(_remember)
    app.context_processor(_template_globals)


__all__ = ["BY_CODE", "init_app", "page_url"]
