"""Outbox row + database -> the message (plain text and HTML, in the reader's language, right-to-left where it
belongs). Parents' notices carry the booking's details; social workers' notices carry no name, contact or note."""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlmodel import Session, col, select

from service.booking.calendar import booking_ics, place
from service.booking.models import BOOKED, Booking
from service.booking.operations import format_code
from service.booking.slots import berlin_midnight, next_free_slots
from service.booking.staff import BookingView, booking_view
from service.booking.topics import topic_title
from service.directory.models import Kita, SocialWorker
from service.i18n import language, translator
from service.mail.models import (
    CANCELLED_BY_STAFF,
    CONFIRMATION,
    REMINDER,
    WORKER_CANCELLED,
    WORKER_DIGEST,
    WORKER_NEW,
    OutboxMessage,
)
from service.present import links as paths
from service.present.times import date_label, time_label

STAFF_LANG = "de"


@dataclass
class Notice:
    """A message before it becomes MIME: subject, paragraphs, links, an optional calendar file."""

    subject: str
    lang: str
    paragraphs: list[str] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)  # (label, absolute url)
    ics: bytes | None = None

    def text(self) -> str:
        lines = [*self.paragraphs, *(f"{label}: {url}" for label, url in self.links)]
        return "\n\n".join(lines) + "\n"

    def html(self) -> str:
        lang = language(self.lang)
        body = "".join(f"<p>{html.escape(p).replace(chr(10), '<br>')}</p>" for p in self.paragraphs)
        body += "".join(f'<p><a href="{html.escape(url)}">{html.escape(label)}</a></p>' for label, url in self.links)
        return (f'<!doctype html><html lang="{lang.code}" dir="{lang.direction}"><head><meta charset="utf-8">'
                f"<title>{html.escape(self.subject)}</title></head><body>{body}</body></html>")


def when(moment: datetime, lang: str) -> str:
    """Date and time in Erkelenz time in the reader's language."""
    _ = translator(lang)
    return _("%(date)s, %(time)s", date=date_label(moment, lang), time=time_label(moment, lang))


class Links:
    """Absolute links into the web pages (the layout lives in service.present.links)."""

    def __init__(self, base_url: str) -> None:
        self.base = base_url

    def booking(self, lang: str, token: str) -> str:
        return paths.web_url(self.base, paths.booked_path(lang, token))

    def book(self, lang: str, kita: str) -> str:
        return paths.web_url(self.base, paths.booking_path(lang, kita))

    def staff_bookings(self) -> str:
        return paths.web_url(self.base, paths.staff_bookings_path())


def _details(view: BookingView, lang: str) -> str:
    _ = translator(lang)
    return "\n".join([
        _("When: %(when)s", when=when(view.start, lang)),
        _("Where: %(place)s", place=place(view.kita)),
        _("With: %(name)s", name=view.social_worker.name),
        _("Your booking code: %(code)s", code=format_code(view.booking.code)),
    ])


def _parent(session: Session, row: OutboxMessage, view: BookingView, links: Links, now: datetime) -> Notice:
    lang = row.lang
    _ = translator(lang)
    booking = view.booking
    hello = _("Hello %(name)s,", name=booking.first_name) if booking.first_name else _("Hello,")
    why = _("You get this e-mail because this address was given when booking a talk with the kita social worker.")
    if row.kind == CANCELLED_BY_STAFF:
        notice = Notice(_("Your talk on %(when)s has been cancelled", when=when(view.start, lang)), lang)
        notice.paragraphs = [hello, _("We are sorry: the kita social worker cannot keep this appointment. "
                                      "Please book a new time."), _details(view, lang)]
        free = next_free_slots(session, view.kita.slug, now, limit=3, now=now)
        if free:
            notice.paragraphs.append("\n".join([_("The next free times at %(kita)s:", kita=view.kita.name),
                                                *(f"– {when(slot.start, lang)}" for slot in free)]))
        notice.links = [(_("Book a new time"), links.book(lang, view.kita.slug))]
        notice.paragraphs.append(why)
        return notice
    if row.kind == REMINDER:
        notice = Notice(_("Reminder: your talk on %(when)s", when=when(view.start, lang)), lang)
        first = _("This is a reminder of your talk with the kita social worker tomorrow.")
    else:
        notice = Notice(_("Your talk with the kita social worker on %(when)s", when=when(view.start, lang)), lang)
        first = _("Your talk with the kita social worker is booked.")
    notice.paragraphs = [hello, first, _details(view, lang), _("If you cannot come, please cancel the talk.")]
    if booking.cancel_token:
        notice.links = [(_("See or cancel your booking"), links.booking(lang, booking.cancel_token))]
        notice.ics = booking_ics(view, cancel_url=links.booking(lang, booking.cancel_token), lang=lang)
    notice.paragraphs.append(why)
    return notice


