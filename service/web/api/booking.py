"""Booking API: GET /kitas, GET /kitas/<slug>/slots, POST /bookings, GET|DELETE /bookings/<token>[.ics]."""

from __future__ import annotations

from datetime import date

from flask import Response, jsonify, request, url_for
from sqlmodel import col, select

from service.booking import (
    BERLIN,
    Booking,
    ParentDetails,
    Slot,
    book_slot,
    booking_view,
    cancel_booking,
    client_key,
    free_slots,
    get_booking,
    is_idempotency_key,
)
from service.booking.calendar import booking_ics as ics_for
from service.clock import berlin_today
from service.directory.models import Kita
from service.web.api import bp
from service.web.api.common import BadRequest, absolute, query_lang
from service.web.database import db
from service.web.extensions import csrf, limiter
from service.web.state import settings

csrf.exempt(bp)  # a JSON API: no cookies are needed to call it, so there is no session to ride on
DEFAULT_DAYS = 14
BOOKING_FIELDS = ("first_name", "contact", "lang", "interpreter", "topic", "note", "consent")


def _address(kita: Kita) -> dict:
    return {key: kita.address.get(key) for key in ("street", "postal_code", "city", "district")}


def _slot(slot: Slot) -> dict:
    return {"id": slot.id, "start": slot.start.isoformat(), "end": slot.end.isoformat(),
            "social_worker": {"slug": slot.social_worker_slug, "name": slot.social_worker_name}}


def _booking(booking: Booking) -> dict:
    view = booking_view(db(), booking)
    token = booking.cancel_token
    return {
        "code": booking.code, "status": booking.status, "start": view.start.isoformat(), "end": view.end.isoformat(),
        "kita": {"slug": view.kita.slug, "name": view.kita.name, "address": _address(view.kita)},
        "social_worker": {"slug": view.social_worker.slug, "name": view.social_worker.name},
        "first_name": booking.first_name, "lang": booking.lang, "interpreter": booking.interpreter,
        "topic": booking.topic, "note": booking.note,
        "ics_url": absolute(url_for("api.booking_ics", token=token)),
        "url": absolute(url_for("booking.show", lang=booking.lang or "de", token=token)),
    }


@bp.get("/kitas")
@limiter.limit("120/minute")
def kitas():
    """The five plusKITAs."""
    query_lang()
    rows = db().exec(select(Kita).order_by(col(Kita.name))).all()
    return jsonify([{"slug": k.slug, "name": k.name, "address": _address(k)} for k in rows])


def _from_and_days() -> tuple[date, int]:
    raw_from, raw_days = request.args.get("from"), request.args.get("days")
    try:
        start = date.fromisoformat(raw_from) if raw_from else berlin_today()
        days = int(raw_days) if raw_days else DEFAULT_DAYS
    except ValueError:
        raise BadRequest("from must be YYYY-MM-DD, days a number") from None
    if not 1 <= days <= 62 or start.year < 2000 or start.year > 2999:
        raise BadRequest("days must be 1..62")
    return start, days


@bp.get("/kitas/<slug>/slots")
@limiter.limit("120/minute")
def slots(slug: str):
    """Free slots of one kita from `from` for `days` days."""
    query_lang()
    start, days = _from_and_days()
    return jsonify([_slot(s) for s in free_slots(db(), slug, start, days)])


@bp.post("/bookings")
@limiter.limit("10/minute")
def create_booking():
    """Book a slot: 201 with code, cancel token, .ics address and start. The same Idempotency-Key and contact again
    answers with the booking it made (a client's retry never books twice)."""
    query_lang()
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise BadRequest("a JSON object is expected")
    key = request.headers.get("Idempotency-Key")
    if key is not None and not is_idempotency_key(key):
        raise BadRequest("Idempotency-Key must be 16 to 64 letters, digits, - or _")
    values = {name: body.get(name) for name in BOOKING_FIELDS}
    values["interpreter"] = False if values["interpreter"] is None else values["interpreter"]
    session = db()
    booking = book_slot(session, body.get("slot_id"), ParentDetails(**values),  # type: ignore[arg-type]
                        counters=settings().analytics_enabled,
                        idempotency_key=client_key(key, values["contact"]) if key else None)
    session.commit()
    start = booking.start.astimezone(BERLIN).isoformat()
    return jsonify(code=booking.code, cancel_token=booking.cancel_token, start=start,
                   ics_url=absolute(url_for("api.booking_ics", token=booking.cancel_token))), 201


@bp.get("/bookings/<token>")
@limiter.limit("60/minute")
def show_booking(token: str):
    """The booking behind a cancel token."""
    return jsonify(_booking(get_booking(db(), token)))


@bp.delete("/bookings/<token>")
@limiter.limit("10/minute")
def delete_booking(token: str):
    """Cancel (repeating it is harmless); 409 once the appointment has begun."""
    session = db()
    booking = cancel_booking(session, token, counters=settings().analytics_enabled)
    session.commit()
    return jsonify(_booking(booking))


@bp.get("/bookings/<token>.ics")
@limiter.limit("60/minute")
def booking_ics(token: str):
    """The parent's calendar entry."""
    view = booking_view(db(), get_booking(db(), token))
    lang = view.booking.lang or "de"
    data = ics_for(view, cancel_url=absolute(url_for("booking.show", lang=lang, token=token)))
    response = Response(data, mimetype="text/calendar")
    response.headers["Content-Disposition"] = 'attachment; filename="kita-termin.ics"'
    response.headers["Cache-Control"] = "no-store"
    return response
