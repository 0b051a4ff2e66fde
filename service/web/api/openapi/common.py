"""Shared parts of the OpenAPI document: the error shape, the `lang` parameter, error responses."""

from __future__ import annotations

from service.i18n import ALIASES, LANGUAGE_CODES

ERROR_STATUSES = {
    400: "Malformed request or unknown `lang` query parameter",
    404: "Unknown",
    409: "Conflict (slot taken, or the talk has begun)",
    413: "Body too large",
    422: "Invalid body fields (`fields` names each field and its code)",
    429: "Rate limited",
}

SCHEMAS = {
    "Error": {
        "type": "object",
        "required": ["error"],
        "properties": {"error": {
            "type": "object",
            "required": ["code", "message"],
            "properties": {
                "code": {"type": "string"},
                "message": {"type": "string", "description": "In the request's `lang`, else English"},
                "fields": {"type": "object", "additionalProperties": {"type": "string"}},
            },
        }},
    },
    "Address": {
        "type": "object",
        "properties": {key: {"type": ["string", "null"]} for key in ("street", "postal_code", "city", "district")},
    },
}

RESPONSES = {
    str(status): {"description": text,
                  "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
    for status, text in ERROR_STATUSES.items()
}

PARAMETERS = {
    "lang": {"name": "lang", "in": "query", "required": False,
             "description": "Language of the texts (default de, also when empty); aliases and regions are "
                            "mapped (kmr → ku, ua → uk, de-AT → de); unknown → 400",
             "schema": {"type": "string", "enum": ["", *LANGUAGE_CODES, *ALIASES]}},
    "slug": {"name": "slug", "in": "path", "required": True, "schema": {"type": "string"}},
    "token": {"name": "token", "in": "path", "required": True, "description": "The booking's cancel token",
              "schema": {"type": "string"}},
}

PATHS = {
    "/openapi.json": {"get": {
        "operationId": "openapi", "summary": "This document",
        "responses": {"200": {"description": "OpenAPI 3.1", "content": {"application/json": {
            "schema": {"type": "object", "required": ["openapi", "paths"]}}}}},
    }},
}


def ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def json_response(description: str, schema: dict) -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def errors(*statuses: int) -> dict:
    """Error responses by status, from the shared components."""
    return {str(status): {"$ref": f"#/components/responses/{status}"} for status in statuses}


def param(name: str) -> dict:
    return {"$ref": f"#/components/parameters/{name}"}
