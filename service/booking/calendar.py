"""Calendar files: the parent's `.ics` for one booking, and each social worker's private iCal feed."""

from __future__ import annotations

from datetime import datetime, timedelta

from icalendar import Calendar, Event
from sqlmodel import Session, col, select

from service.booking.models import CANCELLED, Booking, utcnow
from service.booking.operations import format_code, is_token
from service.booking.slots import BERLIN, HORIZON
from service.booking.staff import BookingView
from service.booking.topics import topic_title
from service.directory.models import Kita, SocialWorker
from service.errors import NotFound
from service.i18n import language, translator

PRODID = "-//Kita-Wegweiser Erkelenz//Booking//DE"
FEED_PAST = timedelta(days=30)
STAFF_LANG = "de"


def _calendar(name: str | None = None) -> Calendar:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    if name:
        cal.add("x-wr-calname", name)
        cal.add("x-wr-timezone", "Europe/Berlin")
    return cal


def place(kita: Kita) -> str:
    """The kita's name and address on one line."""
    address = kita.address or {}
    street = address.get("street")
    town = " ".join(p for p in (address.get("postal_code"), address.get("city")) if p)
    district = address.get("district")
    parts = [kita.name, street, f"{town} ({district})" if town and district else town or district]
    return ", ".join(p for p in parts if p)


def _event(booking: Booking, kita: Kita, summary: str, description: str) -> Event:
    event = Event()
    event.add("uid", f"booking-{booking.id}@kita-wegweiser")
    event.add("dtstamp", utcnow())
    event.add("dtstart", booking.start.astimezone(BERLIN))
    event.add("dtend", booking.end.astimezone(BERLIN))
    event.add("summary", summary)
    event.add("location", place(kita))
    event.add("description", description)
    event.add("status", "CANCELLED" if booking.status == CANCELLED else "CONFIRMED")
    return event


def booking_ics(view: BookingView, *, cancel_url: str, lang: str | None = None) -> bytes:
    """The parent's calendar entry, in the booking's language."""
    _ = translator(lang or view.booking.lang or "de")
    lines = [
        _("Your booking code: %(code)s", code=format_code(view.booking.code)),
        _("With: %(name)s", name=view.social_worker.name),
        _("To cancel: %(url)s", url=cancel_url),
    ]
    cal = _calendar()
    cal.add("method", "PUBLISH")
    cal.add_component(_event(view.booking, view.kita, _("Talk with the kita social worker"), "\n".join(lines)))
    cal.add_missing_timezones()
    return cal.to_ical()


def _worker_description(session: Session, booking: Booking) -> str:
    """What the social worker needs to prepare, and nothing about who the family is: no name, contact or note
    (a calendar lives on phones and in shared mailboxes). In German, the staff's working language."""
    _ = translator(STAFF_LANG)
    lines = [_("Code: %(code)s", code=format_code(booking.code))]
    if booking.lang:
        lines.append(_("Language: %(language)s", language=language(booking.lang).native_name))
    if booking.interpreter:
        lines.append(_("Interpreter wanted"))
    if booking.topic:
        lines.append(_("Topic: %(topic)s", topic=topic_title(session, booking.topic, STAFF_LANG)))
    return "\n".join(lines)


def worker_feed(session: Session, token: str, *, now: datetime | None = None) -> bytes:
    """A social worker's booked talks (last 30 days to the booking horizon) for her calendar app; token-protected.
    Cancelled talks leave the feed, so calendar apps remove them."""
    if not is_token(token):
        raise NotFound("feed")
    worker = session.exec(select(SocialWorker).where(SocialWorker.ical_token == token)).first()
    if worker is None or not worker.active:
        raise NotFound("feed")
    now = now or utcnow()
    rows = session.exec(
        select(Booking, Kita).join(Kita, col(Kita.id) == Booking.kita_id)
        .where(Booking.social_worker_id == worker.id, Booking.status != CANCELLED,
               Booking.start >= now - FEED_PAST, Booking.start <= now + HORIZON + timedelta(days=1))
        .order_by(col(Booking.start))
    )
    _ = translator(STAFF_LANG)
    cal = _calendar(_("Consultations of %(name)s", name=worker.name))
    for booking, kita in rows:
        summary = _("Talk %(code)s (%(kita)s)", code=format_code(booking.code) or "–", kita=kita.name)
        cal.add_component(_event(booking, kita, summary, _worker_description(session, booking)))
    cal.add_missing_timezones()
    return cal.to_ical()
