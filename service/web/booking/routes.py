"""Booking pages: pick a free time and book, see the booking, cancel it with a POST (never with a GET)."""

from __future__ import annotations

import secrets
from datetime import date, timedelta
from itertools import groupby

from flask import Response, abort, redirect, render_template, request, url_for
from flask import session as cookie_session
from sqlmodel import Session
from wtforms import SelectChoice

from service.booking import (
    ParentDetails,
    Slot,
    book_slot,
    booking_by_key,
    booking_view,
    cancel_booking,
    format_code,
    free_slots,
    get_booking,
    next_free_slots,
)
from service.booking.calendar import place, worker_feed
from service.booking.slots import get_kita, parse_slot_id
from service.directory.queries import list_entries
from service.errors import Conflict, InvalidInput, NotFound, SlotTaken
from service.present.times import berlin_today, date_label, talk_time, time_label, utcnow
from service.web.booking import bp
from service.web.booking.forms import BookingForm, CancelForm
from service.web.database import db
from service.web.extensions import csrf, limiter
from service.web.state import settings

PAGE_DAYS = 14
PRIVATE_HEADERS = {"Cache-Control": "no-store", "Referrer-Policy": "no-referrer", "X-Robots-Tag": "noindex"}


def _start_day(raw: str | None) -> date:
    today = berlin_today()
    try:
        day = date.fromisoformat(raw) if raw else today
    except ValueError:
        day = today
    return min(max(day, today), today + timedelta(weeks=8))


def _days(slots: list[Slot], lang: str) -> list[tuple[str, list[dict]]]:
    """Slots grouped by day, each with its time in the page's language."""
    grouped = []
    for day, items in groupby(slots, key=lambda s: s.start.date()):
        entries = [{"slot": s, "time": time_label(s.start, lang)} for s in items]
        grouped.append((date_label(day, lang), entries))
    return grouped


def private_page(body: str, status: int = 200) -> Response:
    """A page with personal details: never cached, never leaking its URL through the Referer header."""
    response = Response(body, status=status, mimetype="text/html")
    response.headers.update(PRIVATE_HEADERS)
    return response


LAST_BOOKING = "booked"  # cookie-session key: the last booking made in this browser (kita, key, token)


def _last_booking(kita_slug: str) -> dict | None:
    """The booking this browser made last at this kita, so the form can say so (and keep its key)."""
    last = cookie_session.get(LAST_BOOKING)
    return last if isinstance(last, dict) and last.get("kita") == kita_slug else None


def _booked_here(kita_slug: str, lang: str) -> dict | None:
    """"You booked …" for the form page after a booking (still booked, not past)."""
    last = _last_booking(kita_slug)
    if last is None or request.args.get("another"):
        return None
    try:
        booking = get_booking(db(), str(last.get("token", "")))
    except NotFound:
        return None
    if booking.status != "booked" or booking.start <= utcnow():
        return None
    talk = talk_time(booking.start, booking.end, lang)
    return {"day": talk.day, "time": talk.time, "url": url_for("booking.show", lang=lang, token=booking.cancel_token),
            "another": url_for("booking.book", lang=lang, kita=kita_slug, another=1)}


def _render_book(form: BookingForm, lang: str, kita_slug: str, status: int = 200,
                 suggestions: list[Slot] | None = None, notice: str | None = None):
    session = db()
    kita = get_kita(session, kita_slug)
    booked = _booked_here(kita.slug, lang) if request.method == "GET" else None
    if not form.key.data:
        # after a booking the form keeps that booking's key: sending it again shows the booking, books nothing
        form.key.data = (_last_booking(kita.slug) or {}).get("key") if booked else secrets.token_urlsafe(18)
    start = _start_day(request.args.get("from"))
    slots = free_slots(session, kita.slug, start, PAGE_DAYS)
    form.topic.choices = [SelectChoice("", "–")] + [SelectChoice(e.slug, e.title) for e in list_entries(session, lang)]
    later = start + timedelta(days=PAGE_DAYS)
    earlier = start - timedelta(days=PAGE_DAYS) if start > berlin_today() else None
    body = render_template(
        "booking/book.html", form=form, kita=kita, place=place(kita), days=_days(slots, lang), booked=booked,
        suggestions=_days(suggestions or [], lang), notice=notice, later=later.isoformat(),
        earlier=earlier.isoformat() if earlier else None, privacy=url_for("public.privacy", lang=lang),
    )
    return private_page(body, status)


