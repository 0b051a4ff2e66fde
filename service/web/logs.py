"""Logs without personal data: secret path parts and query values masked, control characters escaped, and one
traceback per kind of failure per minute."""

from __future__ import annotations

import logging
import re
import threading
import time
from urllib.parse import quote, unquote_plus

MASK = "***"
# Path parts that are secrets (cancel tokens, calendar feed tokens): masked whatever they look like.
_SECRET_PATHS = re.compile(r"(/booking/|/api/v1/bookings/|/calendar/)([^/?#.]+)")
# Query parameters whose values are not personal; every other value (a search, a code, a name) is masked.
SAFE_PARAMETERS = frozenset({"lang", "src", "days", "from", "limit", "year", "half", "format", "new", "kita",
                             "worker", "status", "page"})
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def escape(text: str) -> str:
    """Control characters as \\xNN, so that no value can start a log line of its own."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def mask_query(query: str) -> str:
    """The query string with the values of all but the SAFE_PARAMETERS masked (the kept ones as sent, still
    percent-encoded; nothing is decoded that is not kept)."""
    if not query:
        return query
    parts = []
    for pair in query.split("&"):
        if not pair:
            continue
        key, _eq, value = pair.partition("=")
        name = unquote_plus(key)
        parts.append(f"{quote(name, safe='')}={value if name in SAFE_PARAMETERS else MASK}")
    return "&".join(parts)


def mask_url(url: str) -> str:
    """A path (with or without query string, absolute or not) fit for a log line."""
    if not url or url == "-":
        return url
    path, sep, query = url.partition("?")
    path = _SECRET_PATHS.sub(lambda m: m.group(1) + MASK, path)
    return escape(path + (sep + mask_query(query) if sep else ""))


def mask_request_line(line: str) -> str:
    """'GET /de/booking/<token> HTTP/1.1' with the URL masked."""
    parts = line.split(" ")
    if len(parts) >= 2:
        parts[1] = mask_url(parts[1])
    return escape(" ".join(parts))


# werkzeug's development server (`make run`) logs '... "GET /de/search?q=... HTTP/1.1" 200 -' (the request line
# perhaps in terminal colours) and "Bad request syntax ('GET ...')" for a broken one: everything from the method to
# the last quote but the HTTP version is the URL (a broken line may hold spaces and quotes of its own).
_DEV_SERVER_REQUEST = re.compile(r"""(["'](?:\x1b\[[\d;]*m)*[A-Z]+ )(.*?)((?: HTTP/[\d.]+)?(?:\x1b\[0m)*["'][^"']*)$""",
                                 re.DOTALL)


class DevServerLog(logging.Filter):
    """Masks the request lines that werkzeug's development server (`make run`) logs, as deploy/gunicorn.conf.py
    masks gunicorn's: search text, codes and cancel or calendar tokens never reach the terminal."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = _DEV_SERVER_REQUEST.sub(lambda m: m.group(1) + mask_url(m.group(2)) + m.group(3), message)
        if masked != message:
            record.msg, record.args = masked, ()
        return True


def mask_dev_server_log() -> None:
    """Put DevServerLog on werkzeug's logger (once)."""
    logger = logging.getLogger("werkzeug")
    if not any(isinstance(existing, DevServerLog) for existing in logger.filters):
        logger.addFilter(DevServerLog())


class Throttle:
    """Says yes to the first occurrence of a key in each window (default one minute), no to the rest."""

    def __init__(self, window: float = 60.0) -> None:
        self.window = window
        self.seen: dict[object, float] = {}
        self.lock = threading.Lock()

    def first(self, key: object) -> bool:
        now = time.monotonic()
        with self.lock:
            if now - self.seen.get(key, -self.window) < self.window:
                return False
            if len(self.seen) > 1000:
                self.seen.clear()
            self.seen[key] = now
            return True
