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
    """A kept page's bytes with their digest, made once (its ETag and the key of its gzip copy)."""

    data: bytes
    digest: str

    @classmethod
    def of(cls, text: str) -> Body:
        data = text.encode()
        return cls(data, hashlib.sha1(data).hexdigest())


def respond(body: Body) -> Response:
    """An HTML response of a kept page: _finish takes its digest instead of hashing the page again."""
    response = Response(body.data, mimetype="text/html")
    response.body_digest = body.digest  # type: ignore[attr-defined]
    return response


def _finish(response: Response, cache_store: GzipCache) -> Response:
    """ETag + conditional answer, year-long caching for versioned static files, gzip when the client takes it."""
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
    digest = getattr(response, "body_digest", None) or hashlib.sha1(body).hexdigest()
    response.set_etag(digest[:20], weak=True)  # weak: the same for the gzip and the plain body
    response.headers.setdefault("Cache-Control", "no-cache")
    response.vary.add("Accept-Encoding")
    response.make_conditional(request)
    if response.status_code == 304 or len(body) < MIN_SIZE or "gzip" not in request.headers.get(
            "Accept-Encoding", "") or "Content-Encoding" in response.headers:
        return response
    response.set_data(cache_store.get(digest, body))
    response.headers["Content-Encoding"] = "gzip"
    return response


def init_app(app: Flask) -> None:
    store = GzipCache()
    app.after_request(lambda response: _finish(response, store))
    app.jinja_env.globals.update(static_url=static_url, icon=icon)
