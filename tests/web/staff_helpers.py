"""Helpers for the staff page tests: bookings as the core stores them, statuses, counters."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from sqlmodel import select

from service import counters
from service.booking import BERLIN, Booking
from service.reports import DailyCounter


def at(days: int, hour: int = 10, minute: int = 0) -> datetime:
    """Berlin wall time `days` from today, in UTC."""
    day = datetime.now(BERLIN).date() + timedelta(days=days)
    return datetime.combine(day, time(hour, minute), tzinfo=BERLIN).astimezone(UTC)


def add_booking(world, start: datetime, worker: str = "worker-a", kita: str = "loevenich", **fields) -> int:
    """A booking row as the core stores it; returns its id."""
    values = {"status": "booked", "code": "K7M4QX", "cancel_token": "t" * 32, "first_name": "Ayşe",
              "contact": "0151 2345678", "lang": "tr", "interpreter": True, "topic": "kindergeld",
              "note": "Brief vom Amt"}
    values.update(fields)
    with world.session() as session:
        booking = Booking(social_worker_id=world.workers[worker], kita_id=world.kitas[kita], start=start,
                          end=start + timedelta(minutes=30), **values)
        session.add(booking)
        session.commit()
        return booking.id


def status_of(world, booking_id: int) -> str:
    with world.session() as session:
        return session.get(Booking, booking_id).status


def counted(world, event: str) -> list[tuple[str, str, int]]:
    counters.flush()
    with world.session() as session:
        rows = session.exec(select(DailyCounter).where(DailyCounter.event == event))
        return [(c.kita, c.lang, c.count) for c in rows]


def text(response) -> str:
    return response.get_data(as_text=True)