def _talk_lines(session: Session, booking: Booking, kita: Kita) -> str:
    """What the social worker needs to prepare; no name, contact or note (she reads those in the staff area)."""
    _ = translator(STAFF_LANG)
    lines = [_("When: %(when)s", when=when(booking.start, STAFF_LANG)), _("Where: %(place)s", place=kita.name),
             _("Code: %(code)s", code=format_code(booking.code))]
    if booking.lang:
        lines.append(_("Language: %(language)s", language=language(booking.lang).native_name))
    if booking.interpreter:
        lines.append(_("Interpreter wanted"))
    title = topic_title(session, booking.topic, STAFF_LANG)
    if title:
        lines.append(_("Topic: %(topic)s", topic=title))
    return "\n".join(lines)


def _worker_booking(session: Session, row: OutboxMessage, view: BookingView, links: Links) -> Notice:
    _ = translator(STAFF_LANG)
    moment = when(view.start, STAFF_LANG)
    if row.kind == WORKER_NEW:
        notice = Notice(_("New talk: %(when)s, %(kita)s", when=moment, kita=view.kita.name), STAFF_LANG)
    else:
        notice = Notice(_("Talk cancelled: %(when)s, %(kita)s", when=moment, kita=view.kita.name), STAFF_LANG)
    notice.paragraphs = [_talk_lines(session, view.booking, view.kita),
                         _("Names and contacts are in the staff area.")]
    notice.links = [(_("Bookings in the staff area"), links.staff_bookings())]
    notice.paragraphs.append(_("You get this e-mail because it is the address of your social-worker record."))
    return notice


def _digest(session: Session, row: OutboxMessage, links: Links) -> Notice | None:
    _ = translator(STAFF_LANG)
    day = date.fromisoformat(row.day or "")
    start, end = berlin_midnight(day), berlin_midnight(day + timedelta(days=1))
    talks = session.exec(select(Booking, Kita).join(Kita, col(Kita.id) == Booking.kita_id).where(
        Booking.social_worker_id == row.social_worker_id, Booking.status == BOOKED, Booking.start >= start,
        Booking.start < end).order_by(col(Booking.start))).all()
    if not talks:
        return None  # every talk of that day was cancelled since the digest was queued
    notice = Notice(_("Your talks on %(day)s", day=date_label(day, STAFF_LANG)), STAFF_LANG)
    notice.paragraphs = [_talk_lines(session, booking, kita) for booking, kita in talks]
    notice.paragraphs.append(_("Names and contacts are in the staff area."))
    notice.links = [(_("Bookings in the staff area"), links.staff_bookings())]
    notice.paragraphs.append(_("You get this e-mail because it is the address of your social-worker record."))
    return notice


def compose(session: Session, row: OutboxMessage, links: Links, now: datetime) -> Notice | None:
    """The notice for an outbox row, or None when there is nothing to say any more (erased, past, cancelled)."""
    if row.kind == WORKER_DIGEST:
        worker = session.get(SocialWorker, row.social_worker_id)
        return _digest(session, row, links) if worker is not None and worker.active else None
    booking = session.get(Booking, row.booking_id) if row.booking_id is not None else None
    if booking is None or booking.purged or booking.start <= now:
        return None
    view = booking_view(session, booking)
    if row.kind in (CONFIRMATION, REMINDER):
        return _parent(session, row, view, links, now) if booking.status == BOOKED else None
    if row.kind == CANCELLED_BY_STAFF:
        return _parent(session, row, view, links, now)
    if row.kind in (WORKER_NEW, WORKER_CANCELLED):
        return _worker_booking(session, row, view, links)
    return None
