"""Operations for the social workers (their pages come with the staff area): mark, block, list, look up."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from service.booking.models import (
    BOOKED,
    CANCELLED,
    EXCEPTION_REASONS,
    HELD,
    NO_SHOW,
    Booking,
    ScheduleException,
    utcnow,
)
from service.booking.operations import _cancel, _count
from service.booking.slots import BERLIN, get_kita
from service.db import get_row
from service.directory.models import Kita, SocialWorker
from service.directory.schema import SLUG_RE
from service.errors import Conflict, InvalidInput, NotFound


@dataclass(frozen=True)
class BookingView:
    """A booking with the names a page or a message needs."""

    booking: Booking
    kita: Kita
    social_worker: SocialWorker

    @property
    def start(self) -> datetime:
        return self.booking.start.astimezone(BERLIN)

    @property
    def end(self) -> datetime:
        return self.booking.end.astimezone(BERLIN)


def booking_view(session: Session, booking: Booking) -> BookingView:
    """The booking with its kita and social worker."""
    kita = session.get(Kita, booking.kita_id)
    worker = session.get(SocialWorker, booking.social_worker_id)
    if kita is None or worker is None:
        raise NotFound("booking")
    return BookingView(booking, kita, worker)


def get_social_worker(session: Session, slug: str) -> SocialWorker:
    valid = isinstance(slug, str) and SLUG_RE.match(slug)
    worker = session.exec(select(SocialWorker).where(SocialWorker.slug == slug)).first() if valid else None
    if worker is None:
        raise NotFound("social worker")
    return worker


def bookings_between(session: Session, social_worker_slug: str, start: datetime, end: datetime, *,
                     include_cancelled: bool = False) -> list[Booking]:
    """A social worker's bookings starting in [start, end), soonest first."""
    worker = get_social_worker(session, social_worker_slug)
    query = select(Booking).where(Booking.social_worker_id == worker.id, Booking.start >= start, Booking.start < end)
    if not include_cancelled:
        query = query.where(Booking.status != CANCELLED)
    return list(session.exec(query.order_by(col(Booking.start))))


def block_time(session: Session, social_worker_slug: str, start: datetime, end: datetime, *,
               reason: str = "blocked", kita_slug: str | None = None) -> ScheduleException:
    """Make a social worker unavailable (vacation, sickness, training, a blocked hour); bookings stay."""
    errors = {}
    if start.tzinfo is None or end.tzinfo is None or end <= start:
        errors["end"] = "invalid"
    if reason not in EXCEPTION_REASONS:
        errors["reason"] = "invalid"
    if errors:
        raise InvalidInput(errors)
    worker = get_social_worker(session, social_worker_slug)
    kita_id = get_kita(session, kita_slug).id if kita_slug else None
    item = ScheduleException(social_worker_id=worker.id, kita_id=kita_id, starts_at=start, ends_at=end, reason=reason)
    session.add(item)
    session.flush()
    return item


def affected_by_block(session: Session, social_worker_slug: str, start: datetime, end: datetime, *,
                      kita_slug: str | None = None, now: datetime | None = None) -> list[BookingView]:
    """Booked talks not begun yet that a block of [start, end) (at one kita, or everywhere) would fall on."""
    worker = get_social_worker(session, social_worker_slug)
    query = (select(Booking, Kita).join(Kita, col(Kita.id) == Booking.kita_id)
             .where(Booking.social_worker_id == worker.id, Booking.status == BOOKED, Booking.start < end,
                    Booking.end > start, Booking.start > (now or utcnow())))
    if kita_slug:
        query = query.where(Booking.kita_id == get_kita(session, kita_slug).id)
    return [BookingView(b, k, worker) for b, k in session.exec(query.order_by(col(Booking.start)))]


def get_block(session: Session, block_id: int) -> ScheduleException:
    """A blocked time by id; NotFound when unknown."""
    block = get_row(session, ScheduleException, block_id)
    if block is None:
        raise NotFound("blocked time")
    return block


def _staff_booking(session: Session, booking_id: int) -> Booking:
    booking = get_row(session, Booking, booking_id)
    if booking is None:
        raise NotFound("booking")
    return booking


