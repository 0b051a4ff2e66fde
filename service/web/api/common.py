"""Helpers shared by the API modules: parameter parsing and absolute URLs."""

from __future__ import annotations

from flask import request

from service.errors import ServiceError
from service.i18n import DEFAULT_LANG, normalize_lang
from service.present import links
from service.web.state import settings


class BadRequest(ServiceError):
    """A malformed request (400)."""

    code = "bad_request"


class InvalidLang(BadRequest):
    """An unknown `lang` query parameter (400)."""

    code = "invalid_lang"


def query_lang(default: str = DEFAULT_LANG) -> str:
    """The `lang` query parameter, normalised; 400 when given but unknown."""
    raw = request.args.get("lang")
    if raw is None or raw == "":
        return default
    lang = normalize_lang(raw)
    if lang is None:
        raise InvalidLang("unknown lang")
    return lang


def absolute(path: str) -> str:
    """An absolute URL from PUBLIC_BASE_URL."""
    return settings().public_base_url + path


def entry_url(lang: str, slug: str) -> str:
    return absolute(links.entry_path(lang, slug))
