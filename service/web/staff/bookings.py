"""Staff: the bookings of the coming days and the last 30 days; held, did not come, cancel; find by code."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from flask import abort, flash, render_template, request
from flask_babel import lazy_gettext as _l
from flask_babel.speaklater import LazyString
from sqlmodel import Session

from service.accounts.access import can_act_on
from service.accounts.audit import cancelled_by_staff, record
from service.booking import (
    CANCELLED,
    Booking,
    BookingView,
    booking_view,
    cancel_by_staff,
    find_by_code,
    format_code,
    list_bookings,
    mark_held,
    mark_no_show,
)
from service.booking.models import utcnow
from service.booking.slots import berlin_midnight
from service.clock import berlin_today
from service.errors import Conflict, NotFound
from service.mail import family_informed
from service.reports.labels import entry_titles
from service.web.database import db
from service.web.staff import bp
from service.web.staff.auth import STAFF, authorized_booking, current_user, require_role, visible_workers
from service.web.staff.common import chosen, go_back, kitas_and_workers, page_lang
from service.web.state import settings

DAY_CHOICES = (7, 14, 28, 56)
DEFAULT_DAYS = 14
PAST_DAYS = 30
CODE_MAX = 20


def _days() -> int:
    raw = request.args.get("days", "")
    return int(raw) if raw.isascii() and raw.isdigit() and int(raw) in DAY_CHOICES else DEFAULT_DAYS


def _lookup(session: Session, code: str) -> BookingView | None:
    """The booking with this read-out code, if any and if the user may see it (else the same "not found")."""
    try:
        booking = find_by_code(session, code)
    except NotFound:
        return None
    return booking_view(session, booking) if can_act_on(session, current_user(), booking) else None


@bp.get("/bookings")
@require_role(*STAFF)
def bookings():
    """Upcoming bookings (filtered by kita and social worker), the last 30 days, and the code lookup."""
    session = db()
    kitas, workers = kitas_and_workers(session)
    kita = chosen("kita", {k.slug for k in kitas})
    worker = chosen("worker", {w.slug for w in workers})
    days = _days()
    code = request.args.get("code", "")[:CODE_MAX].strip()
    found = _lookup(session, code) if code else None
    today = berlin_midnight(berlin_today())
    filters = {"kita_slug": kita or None, "social_worker_slug": worker or None,
               "social_worker_ids": visible_workers()}
    upcoming = list_bookings(session, today, today + timedelta(days=days), **filters)
    past = list_bookings(session, today - timedelta(days=PAST_DAYS), today, newest_first=True, **filters)
    user = current_user()
    record(session, user, "bookings.view", f"worker:{worker}" if worker else "", detail=f"kita={kita}" if kita else "")
    if found is not None:
        record(session, user, "booking.view", f"booking:{found.booking.id}")
    session.commit()
    return render_template(
        "staff/bookings.html", kitas=kitas, workers=workers, kita=kita, worker=worker, days=days,
        day_choices=DAY_CHOICES, code=code, found=found, upcoming=upcoming, past=past, now=utcnow(),
        not_informed=_not_informed(session, [*upcoming, *past, *([found] if found else [])]),
        titles=entry_titles(session, page_lang()), here=request.full_path,
    )


def _not_informed(session: Session, views: list[BookingView]) -> set[int]:
    """Talks staff cancelled that no notice reaches (phone-only bookings): the page says "call the family"."""
    cancelled = [view.booking.id for view in views if view.booking.status == CANCELLED and view.booking.id]
    return {booking_id for booking_id in cancelled_by_staff(session, cancelled)
            if not family_informed(session, booking_id)}


MARK_REFUSED = _l("Only a talk that has begun and was not cancelled can be marked.")
# action in the URL -> (core operation, confirmation, refusal when the booking's state does not allow it)
AUDIT_ACTIONS = {"held": "booking.held", "no-show": "booking.no_show", "cancel": "booking.cancel"}
ACTIONS: dict[str, tuple[Callable[[Session, int, bool], Booking], LazyString, LazyString]] = {
    "held": (lambda session, booking_id, _counters: mark_held(session, booking_id),
             _l("The talk %(code)s is marked as held."), MARK_REFUSED),
    "no-show": (lambda session, booking_id, counters: mark_no_show(session, booking_id, counters=counters),
                _l("The talk %(code)s is marked as missed."), MARK_REFUSED),
    "cancel": (lambda session, booking_id, counters: cancel_by_staff(session, booking_id, counters=counters),
               _l("The talk %(code)s is cancelled."),
               _l("Only a booked talk that has not begun yet can be cancelled.")),
}


@bp.post("/bookings/<int:booking_id>/<action>")
@require_role(*STAFF)
def booking_action(booking_id: int, action: str):
    """Held, did not come (counted anonymously) or cancel; then back to the list with a message."""
    if action not in ACTIONS:
        abort(404)
    operation, done, refused = ACTIONS[action]
    session = db()
    authorized_booking(booking_id, session)
    try:
        booking = operation(session, booking_id, settings().analytics_enabled)
        record(session, current_user(), AUDIT_ACTIONS[action], f"booking:{booking_id}")
        session.commit()
    except Conflict:
        session.rollback()
        flash(str(refused), "error")
    else:
        flash(str(done) % {"code": format_code(booking.code) or "–"}, "ok")
    return go_back("staff.bookings")
