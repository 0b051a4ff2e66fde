"""OpenAPI: POST /finder (route: service/web/api/finder.py; core: service/finder)."""

from __future__ import annotations

from service.finder.answers import (
    CHILD_SUPPORT_CHOICES,
    INCOME_CHOICES,
    MAX_CHILD_AGE,
    MAX_CHILDREN,
    MAX_EUROS,
    WORRY_CHOICES,
)
from service.i18n import ALIASES, LANGUAGE_CODES
from service.web.api.openapi.common import errors, json_response, ref

_EUROS = {"type": ["integer", "null"], "minimum": 0, "maximum": MAX_EUROS}

SCHEMAS = {
    "FinderAnswers": {
        "type": "object",
        "additionalProperties": False,
        "description": "Every key optional; null or absent = not answered. Unknown keys or values → 422.",
        "properties": {
            "children": {"type": ["array", "null"], "maxItems": MAX_CHILDREN, "description": "Ages in whole years",
                         "items": {"type": "integer", "minimum": 0, "maximum": MAX_CHILD_AGE}},
            "pregnant": {"type": ["boolean", "null"]},
            "adults": {"type": ["integer", "null"], "enum": [1, 2, None]},
            "income": {"type": ["array", "null"], "items": {"type": "string", "enum": list(INCOME_CHOICES)},
                       "description": "`none` only alone"},
            "earned_income": {**_EUROS, "description": "Gross monthly earnings from work in euros (pay slip)"},
            "rent": {**_EUROS, "description": "Warm rent in euros per month"},
            "child_support": {"type": ["string", "null"], "enum": [*CHILD_SUPPORT_CHOICES, None],
                              "description": "Only read when adults is 1"},
            "disability": {"type": ["boolean", "null"]},
            "worries": {"type": ["array", "null"], "items": {"type": "string", "enum": list(WORRY_CHOICES)}},
        },
    },
    "FinderRequest": {
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "lang": {"type": "string", "enum": [*LANGUAGE_CODES, *ALIASES],
                     "description": "Language of the texts (default de)"},
            "answers": ref("FinderAnswers"),
        },
    },
    "FinderAnswer": {
        "type": "object",
        "required": ["results", "not_fitting", "disclaimer"],
        "properties": {
            "results": {"type": "array", "items": {
                "type": "object", "required": ["slug", "level", "reason", "apply", "url"],
                "properties": {
                    "slug": {"type": "string"},
                    "level": {"type": "string", "enum": ["likely", "possible"]},
                    "reason": {"type": "string", "description": "One plain sentence why, in `lang`"},
                    "apply": {"type": "string", "description": "Where to apply (from the entry)"},
                    "url": {"type": "string", "format": "uri"},
                }}},
            "not_fitting": {"type": "array", "items": {
                "type": "object", "required": ["slug", "reason"],
                "properties": {"slug": {"type": "string"}, "reason": {"type": "string"}}}},
            "disclaimer": {"type": "string", "description": "The result is never a decision"},
        },
    },
}

PATHS = {
    "/finder": {"post": {
        "operationId": "findHelp", "summary": "Which benefits and help fit a family (nothing is stored)",
        "requestBody": {"required": True, "content": {"application/json": {"schema": ref("FinderRequest")}}},
        "responses": {"200": json_response("Fitting entries, likely first", ref("FinderAnswer")),
                      **errors(400, 413, 422, 429)},
    }},
}
