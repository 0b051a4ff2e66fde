"""Helpers for the public pages: absolute URLs, share links, QR codes, counters and the per-process page cache."""

from __future__ import annotations

import io
import threading
import time
from collections.abc import Callable
from datetime import date
from functools import lru_cache
from typing import Any, TypeVar
from urllib.parse import quote

import segno
from flask import current_app, g, request

from service import counters
from service.directory.present import share_message
from service.directory.queries import directory_version
from service.directory.schema import SLUG_RE
from service.errors import NotFound
from service.web.database import db
from service.web.state import settings

T = TypeVar("T")
SOURCES = ("qr", "bot", "share")
CRISIS_TOPIC = "crisis-protection"


def check_slug(slug: str) -> str:
    """A slug as the directory writes them, else NotFound before any query (PostgreSQL refuses NUL bytes)."""
    if not SLUG_RE.match(slug):
        raise NotFound("no such slug")
    return slug


def absolute(path: str) -> str:
    """An absolute URL from PUBLIC_BASE_URL."""
    return settings().public_base_url + path


def entry_path(lang: str, slug: str) -> str:
    return f"/{lang}/e/{slug}"


def booking_path(lang: str, kita: str) -> str:
    """The booking form of one kita (owned by the booking blueprint, built as a string)."""
    return f"/{lang}/kitas/{kita}/book"


def source() -> str | None:
    """The share marker of the request (`?src=qr|bot|share`), if valid."""
    value = request.args.get("src", "")
    return value if value in SOURCES else None


def bot_link(lang: str, slug: str) -> str | None:
    """The Telegram deep link that opens this entry in the bot, when the bot's username is configured."""
    username = settings().telegram_bot_username
    return f"https://t.me/{username}?start=e_{lang}_{slug}" if username else None


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


class PageCache:
    """Rendered pages and directory data by key, dropped when the directory version changes (checked every 2 s)."""

    def __init__(self, check_every: float = 2.0, size: int = 2000) -> None:
        self.pages: dict[str, Any] = {}
        self.version = -1
        self.checked = 0.0
        self.check_every = check_every
        self.size = size
        self.lock = threading.Lock()

    def _fresh(self) -> None:
        now = time.monotonic()
        if now - self.checked < self.check_every:
            return
        version = directory_version(db())
        with self.lock:
            self.checked = now
            if version != self.version:
                self.pages.clear()
                self.version = version

    def get(self, key: str, build: Callable[[], T]) -> T:
        """The cached value for `key`, built once per directory version."""
        self._fresh()
        page = self.pages.get(key)
        if page is None:
            page = build()
            with self.lock:
                if len(self.pages) >= self.size:
                    self.pages.clear()
                self.pages[key] = page
        return page


def page_cache() -> PageCache:
    return current_app.extensions["wegweiser_pages"]


def memo(key: str, build: Callable[[], T]) -> T:
    """A value kept per directory version (not in testing, so tests that change rows see fresh data)."""
    if current_app.testing and not current_app.config.get("PAGE_CACHE"):
        return build()
    return page_cache().get(key, build)


def cached(build: Callable[[], str]) -> str:
    """Render through the page cache, keyed by language and path."""
    return memo(f"page:{getattr(g, 'lang', '')}:{request.path}", build)
