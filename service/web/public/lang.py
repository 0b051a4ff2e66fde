"""The page language from the URL (`/<lang>/...`) for every blueprint: aliases redirect, unknown codes get a 404."""

from __future__ import annotations

from functools import cache
from typing import Any
from urllib.parse import urlencode

from flask import Flask, abort, g, redirect, request, url_for
from werkzeug.routing import BuildError

from service.i18n import BY_CODE, DEFAULT_LANG, LANGUAGES, language, normalize_lang
from service.present.entries import emergency_numbers
from service.present.topics import name_of

QUICK_EXIT_URL = "https://www.wetter.com/"  # a neutral site; the button replaces this page in the history


def _take_lang(endpoint: str | None, values: dict[str, Any] | None) -> None:
    """Remember the URL's language on `g`; an alias or a wrong case is remembered for a redirect."""
    if not values or "lang" not in values:
        return
    raw = str(values["lang"])
    code = normalize_lang(raw)
    if code is None:
        g.lang = DEFAULT_LANG
        g.bad_lang = True
        return
    g.lang = code
    if code != raw:
        g.lang_redirect = code


def _check_lang():  # noqa: ANN202 - a view-like hook
    """404 in German for an unknown language; a permanent redirect for an alias (/ua/ → /uk/)."""
    if getattr(g, "bad_lang", False):
        abort(404)
    code = getattr(g, "lang_redirect", None)
    if code and request.endpoint and request.view_args is not None:
        args = dict(request.view_args, lang=code)
        return redirect(url_for(request.endpoint, **args, **request.args.to_dict()), code=301)
    return None


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


def _template_globals() -> dict[str, Any]:
    lang = getattr(g, "lang", None) or DEFAULT_LANG
    return {"lang": lang, "language": language(lang), "languages": LANGUAGES, "page_url": page_url,
            "emergency": _emergency(lang), "og_locale": OG_LOCALES[lang], "quick_exit_url": QUICK_EXIT_URL,
            "topic_name": topic_name}


def init_app(app: Flask) -> None:
    app.url_value_preprocessor(_take_lang)
    app.before_request(_check_lang)
    app.context_processor(_template_globals)


__all__ = ["BY_CODE", "init_app", "page_url"]
