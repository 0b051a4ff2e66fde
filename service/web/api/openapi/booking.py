"""OpenAPI: kitas, slots, bookings."""

from __future__ import annotations

from service.web.api.openapi.common import errors, json_response, param, ref

NAMED = {"type": "object", "required": ["slug", "name"],
         "properties": {"slug": {"type": "string"}, "name": {"type": "string"}}}
OFFSET_TIME = {"type": "string", "format": "date-time", "description": "ISO 8601 with offset (Europe/Berlin)"}

SCHEMAS = {
    "Kita": {"type": "object", "required": ["slug", "name", "address"],
             "properties": {"slug": {"type": "string"}, "name": {"type": "string"}, "address": ref("Address")}},
    "Slot": {"type": "object", "required": ["id", "start", "end", "social_worker"],
             "properties": {"id": {"type": "string", "description": "Opaque"}, "start": OFFSET_TIME,
                            "end": OFFSET_TIME, "social_worker": NAMED}},
    "BookingRequest": {
        "type": "object",
        "required": ["slot_id", "first_name", "contact", "lang", "consent"],
        "properties": {
            "slot_id": {"type": "string"},
            "first_name": {"type": "string"},
            "contact": {"type": "string", "description": "A phone number or an e-mail address"},
            "lang": {"type": "string"},
            "interpreter": {"type": "boolean", "default": False},
            "topic": {"type": ["string", "null"], "description": "An entry slug"},
            "note": {"type": ["string", "null"]},
            "consent": {"type": "boolean"},
        },
    },
    "BookingCreated": {
        "type": "object", "required": ["code", "cancel_token", "ics_url", "start"],
        "properties": {"code": {"type": "string"}, "cancel_token": {"type": "string"},
                       "ics_url": {"type": "string", "format": "uri"}, "start": OFFSET_TIME},
    },
    "Booking": {
        "type": "object",
        "required": ["code", "status", "start", "end", "kita", "social_worker", "lang", "interpreter", "ics_url",
                     "url"],
        "properties": {
            "code": {"type": "string"},
            "status": {"type": "string", "enum": ["booked", "cancelled", "held", "no_show"]},
            "start": OFFSET_TIME, "end": OFFSET_TIME,
            "kita": {**NAMED, "required": ["slug", "name", "address"],
                     "properties": {**NAMED["properties"], "address": ref("Address")}},
            "social_worker": NAMED,
            "first_name": {"type": ["string", "null"]},
            "lang": {"type": ["string", "null"]},
            "interpreter": {"type": "boolean"},
            "topic": {"type": ["string", "null"]},
            "note": {"type": ["string", "null"]},
            "ics_url": {"type": "string", "format": "uri"},
            "url": {"type": "string", "format": "uri"},
        },
    },
}

PATHS = {
    "/kitas": {"get": {
        "operationId": "listKitas", "summary": "The plusKITAs",
        "parameters": [param("lang")],
        "responses": {"200": json_response("Kitas", {"type": "array", "items": ref("Kita")}), **errors(400, 429)},
    }},
    "/kitas/{slug}/slots": {"get": {
        "operationId": "listSlots", "summary": "Free slots of one kita",
        "parameters": [
            param("slug"), param("lang"),
            {"name": "from", "in": "query", "required": False,
             "description": "YYYY-MM-DD (years 2000-2999), default today",
             "schema": {"type": "string", "format": "date", "pattern": "^2[0-9]{3}-"}},
            {"name": "days", "in": "query", "required": False,
             "schema": {"type": "integer", "minimum": 1, "maximum": 62, "default": 14}},
        ],
        "responses": {"200": json_response("Slots", {"type": "array", "items": ref("Slot")}),
                      **errors(400, 404, 429)},
    }},
    "/bookings": {"post": {
        "operationId": "createBooking", "summary": "Book a talk",
        "description": "With an Idempotency-Key, the same key and contact again answer with the booking made the "
                       "first time (201, the same body), whatever else the request asks for: a retry never books "
                       "twice. The same key with another contact books anew.",
        "parameters": [param("lang"), {
            "name": "Idempotency-Key", "in": "header", "required": False,
            "description": "The client's own key for this booking (16 to 64 letters, digits, - or _); otherwise 400",
            "schema": {"type": "string", "pattern": "^[A-Za-z0-9_-]{16,64}$"}}],
        "requestBody": {"required": True, "content": {"application/json": {"schema": ref("BookingRequest")}}},
        "responses": {"201": json_response("Booked", ref("BookingCreated")),
                      **errors(400, 404, 409, 413, 422, 429)},
    }},
    "/bookings/{token}": {
        "get": {
            "operationId": "getBooking", "summary": "The booking behind a cancel token",
            "parameters": [param("token")],
            "responses": {"200": json_response("The booking", ref("Booking")), **errors(404, 429)},
        },
        "delete": {
            "operationId": "cancelBooking", "summary": "Cancel (repeating it is harmless)",
            "parameters": [param("token")],
            "responses": {"200": json_response("The cancelled booking", ref("Booking")), **errors(404, 409, 429)},
        },
    },
    "/bookings/{token}.ics": {"get": {
        "operationId": "getBookingCalendar", "summary": "The parent's calendar entry",
        "parameters": [param("token")],
        "responses": {"200": {"description": "iCalendar", "content": {"text/calendar": {"schema": {"type": "string"}}}},
                      **errors(404, 429)},
    }},
}
