"""Helpers for the public pages: absolute URLs, share links, QR codes, counters and the page cache."""

from __future__ import annotations

import io
from collections.abc import Callable, Hashable
from datetime import date
from functools import lru_cache
from typing import TypeVar
from urllib.parse import quote

import segno
from flask import Response, current_app, g, request

from service import counters
from service.directory.schema import SLUG_RE
from service.errors import NotFound
from service.present import links
from service.present.cache import VersionedCache, directory_stamp
from service.present.entries import share_message
from service.web.assets import Body, respond
from service.web.database import db
from service.web.state import settings

T = TypeVar("T")
CRISIS_TOPIC = "crisis-protection"


def check_slug(slug: str) -> str:
    """A slug as the directory writes them, else NotFound before any query (PostgreSQL refuses NUL bytes)."""
    if not SLUG_RE.match(slug):
        raise NotFound("no such slug")
    return slug


def absolute(path: str) -> str:
    """An absolute URL from PUBLIC_BASE_URL."""
    return settings().public_base_url + path


def source() -> str | None:
    """The share marker of the request (`?src=qr|bot|share`), if valid."""
    value = request.args.get("src", "")
    return value if value in links.SOURCES else None


def bot_link(lang: str, slug: str) -> str | None:
    """The Telegram deep link that opens this entry in the bot, when the bot's username is configured."""
    return links.telegram_link(settings().telegram_bot_username, links.deep_link_entry(lang, slug))


def share_links(title: str, url: str, lang: str) -> list[tuple[str, str]]:
    """(name, href) of messenger and mail links that share `url` with a short message in `lang`."""
    text = share_message(title, url, lang)
    return [
        ("WhatsApp", f"https://wa.me/?text={quote(text)}"),
        ("Telegram", f"https://t.me/share/url?url={quote(url, safe='')}&text={quote(title)}"),
        ("SMS", f"sms:?&body={quote(text)}"),
        ("E-Mail", f"mailto:?subject={quote(title)}&body={quote(text)}"),
    ]


@lru_cache(maxsize=512)
def qr_svg(url: str, title: str = "") -> str:
    """A scalable SVG QR code for `url` (black on white, quiet zone included)."""
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="svg", border=2, omitsize=True, xmldecl=False,
                                    svgclass="qr", lineclass=None, title=title or None)
    return buffer.getvalue().decode("utf-8")


def count(event: str, **dims: str | None) -> None:
    """Add one to an anonymous daily counter (in memory, flushed in batches: nothing is written per view)."""
    if settings().analytics_enabled:
        counters.count(event, date.today(), **dims)


def page_cache() -> VersionedCache:
    """The app's versioned cache of pages and directory data (service.present.cache)."""
    return current_app.extensions["wegweiser_pages"]


def search_pages() -> VersionedCache:
    """Search pages of queries made only of directory words, kept apart so that many queries never push out pages."""
    return current_app.extensions["wegweiser_search_pages"]


def memo(key: Hashable, build: Callable[[], T], cache: VersionedCache | None = None) -> T:
    """A value kept per directory version (not in testing, so tests that change rows see fresh data)."""
    if current_app.testing and not current_app.config.get("PAGE_CACHE"):
        return build()
    return (page_cache() if cache is None else cache).get(key, build, _version)


def _version() -> Hashable:
    """The directory version, read through the request's session (opened only when the version is due)."""
    return directory_stamp(db())()


def cached(build: Callable[[], str]) -> Response:
    """Render through the page cache, keyed by language and path."""
    return respond(memo(f"page:{getattr(g, 'lang', '')}:{request.path}", lambda: Body.of(build())))
