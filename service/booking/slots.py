"""Free slots, computed from the weekly windows minus holidays, closing days, exceptions and bookings."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import cache

import holidays
from sqlmodel import Session, col, or_, select

from service.booking.models import CANCELLED, Booking, KitaClosure, Schedule, ScheduleException, utcnow
from service.clock import BERLIN
from service.directory.models import Kita, SocialWorker
from service.directory.schema import SLUG_RE
from service.errors import InvalidInput, NotFound

MIN_NOTICE = timedelta(hours=2)
HORIZON = timedelta(weeks=8)  # how far ahead parents can book
MAX_DAYS = 62  # the longest range one free_slots call computes
_SLOT_ID = re.compile(r"^(\d{1,9})_(\d{1,9})_(\d{12})$")


@dataclass(frozen=True)
class Slot:
    """A bookable time: `id` is opaque to clients; start and end are aware, in Europe/Berlin.

    Compare or subtract them via UTC: Python ignores the offset between two datetimes that share a tzinfo.
    """

    id: str
    start: datetime
    end: datetime
    kita_slug: str
    social_worker_slug: str
    social_worker_name: str


def make_slot_id(social_worker_id: int, kita_id: int, start: datetime) -> str:
    """Encode social worker, kita and start (UTC, so that the autumn's repeated hour stays unambiguous)."""
    return f"{social_worker_id}_{kita_id}_{start.astimezone(UTC):%Y%m%d%H%M}"


def parse_slot_id(value: object) -> tuple[int, int, datetime]:
    """Decode a slot id; InvalidInput(slot_id) when malformed."""
    match = _SLOT_ID.match(value) if isinstance(value, str) else None
    if not match:
        raise InvalidInput({"slot_id": "invalid"})
    try:
        start = datetime.strptime(match.group(3), "%Y%m%d%H%M").replace(tzinfo=UTC)
    except ValueError:
        raise InvalidInput({"slot_id": "invalid"}) from None
    return int(match.group(1)), int(match.group(2)), start


@cache
def nrw_holidays(year: int) -> frozenset[date]:
    """Public holidays in North Rhine-Westphalia (maintained by the `holidays` package)."""
    return frozenset(holidays.country_holidays("DE", subdiv="NW", years=year))


def is_holiday(day: date) -> bool:
    return day in nrw_holidays(day.year)


def berlin_midnight(day: date) -> datetime:
    """The instant a Berlin calendar day starts, in UTC."""
    return datetime.combine(day, datetime.min.time(), tzinfo=BERLIN).astimezone(UTC)


def window_times(rule: Schedule, day: date) -> Iterable[tuple[datetime, datetime]]:
    """The slots of one window on one day, stepped in real time (right across the DST switches)."""
    opens = datetime.combine(day, rule.opens, tzinfo=BERLIN).astimezone(UTC)
    closes = datetime.combine(day, rule.closes, tzinfo=BERLIN).astimezone(UTC)
    length = timedelta(minutes=rule.slot_minutes)
    step = length + timedelta(minutes=rule.buffer_minutes)
    start = opens
    while start + length <= closes:
        yield start, start + length
        start += step


def _overlaps(busy: list[tuple[datetime, datetime]], start: datetime, end: datetime) -> bool:
    return any(b_start < end and start < b_end for b_start, b_end in busy)


def get_kita(session: Session, kita_slug: str) -> Kita:
    valid = isinstance(kita_slug, str) and SLUG_RE.match(kita_slug)  # also keeps NUL bytes away from PostgreSQL
    kita = session.exec(select(Kita).where(Kita.slug == kita_slug)).first() if valid else None
    if kita is None:
        raise NotFound("kita")
    return kita


def compute_slots(
    session: Session, kita: Kita, first: date, last: date, *, now: datetime,
    social_worker_id: int | None = None, skip_booked: bool = True,
) -> list[Slot]:
    """Slots at `kita` on the days first..last (inclusive), not before now + notice, not beyond the horizon."""
    earliest, latest = now + MIN_NOTICE, now + HORIZON
    query = select(Schedule, SocialWorker).join(SocialWorker, col(SocialWorker.id) == Schedule.social_worker_id)
    query = query.where(Schedule.kita_id == kita.id, SocialWorker.active == True)  # noqa: E712
    query = query.where(Schedule.valid_from <= last,
                        or_(col(Schedule.valid_until).is_(None), col(Schedule.valid_until) >= first))
    if social_worker_id is not None:
        query = query.where(Schedule.social_worker_id == social_worker_id)
    rules = list(session.exec(query))
    if not rules:
        return []
    range_start, range_end = berlin_midnight(first), berlin_midnight(last + timedelta(days=1))
    workers = {worker.id for _rule, worker in rules}
    busy = _busy(session, workers, kita.id, range_start, range_end, skip_booked)
    closed = _closed_days(session, kita.id, first, last)
    slots: list[Slot] = []
    for rule, worker in rules:
        day = first
        while day <= last:
            if (day.weekday() == rule.weekday and rule.valid_from <= day
                    and (rule.valid_until is None or day <= rule.valid_until)
                    and day not in closed and not is_holiday(day)):
                for start, end in window_times(rule, day):
                    if earliest <= start <= latest and not _overlaps(busy.get(worker.id, []), start, end):
                        slots.append(Slot(make_slot_id(worker.id, kita.id, start), start.astimezone(BERLIN),
                                          end.astimezone(BERLIN), kita.slug, worker.slug, worker.name))
            day += timedelta(days=1)
    slots.sort(key=lambda s: (s.start.astimezone(UTC), s.social_worker_name))  # Berlin wall times would misorder
    return slots


def _busy(session: Session, workers: set[int], kita_id: int, start: datetime, end: datetime,
          with_bookings: bool) -> dict[int, list[tuple[datetime, datetime]]]:
    """Per social worker: exceptions (here or everywhere) and, optionally, active bookings at any kita."""
    busy: dict[int, list[tuple[datetime, datetime]]] = {w: [] for w in workers}
    exceptions = session.exec(select(ScheduleException).where(
        col(ScheduleException.social_worker_id).in_(workers),
        or_(col(ScheduleException.kita_id).is_(None), ScheduleException.kita_id == kita_id),
        ScheduleException.starts_at < end, ScheduleException.ends_at > start,
    ))
    for item in exceptions:
        busy[item.social_worker_id].append((item.starts_at, item.ends_at))
    if with_bookings:
        bookings = session.exec(select(Booking.social_worker_id, Booking.start, Booking.end).where(
            col(Booking.social_worker_id).in_(workers), Booking.status != CANCELLED,
            Booking.start < end, Booking.end > start,
        ))
        for worker_id, b_start, b_end in bookings:
            busy[worker_id].append((b_start, b_end))
    return busy


def _closed_days(session: Session, kita_id: int, first: date, last: date) -> set[date]:
    days: set[date] = set()
    closures = session.exec(select(KitaClosure).where(
        KitaClosure.kita_id == kita_id, KitaClosure.first_day <= last, KitaClosure.last_day >= first))
    for closure in closures:
        day = max(closure.first_day, first)
        while day <= min(closure.last_day, last):
            days.add(day)
            day += timedelta(days=1)
    return days


def free_slots(session: Session, kita_slug: str, start: date, days: int, *, now: datetime | None = None) -> list[Slot]:
    """Free slots at a kita on `days` days from `start` (Europe/Berlin calendar days)."""
    if not isinstance(days, int) or not 1 <= days <= MAX_DAYS:
        raise InvalidInput({"days": "invalid"})
    kita = get_kita(session, kita_slug)
    return compute_slots(session, kita, start, start + timedelta(days=days - 1), now=now or utcnow())


def next_free_slots(session: Session, kita_slug: str, after: datetime, limit: int = 3, *,
                    now: datetime | None = None) -> list[Slot]:
    """The first `limit` free slots starting after `after` ("just taken, here are the next ones")."""
    now, after = (now or utcnow()).astimezone(UTC), after.astimezone(UTC)
    kita = get_kita(session, kita_slug)
    found: list[Slot] = []
    first = max(after, now).astimezone(BERLIN).date()
    last_day = (now + HORIZON).astimezone(BERLIN).date()
    while first <= last_day and len(found) < limit:
        last = min(first + timedelta(days=13), last_day)
        found += [s for s in compute_slots(session, kita, first, last, now=now) if s.start > after]
        first = last + timedelta(days=1)
    return found[:limit]


def find_slot(session: Session, slot_id: str, *, now: datetime) -> Slot:
    """The schedule's slot behind an id, ignoring bookings; InvalidInput when it is not (or no longer) offered."""
    worker_id, kita_id, start = parse_slot_id(slot_id)
    kita = session.get(Kita, kita_id)
    worker = session.get(SocialWorker, worker_id)
    if kita is None or worker is None or not worker.active:
        raise NotFound("slot")
    if start < now + MIN_NOTICE:
        raise InvalidInput({"slot_id": "too_soon"})
    day = start.astimezone(BERLIN).date()
    for slot in compute_slots(session, kita, day, day, now=now, social_worker_id=worker_id, skip_booked=False):
        if slot.start.astimezone(UTC) == start:  # via UTC: Python never equates an ambiguous local time
            return slot
    raise InvalidInput({"slot_id": "unavailable"})
