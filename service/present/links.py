"""Where things live: the web's URL layout and the bot's deep links, built and parsed in one module."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from service.i18n import normalize_lang

SOURCES = ("qr", "bot", "share")  # share markers (?src=...) the counters know
LOOPBACK_HOSTS = {"localhost", "127.0.0.1", "::1", "0.0.0.0"}
ENTRY, BOOKING, FINDER = "entry", "booking", "finder"
_DEEP_LINK = re.compile(r"([eb])_([A-Za-z]{2,3})_([a-z0-9-]{1,48})|f_([A-Za-z]{2,3})")


def home_path(lang: str) -> str:
    return f"/{lang}/"


def entry_path(lang: str, slug: str) -> str:
    return f"/{lang}/e/{slug}"


def topic_path(lang: str, topic: str) -> str:
    return f"/{lang}/topics/{topic}"


def kita_path(lang: str, kita: str) -> str:
    return f"/{lang}/kitas/{kita}"


def booking_path(lang: str, kita: str) -> str:
    """The booking form of one kita."""
    return f"/{lang}/kitas/{kita}/book"


def find_booking_path(lang: str) -> str:
    """Where a parent finds her booking by code and contact."""
    return f"/{lang}/booking"


def booked_path(lang: str, token: str) -> str:
    """One booking, behind its cancel token (GET shows it, POST cancels)."""
    return f"/{lang}/booking/{token}"


def staff_bookings_path() -> str:
    return "/staff/bookings"


def page_path(lang: str, page: str) -> str:
    """about, privacy, imprint, finder."""
    return f"/{lang}/{page}"


def web_url(base: str, path: str, src: str | None = None) -> str:
    """An absolute address on the web front end, with a share marker when given."""
    url = base.rstrip("/") + "/" + path.lstrip("/")
    return f"{url}?src={src}" if src in SOURCES else url


def is_local(base: str) -> bool:
    """True when the web is only reachable on this machine (Telegram refuses buttons pointing there)."""
    return (urlsplit(base).hostname or "") in LOOPBACK_HOSTS


def deep_link_entry(lang: str, slug: str) -> str:
    """/start payload that opens an entry in the bot."""
    return f"e_{lang}_{slug}"


def deep_link_booking(lang: str, kita: str) -> str:
    """/start payload that opens booking at a kita."""
    return f"b_{lang}_{kita}"


def deep_link_finder(lang: str) -> str:
    """/start payload that opens the finder."""
    return f"f_{lang}"


def telegram_link(username: str | None, payload: str) -> str | None:
    """https://t.me/<bot>?start=<payload>, when the bot's username is configured."""
    return f"https://t.me/{username}?start={quote(payload)}" if username else None


@dataclass(frozen=True)
class DeepLink:
    """A parsed /start payload: what it opens, in which language, and which entry or kita."""

    kind: str  # ENTRY, BOOKING or FINDER
    lang: str
    slug: str = ""


def parse_deep_link(payload: str | None) -> DeepLink | None:
    """The deep link in a /start payload, or None when it is none of ours (or its language is unknown)."""
    match = _DEEP_LINK.fullmatch(payload or "")
    if match is None:
        return None
    kind, code, slug, finder_code = match.groups()
    lang = normalize_lang(finder_code or code)
    if lang is None:
        return None
    if finder_code:
        return DeepLink(FINDER, lang)
    return DeepLink(ENTRY if kind == "e" else BOOKING, lang, slug)