def list_bookings(session: Session, start: datetime, end: datetime, *, kita_slug: str | None = None,
                  social_worker_slug: str | None = None, newest_first: bool = False,
                  social_worker_ids: set[int] | None = None) -> list[BookingView]:
    """Bookings of every status starting in [start, end), of one kita and/or social worker if given, and only of
    the social workers in `social_worker_ids` unless that is None."""
    query = (select(Booking, Kita, SocialWorker)
             .join(Kita, col(Kita.id) == Booking.kita_id)
             .join(SocialWorker, col(SocialWorker.id) == Booking.social_worker_id)
             .where(Booking.start >= start, Booking.start < end))
    if social_worker_ids is not None:
        query = query.where(col(Booking.social_worker_id).in_(social_worker_ids))
    if kita_slug:
        query = query.where(Booking.kita_id == get_kita(session, kita_slug).id)
    if social_worker_slug:
        query = query.where(Booking.social_worker_id == get_social_worker(session, social_worker_slug).id)
    order = col(Booking.start).desc() if newest_first else col(Booking.start)
    return [BookingView(b, k, w) for b, k, w in session.exec(query.order_by(order, col(Booking.id)))]


@dataclass(frozen=True)
class BlockView:
    """A blocked time with the social worker's name and the kita (None: at every kita)."""

    block: ScheduleException
    social_worker: SocialWorker
    kita: Kita | None

    @property
    def start(self) -> datetime:
        return self.block.starts_at.astimezone(BERLIN)

    @property
    def end(self) -> datetime:
        return self.block.ends_at.astimezone(BERLIN)


def future_blocks(session: Session, *, now: datetime | None = None,
                  social_worker_ids: set[int] | None = None) -> list[BlockView]:
    """Blocked times that have not ended yet (of these social workers unless None), soonest first."""
    query = (select(ScheduleException, SocialWorker)
             .join(SocialWorker, col(SocialWorker.id) == ScheduleException.social_worker_id)
             .where(ScheduleException.ends_at > (now or utcnow())))
    if social_worker_ids is not None:
        query = query.where(col(ScheduleException.social_worker_id).in_(social_worker_ids))
    rows = session.exec(query.order_by(col(ScheduleException.starts_at), col(ScheduleException.id))).all()
    kitas = {k.id: k for k in session.exec(select(Kita))}
    return [BlockView(block, worker, kitas.get(block.kita_id)) for block, worker in rows]


def remove_block(session: Session, block_id: int) -> ScheduleException:
    """Give blocked time back (the social worker is available again); NotFound when unknown."""
    block = get_block(session, block_id)
    session.delete(block)
    session.flush()
    return block


def renew_feed_token(session: Session, social_worker_slug: str) -> SocialWorker:
    """A new private calendar address for a social worker; the old one stops working."""
    worker = get_social_worker(session, social_worker_slug)
    worker.ical_token = secrets.token_urlsafe(24)
    session.add(worker)
    session.flush()
    return worker


def cancel_by_staff(session: Session, booking_id: int, *, now: datetime | None = None,
                    counters: bool = True) -> Booking:
    """The social worker cancels a booking."""
    return _cancel(session, _staff_booking(session, booking_id), now or utcnow(), counters, by_staff=True)


def _mark_past(session: Session, booking_id: int, status: str, now: datetime | None) -> Booking:
    booking = _staff_booking(session, booking_id)
    if booking.status == CANCELLED or booking.start > (now or utcnow()):
        raise Conflict("only a past, not cancelled appointment can be marked")
    booking.status = status
    session.add(booking)
    session.flush()
    return booking


def mark_held(session: Session, booking_id: int, *, now: datetime | None = None) -> Booking:
    """The talk took place."""
    return _mark_past(session, booking_id, HELD, now)


def mark_no_show(session: Session, booking_id: int, *, now: datetime | None = None, counters: bool = True) -> Booking:
    """The parent did not come (counted anonymously)."""
    booking = _staff_booking(session, booking_id)
    already = booking.status == NO_SHOW
    booking = _mark_past(session, booking_id, NO_SHOW, now)
    if not already:
        _count(session, "no_show", booking, now or utcnow(), counters)
    return booking


