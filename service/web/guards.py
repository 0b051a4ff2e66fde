"""Guards against bad input before any view runs: body size, JSON depth, proxies and path parameters."""

from __future__ import annotations

import re
from typing import Any

from flask import Flask
from flask.json.provider import DefaultJSONProvider
from werkzeug.middleware.proxy_fix import ProxyFix

MAX_BODY_BYTES = 64 * 1024  # forms and API bodies; the largest legitimate body (a booking note) is far below
MAX_JSON_DEPTH = 32
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_BRACKETS = re.compile(r"[\[\]{}]")


def json_depth(text: str) -> int:
    """The deepest nesting of arrays and objects in a JSON text (strings ignored), without parsing it."""
    depth = deepest = 0
    for bracket in _BRACKETS.findall(_STRING.sub("", text)):
        if bracket in "[{":
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
    return deepest


class DepthLimitedJSON(DefaultJSONProvider):
    """Flask's JSON with a nesting limit: a deep body is a ValueError (400), never a RecursionError (500)."""

    def loads(self, s: str | bytes, **kwargs: Any) -> Any:
        text = s.decode("utf-8", "replace") if isinstance(s, bytes | bytearray) else s
        if json_depth(text) > MAX_JSON_DEPTH:
            raise ValueError(f"JSON nested deeper than {MAX_JSON_DEPTH}")
        return super().loads(s, **kwargs)


def init_app(app: Flask, trusted_proxies: int) -> None:
    """Body size limit, depth-limited JSON and, behind `trusted_proxies` proxies, the real client address."""
    app.config["MAX_CONTENT_LENGTH"] = MAX_BODY_BYTES
    app.config["MAX_FORM_MEMORY_SIZE"] = MAX_BODY_BYTES
    app.json_provider_class = DepthLimitedJSON
    app.json = DepthLimitedJSON(app)
    app.json.sort_keys = False  # type: ignore[attr-defined]
    if trusted_proxies > 0:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=trusted_proxies, x_proto=trusted_proxies)  # type: ignore[method-assign]