@bp.route("/<lang>/kitas/<kita>/book", methods=["GET", "POST"])
@limiter.limit("20/minute", methods=["POST"])
@csrf.exempt  # the form checks its token itself, so that an expired form comes back filled in, not as an error
def book(lang: str, kita: str):
    """GET: free times grouped by day and the form; POST: book, then show the confirmation."""
    form = BookingForm()
    if request.method == "GET":
        form.lang.data = lang
        form.topic.data = request.args.get("topic", "")
        return _render_book(form, lang, kita)
    if not form.validate_on_submit():  # only the CSRF token can fail: the rules live in the core
        return _render_book(form, lang, kita, 400, notice="expired")
    details = ParentDetails(first_name=form.first_name.data or "", contact=form.contact.data or None,
                            lang=form.lang.data or "", interpreter=bool(form.interpreter.data),
                            topic=form.topic.data or None, note=form.note.data or None,
                            consent=bool(form.consent.data))
    session = db()
    key = form.key.data or None
    try:
        _check_kita(session, kita, form.slot.data)
        booking = book_slot(session, form.slot.data or "", details, counters=settings().analytics_enabled,
                            idempotency_key=key)
        session.commit()
    except InvalidInput as exc:
        session.rollback()
        form.show_errors(exc.fields, lang)
        return _render_book(form, lang, kita, 422, notice="invalid")
    except SlotTaken:
        session.rollback()
        earlier = booking_by_key(session, key) if key else None  # a double tap: the first request booked
        if earlier is None:
            suggestions = next_free_slots(session, kita, parse_slot_id(form.slot.data)[2])
            return _render_book(form, lang, kita, 409, suggestions, notice="taken")
        booking = earlier
    cookie_session[LAST_BOOKING] = {"kita": kita, "key": key, "token": booking.cancel_token}
    return redirect(url_for("booking.show", lang=lang, token=booking.cancel_token, new=1), code=303)


def _check_kita(session: Session, kita_slug: str, slot_id: str | None) -> None:
    """The chosen time must belong to the kita in the address."""
    kita = get_kita(session, kita_slug)
    try:
        kita_id = parse_slot_id(slot_id)[1]
    except InvalidInput:
        return  # book_slot reports it together with the other fields
    if kita_id != kita.id:
        raise InvalidInput({"slot_id": "invalid"})


@bp.route("/<lang>/booking/<token>", methods=["GET", "POST"])
@limiter.limit("30/minute", methods=["POST"])
@csrf.exempt  # checked by the form below, answered with the page instead of an error
def show(lang: str, token: str):
    """GET shows the booking (a link preview changes nothing); POST with the CSRF token asks once more, and with
    confirm=yes cancels it."""
    session = db()
    form = CancelForm()
    problem = None
    confirming = False
    if request.method == "POST":
        if not form.validate_on_submit():
            problem = "expired"
        elif request.form.get("confirm") != "yes":
            confirming = True  # the first tap asks once more: a cancelled talk cannot be taken back
        else:
            try:
                cancel_booking(session, token, counters=settings().analytics_enabled)
                session.commit()
                return redirect(url_for("booking.show", lang=lang, token=token), code=303)
            except Conflict:
                session.rollback()
                problem = "past"
    view = booking_view(session, get_booking(session, token))
    booking = view.booking
    talk = talk_time(booking.start, booking.end, lang)
    body = render_template(
        "booking/show.html", view=view, booking=booking, code=format_code(booking.code),
        when=talk, until=talk.until, place=place(view.kita),
        ics_url=url_for("api.booking_ics", token=token), form=form,
        new=request.args.get("new") == "1", problem=problem, upcoming=booking.start > utcnow(), confirming=confirming,
        book_again=url_for("booking.book", lang=lang, kita=view.kita.slug),
    )
    return private_page(body, {"past": 409, "expired": 400}.get(problem or "", 200))


@bp.get("/calendar/<token>.ics")
def feed(token: str):
    """A social worker's private iCal feed (the token is the secret; hand out with `flask booking feeds`)."""
    try:
        data = worker_feed(db(), token)
    except NotFound:
        abort(404)
    response = Response(data, mimetype="text/calendar")
    response.headers.update({"Cache-Control": "no-store", "X-Robots-Tag": "noindex"})
    return response
