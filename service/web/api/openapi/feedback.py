"""OpenAPI: POST /feedback (route: service/web/api/feedback.py)."""

from __future__ import annotations

from service.web.api.openapi.common import errors, json_response, ref

SCHEMAS = {
    "FeedbackRequest": {
        "type": "object",
        "required": ["kind", "lang"],
        "additionalProperties": False,
        "properties": {
            "kind": {"type": "string", "enum": ["entry", "search"]},
            "lang": {"type": "string"},
            "entry": {"type": ["string", "null"], "description": "The entry's slug (kind entry)"},
            "helpful": {"type": ["boolean", "null"], "description": "Did the entry help (kind entry)"},
            "text": {"type": ["string", "null"], "description": "What the search was looking for (kind search)"},
        },
    },
}

PATHS = {
    "/feedback": {"post": {
        "operationId": "giveFeedback", "summary": "A parent's anonymous answer",
        "requestBody": {"required": True, "content": {"application/json": {"schema": ref("FeedbackRequest")}}},
        "responses": {"201": json_response("Stored", {"type": "object", "required": ["stored"],
                                                      "properties": {"stored": {"type": "boolean"}}}),
                      **errors(400, 413, 422, 429)},
    }},
}
