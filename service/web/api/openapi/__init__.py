"""The OpenAPI 3.1 description of /api/v1, served at /api/v1/openapi.json.

One module per group of routes, each with `PATHS` (OpenAPI path items) and optionally `SCHEMAS` (components).
A new route adds its module to `PARTS` below; tests/web/test_openapi.py fails while any /api/v1 route is missing
from the document, and schemathesis checks every operation against it.
"""

from __future__ import annotations

from functools import lru_cache

from flask import jsonify

from service.web.api import bp
from service.web.api.openapi import booking, common, entries, feedback, finder, search

PARTS = (common, entries, search, booking, feedback, finder)


@lru_cache(maxsize=1)
def document() -> dict:
    """The whole document (built once per process)."""
    paths: dict = {}
    schemas: dict = {}
    for part in PARTS:
        paths.update(getattr(part, "PATHS", {}))
        schemas.update(getattr(part, "SCHEMAS", {}))
    return {
        "openapi": "3.1.0",
        "info": {"title": "Kita-Wegweiser API", "version": "1",
                 "description": "Family information and talks with the kita social workers of Erkelenz. Texts in "
                                "de en tr ar uk ru pl ro fa ku; errors as {error: {code, message, fields}}."},
        "servers": [{"url": "/api/v1"}],
        "paths": paths,
        "components": {"schemas": schemas, "responses": common.RESPONSES, "parameters": common.PARAMETERS},
    }


@bp.get("/openapi.json")
def openapi():
    """This API's OpenAPI 3.1 document."""
    return jsonify(document())
