"""OpenAPI: GET /entries, GET /entries/{slug}."""

from __future__ import annotations

from service.web.api.openapi.common import errors, json_response, param, ref

BRIEF = {
    "slug": {"type": "string"},
    "kind": {"type": "string", "enum": ["benefit", "service", "partner"]},
    "title": {"type": "string"},
    "summary": {"type": "string"},
    "url": {"type": "string", "format": "uri"},
    "lang": {"type": "string"},
    "fallback": {"type": "array", "items": {"type": "string"}, "description": "Fields given in German instead"},
}

SCHEMAS = {
    "EntryBrief": {"type": "object", "required": list(BRIEF), "properties": BRIEF},
    "Entry": {
        "type": "object",
        "description": "The whole entry: texts in `lang` (German per missing field), facts and labels",
        "required": [*BRIEF, "status", "topics", "labels"],
        "properties": {
            **BRIEF,
            "status": {"type": "string"},
            "topics": {"type": "array", "items": {"type": "string"}},
            "organisation": {"type": ["object", "null"]},
            "labels": {"type": "object"},
        },
        "additionalProperties": True,
    },
}

PATHS = {
    "/entries": {"get": {
        "operationId": "listEntries", "summary": "All entries in one language",
        "parameters": [param("lang")],
        "responses": {"200": json_response("Entries", {"type": "array", "items": ref("EntryBrief")}),
                      **errors(400)},
    }},
    "/entries/{slug}": {"get": {
        "operationId": "getEntry", "summary": "One whole entry",
        "parameters": [param("slug"), param("lang")],
        "responses": {"200": json_response("The entry", ref("Entry")), **errors(400, 404)},
    }},
}
