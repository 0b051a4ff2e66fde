"""Static files and transfer: versioned static URLs, inline SVG icons, ETags, Cache-Control and gzip."""

from __future__ import annotations

import gzip
import hashlib
import threading
from collections import OrderedDict
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from flask import Flask, Response, request, url_for
from markupsafe import Markup
from werkzeug.http import http_date, quote_etag

STATIC = Path(__file__).resolve().parent / "static"
COMPRESSIBLE = {"text/html", "text/css", "text/javascript", "application/javascript", "image/svg+xml",
                "application/json", "text/plain", "text/calendar"}
MIN_SIZE = 600
YEAR = 31536000
# Everything comes from this host: the policy makes "no CDN, no fonts, no trackers" a rule the browser enforces.
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
                               "form-action 'self'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}


@cache
def _file_hash(filename: str) -> str:
    path = STATIC / filename
    return hashlib.sha1(path.read_bytes()).hexdigest()[:10] if path.is_file() else "0"


def static_url(filename: str) -> str:
    """A static file's URL with a content hash, so it can be cached for a year."""
    return url_for("static", filename=filename, v=_file_hash(filename))


@cache
def icon(name: str, css: str = "icon") -> Markup:
    """An icon from static/icons inlined as SVG, hidden from screen readers (the text next to it says it)."""
    path = STATIC / "icons" / f"{Path(name).name}.svg"
    if not path.is_file():
        return Markup("")
    svg = path.read_text(encoding="utf-8").strip()
    return Markup(svg.replace("<svg ", f'<svg class="{css}" aria-hidden="true" focusable="false" ', 1))


class GzipCache:
    """Compressed bodies by content hash: a page served again costs a hash, not a compression."""

    def __init__(self, size: int = 512) -> None:
        self.items: OrderedDict[str, bytes] = OrderedDict()
        self.size = size
        self.lock = threading.Lock()

    def get(self, digest: str, body: bytes) -> bytes:
        with self.lock:
            packed = self.items.get(digest)
            if packed is not None:
                self.items.move_to_end(digest)
                return packed
        packed = gzip.compress(body, compresslevel=6, mtime=0)
        with self.lock:
            self.items[digest] = packed
            if len(self.items) > self.size:
                self.items.popitem(last=False)
        return packed


@dataclass(frozen=True)
class Body:
    """A kept page made once: its bytes, their digest (its ETag and the key of its gzip copy) and the headers that
    _finish would set on it."""

    data: bytes
    digest: str
    headers: tuple[tuple[str, str], ...]

    @classmethod
    def of(cls, text: str) -> Body:
        data = text.encode()
        digest = hashlib.sha1(data).hexdigest()
        return cls(data, digest, (*SECURITY_HEADERS.items(), ("ETag", quote_etag(digest[:20], weak=True)),
                                  ("Cache-Control", "no-cache"), ("Vary", "Accept-Encoding")))


KEPT_HEADERS = 2  # Content-Type and Content-Length: a kept page's response as respond() makes it


def respond(body: Body) -> Response:
    """An HTML response of a kept page: _finish adds the page's headers as made once (see Body)."""
    response = Response(body.data, mimetype="text/html")
    response.kept_body = body  # type: ignore[attr-defined]
    return response


def _finish(response: Response, cache_store: GzipCache) -> Response:
    """ETag + conditional answer, year-long caching for versioned static files, gzip when the client takes it."""
    kept = getattr(response, "kept_body", None)
    if (kept is not None and len(response.headers) == KEPT_HEADERS and response.status_code == 200
            and request.method in {"GET", "HEAD"}):
        return _finish_kept(response, kept, cache_store)
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    if request.method not in {"GET", "HEAD"} or response.status_code != 200:
        return response
    if request.endpoint == "static":
        response.headers["Cache-Control"] = f"public, max-age={YEAR}, immutable" if request.args.get("v") \
            else "public, max-age=3600"
        response.direct_passthrough = False
    if (response.is_streamed and request.endpoint != "static") or response.mimetype not in COMPRESSIBLE:
        return response
    source = response.response
    body = response.get_data()
    if source is not response.response and hasattr(source, "close"):
        source.close()  # a static file's wrapper: get_data read it into memory
    digest = hashlib.sha1(body).hexdigest()
    response.set_etag(digest[:20], weak=True)  # weak: the same for the gzip and the plain body
    response.headers.setdefault("Cache-Control", "no-cache")
    response.vary.add("Accept-Encoding")
    response.make_conditional(request)
    if response.status_code == 304 or "Content-Encoding" in response.headers:
        return response
    return _gzip(response, body, digest, cache_store)


# What werkzeug's make_conditional reads of a request (If-Range counts only with a Range): without any of them it
# only adds the Date header.
CONDITIONS = ("HTTP_IF_NONE_MATCH", "HTTP_IF_MATCH", "HTTP_IF_MODIFIED_SINCE", "HTTP_RANGE")


def _finish_kept(response: Response, kept: Body, cache_store: GzipCache) -> Response:
    """A kept page's GET as respond() made it, which is to get every header below: they are added as they are,
    where setting them one at a time scans the header list for each (a fifth of a page's time). The answer is the
    general path's (a test compares them)."""
    response.headers.extend(kept.headers)
    environ = request.environ
    if any(name in environ for name in CONDITIONS):
        response.make_conditional(request)
        if response.status_code == 304:
            return response
    else:
        response.headers.add("Date", http_date())
    return _gzip(response, kept.data, kept.digest, cache_store)


def _gzip(response: Response, body: bytes, digest: str, cache_store: GzipCache) -> Response:
    """The gzip copy when the client takes it and the body is worth it."""
    if len(body) < MIN_SIZE or "gzip" not in request.headers.get("Accept-Encoding", ""):
        return response
    response.set_data(cache_store.get(digest, body))
    response.headers["Content-Encoding"] = "gzip"
    return response


def init_app(app: Flask) -> None:
    store = GzipCache()
    app.after_request(lambda response: _finish(response, store))
    app.jinja_env.globals.update(static_url=static_url, icon=icon)
