"""OpenAPI: GET /search."""

from __future__ import annotations

from service.web.api.openapi.common import errors, json_response, param, ref

SCHEMAS = {
    "SearchHit": {
        "type": "object",
        "required": ["slug", "title", "summary", "score", "url", "lang"],
        "properties": {
            "slug": {"type": "string"}, "title": {"type": "string"}, "summary": {"type": "string"},
            "score": {"type": "number", "minimum": 0, "maximum": 1},
            "url": {"type": "string", "format": "uri"},
            "lang": {"type": "string", "description": "The parent's interface language"},
        },
    },
    "SearchResponse": {
        "type": "object",
        "required": ["query", "kind", "confident", "results", "suggestions"],
        "properties": {
            "query": {"type": "string"},
            "kind": {"type": "string", "enum": ["match", "weak", "greeting"]},
            "confident": {"type": "boolean", "description": "kind == match"},
            "results": {"type": "array", "items": ref("SearchHit")},
            "suggestions": {"type": "array", "items": {"type": "string"}},
        },
    },
}

PATHS = {
    "/search": {"get": {
        "operationId": "search", "summary": "Entries for what a parent typed, best first",
        "parameters": [
            {"name": "q", "in": "query", "required": True,
             "schema": {"type": "string", "minLength": 1, "maxLength": 200, "pattern": "\\S"}},
            param("lang"),
            {"name": "limit", "in": "query", "required": False,
             "schema": {"type": "integer", "minimum": 1, "maximum": 50, "default": 10}},
        ],
        "responses": {"200": json_response("Results", ref("SearchResponse")), **errors(400)},
    }},
}
