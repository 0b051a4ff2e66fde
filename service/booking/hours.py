"""Weekly consultation windows edited in the browser (the YAML under directory_data/schedules only seeds an empty
database). A change never drops a booking: `outside_hours` lists the booked talks the new hours no longer cover.

    current_windows(session, social_worker_ids=None, *, today=None) -> list[WindowView]
    add_window(session, social_worker_id, kita_id, weekday, opens, closes, *, slot_minutes, valid_from,
               valid_until=None) -> Schedule            InvalidInput(fields) for bad or overlapping windows
    end_window(session, schedule_id, last_day) -> Schedule | None      None when the window never began (deleted)
    outside_hours(session, social_worker_ids=None, *, now=None) -> list[BookingView]
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlmodel import Session, col, or_, select

from service.booking.models import BOOKED, Booking, Schedule, utcnow
from service.booking.slots import BERLIN
from service.booking.staff import BookingView
from service.clock import berlin_today
from service.db import get_row
from service.directory.models import Kita, SocialWorker, SocialWorkerKita
from service.errors import InvalidInput, NotFound

SLOT_CHOICES = (15, 20, 30, 45, 60)


@dataclass(frozen=True)
class WindowView:
    """A weekly window with its social worker and kita."""

    schedule: Schedule
    social_worker: SocialWorker
    kita: Kita


def current_windows(session: Session, social_worker_ids: set[int] | None = None, *,
                    today: date | None = None) -> list[WindowView]:
    """Windows valid today or later (of these social workers unless None), by person, weekday and time."""
    today = today or berlin_today()
    query = (select(Schedule, SocialWorker, Kita)
             .join(SocialWorker, col(SocialWorker.id) == Schedule.social_worker_id)
             .join(Kita, col(Kita.id) == Schedule.kita_id)
             .where(or_(col(Schedule.valid_until).is_(None), col(Schedule.valid_until) >= today)))
    if social_worker_ids is not None:
        query = query.where(col(Schedule.social_worker_id).in_(social_worker_ids))
    query = query.order_by(col(SocialWorker.name), col(Schedule.weekday), col(Schedule.opens), col(Schedule.id))
    return [WindowView(s, w, k) for s, w, k in session.exec(query)]


def _overlapping(session: Session, window: Schedule) -> bool:
    """Another window of the same person on the same weekday overlaps in time and validity."""
    others = session.exec(select(Schedule).where(
        Schedule.social_worker_id == window.social_worker_id, Schedule.weekday == window.weekday,
        Schedule.opens < window.closes, Schedule.closes > window.opens,
        or_(col(Schedule.valid_until).is_(None), col(Schedule.valid_until) >= window.valid_from)))
    last = window.valid_until or date.max
    return any(other.valid_from <= last and other.id != window.id for other in others)


def add_window(session: Session, social_worker_id: int, kita_id: int, weekday: int, opens: time, closes: time, *,
               slot_minutes: int, valid_from: date, valid_until: date | None = None) -> Schedule:
    """A new weekly window; she must serve the kita, and she cannot be in two places at once."""
    errors: dict[str, str] = {}
    if not 0 <= weekday <= 6:
        errors["weekday"] = "invalid"
    if slot_minutes not in SLOT_CHOICES:
        errors["slot_minutes"] = "invalid"
    start, end = datetime.combine(date.min, opens), datetime.combine(date.min, closes)
    if end - start < timedelta(minutes=slot_minutes if slot_minutes in SLOT_CHOICES else 0) or end <= start:
        errors["closes"] = "too_short"
    if valid_until is not None and valid_until < valid_from:
        errors["valid_until"] = "before_start"
    serves = session.exec(select(SocialWorkerKita).where(SocialWorkerKita.social_worker_id == social_worker_id,
                                                         SocialWorkerKita.kita_id == kita_id)).first()
    if serves is None:
        errors["kita"] = "not_served"
    if errors:
        raise InvalidInput(errors)
    window = Schedule(social_worker_id=social_worker_id, kita_id=kita_id, weekday=weekday, opens=opens,
                      closes=closes, valid_from=valid_from, valid_until=valid_until, slot_minutes=slot_minutes,
                      is_example=False)
    if _overlapping(session, window):
        raise InvalidInput({"opens": "overlaps"})
    session.add(window)
    session.flush()
    return window


def get_window(session: Session, schedule_id: int) -> Schedule:
    window = get_row(session, Schedule, schedule_id)
    if window is None:
        raise NotFound("window")
    return window


def end_window(session: Session, schedule_id: int, last_day: date) -> Schedule | None:
    """The window's last day; a window that would end before it began is deleted (None)."""
    window = get_window(session, schedule_id)
    if last_day < window.valid_from:
        session.delete(window)
        session.flush()
        return None
    window.valid_until = last_day if window.valid_until is None else min(window.valid_until, last_day)
    session.add(window)
    session.flush()
    return window


def _covered(windows: list[Schedule], booking: Booking) -> bool:
    start, end = booking.start.astimezone(BERLIN), booking.end.astimezone(BERLIN)
    day = start.date()
    return any(w.kita_id == booking.kita_id and w.weekday == day.weekday() and w.valid_from <= day
               and (w.valid_until is None or day <= w.valid_until) and w.opens <= start.time()
               and (end.time() <= w.closes or end.date() > day and w.closes == time(0)) for w in windows)


def outside_hours(session: Session, social_worker_ids: set[int] | None = None, *,
                  now: datetime | None = None) -> list[BookingView]:
    """Booked future talks that no window covers any more (the families may need a call)."""
    query = (select(Booking, Kita, SocialWorker)
             .join(Kita, col(Kita.id) == Booking.kita_id)
             .join(SocialWorker, col(SocialWorker.id) == Booking.social_worker_id)
             .where(Booking.status == BOOKED, Booking.start > (now or utcnow())))
    if social_worker_ids is not None:
        query = query.where(col(Booking.social_worker_id).in_(social_worker_ids))
    rows = list(session.exec(query.order_by(col(Booking.start))))
    windows: dict[int, list[Schedule]] = {}
    for worker_id in {b.social_worker_id for b, _k, _w in rows}:
        windows[worker_id] = list(session.exec(select(Schedule).where(Schedule.social_worker_id == worker_id)))
    return [BookingView(b, k, w) for b, k, w in rows if not _covered(windows[b.social_worker_id], b)]
