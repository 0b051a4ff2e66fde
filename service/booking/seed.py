"""Example consultation hours in `directory_data/schedules/`: validated, and seeded into an empty database only."""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, field_validator, model_validator
from sqlmodel import Session, col, select

from service.booking.models import EXCEPTION_REASONS, KitaClosure, Schedule, ScheduleException
from service.booking.slots import BERLIN
from service.directory.loader import DirectoryInvalid, _Reader
from service.directory.models import Kita, SocialWorker, SocialWorkerKita
from service.directory.schema import KITA_SLUGS, WEEKDAYS, Strict, check_slug

CLOSURES_FILE = "closing-days.yaml"
Clock = Annotated[str, StringConstraints(pattern=r"^([01]\d|2[0-3]):[0-5]\d$")]
KitaSlug = Literal[KITA_SLUGS]  # type: ignore[valid-type]


def _time(value: str) -> dt.time:
    return dt.time.fromisoformat(value)


class WindowData(Strict):
    day: Literal[WEEKDAYS]  # type: ignore[valid-type]
    opens: Clock
    closes: Clock

    @model_validator(mode="after")
    def _order(self) -> WindowData:
        if _time(self.opens) >= _time(self.closes):
            raise ValueError("opens must be before closes")
        return self


class AbsenceData(Strict):
    first_day: dt.date
    last_day: dt.date | None = None
    opens: Clock | None = None  # both given: only these hours of each day are blocked
    closes: Clock | None = None
    reason: Literal[EXCEPTION_REASONS] = "blocked"  # type: ignore[valid-type]

    @model_validator(mode="after")
    def _check(self) -> AbsenceData:
        if self.last_day is not None and self.last_day < self.first_day:
            raise ValueError("last_day is before first_day")
        if (self.opens is None) != (self.closes is None):
            raise ValueError("give both opens and closes, or neither")
        if self.opens and self.closes and _time(self.opens) >= _time(self.closes):
            raise ValueError("opens must be before closes")
        return self

    def spans(self) -> list[tuple[dt.datetime, dt.datetime]]:
        """The blocked times as aware datetimes: the hours of each day, or the whole days."""
        last = self.last_day or self.first_day
        if not (self.opens and self.closes):
            return [(dt.datetime.combine(self.first_day, dt.time(0), tzinfo=BERLIN),
                     dt.datetime.combine(last + dt.timedelta(days=1), dt.time(0), tzinfo=BERLIN))]
        days = [self.first_day + dt.timedelta(days=n) for n in range((last - self.first_day).days + 1)]
        return [(dt.datetime.combine(day, _time(self.opens), tzinfo=BERLIN),
                 dt.datetime.combine(day, _time(self.closes), tzinfo=BERLIN)) for day in days]


class ScheduleFileData(Strict):
    """One file per social worker: weekly windows per kita, slot length, buffer, validity, absences."""

    example: bool = True
    social_worker: str
    valid_from: dt.date
    valid_until: dt.date | None = None
    slot_minutes: int = Field(default=30, ge=10, le=120)
    buffer_minutes: int = Field(default=0, ge=0, le=60)
    kitas: dict[KitaSlug, list[WindowData]] = Field(min_length=1)
    absences: list[AbsenceData] = []

    _slug = field_validator("social_worker")(classmethod(lambda cls, v: check_slug(v)))

    @model_validator(mode="after")
    def _check(self) -> ScheduleFileData:
        if self.valid_until is not None and self.valid_until < self.valid_from:
            raise ValueError("valid_until is before valid_from")
        return self


class ClosureData(Strict):
    first_day: dt.date
    last_day: dt.date | None = None
    reason: str = ""


class ClosuresFileData(Strict):
    example: bool = True
    kitas: dict[KitaSlug, list[ClosureData]] = {}


@dataclass
class Schedules:
    files: dict[str, ScheduleFileData] = field(default_factory=dict)
    closures: ClosuresFileData = field(default_factory=ClosuresFileData)


def _overlapping(item: ScheduleFileData) -> list[str]:
    """Windows of one person on the same weekday that overlap (she cannot be at two kitas at once)."""
    found = []
    windows = [(kita, w) for kita, group in item.kitas.items() for w in group]
    for i, (kita_a, a) in enumerate(windows):
        for kita_b, b in windows[i + 1:]:
            if a.day == b.day and _time(a.opens) < _time(b.closes) and _time(b.opens) < _time(a.closes):
                found.append(f"{kita_a} {a.day} {a.opens}-{a.closes} overlaps {kita_b} {b.day} {b.opens}-{b.closes}")
    return found


def parse_schedules(root: Path, staff: dict[str, set[str]]) -> Schedules:
    """Read and check `root/schedules/`; `staff` maps social worker slugs to the kitas they serve."""
    reader = _Reader(Path(root))
    result = Schedules()
    folder = Path(root) / "schedules"
    for path in sorted(folder.glob("*.yaml")):
        if path.name == CLOSURES_FILE:
            parsed = reader.model(path, None, ClosuresFileData, reader.yaml(path, None))
            result.closures = parsed or result.closures
            continue
        item = reader.model(path, path.stem, ScheduleFileData, reader.yaml(path, path.stem))
        if item is None:
            continue
        if item.social_worker not in staff:
            reader.problem(path, path.stem, "social_worker", f"unknown social worker {item.social_worker!r}")
            continue
        if item.social_worker in {f.social_worker for f in result.files.values()}:
            reader.problem(path, path.stem, "social_worker", "a second schedule file for this social worker")
        for kita in item.kitas:
            if kita not in staff[item.social_worker]:
                reader.problem(path, path.stem, f"kitas.{kita}", "this social worker does not serve this kita")
        for message in _overlapping(item):
            reader.problem(path, path.stem, "kitas", message)
        result.files[path.stem] = item
    if reader.problems:
        raise DirectoryInvalid(reader.problems)
    return result


def staff_in_database(session: Session) -> dict[str, set[str]]:
    """Social worker slug -> kita slugs, as the database has them."""
    staff: dict[str, set[str]] = {w.slug: set() for w in session.exec(select(SocialWorker))}
    rows = session.exec(select(SocialWorker.slug, Kita.slug)
                        .join(SocialWorkerKita, col(SocialWorkerKita.social_worker_id) == SocialWorker.id)
                        .join(Kita, col(Kita.id) == SocialWorkerKita.kita_id))
    for worker, kita in rows:
        staff[worker].add(kita)
    return staff


def seed_schedules(session: Session, root: Path) -> int:
    """Seed schedules, absences and closing days into a database that has none; returns the windows added."""
    for worker in session.exec(select(SocialWorker).where(col(SocialWorker.ical_token).is_(None))):
        worker.ical_token = secrets.token_urlsafe(24)
        session.add(worker)
    if session.exec(select(Schedule.id)).first() is not None:
        session.flush()
        return 0  # the database is the source of truth now
    data = parse_schedules(root, staff_in_database(session))
    workers = {w.slug: w for w in session.exec(select(SocialWorker))}
    kitas = {k.slug: k for k in session.exec(select(Kita))}
    added = 0
    for item in data.files.values():
        worker = workers[item.social_worker]
        for kita_slug, windows in item.kitas.items():
            for window in windows:
                session.add(Schedule(
                    social_worker_id=worker.id, kita_id=kitas[kita_slug].id, weekday=WEEKDAYS.index(window.day),
                    opens=_time(window.opens), closes=_time(window.closes), valid_from=item.valid_from,
                    valid_until=item.valid_until, slot_minutes=item.slot_minutes,
                    buffer_minutes=item.buffer_minutes, is_example=item.example))
                added += 1
        for absence in item.absences:
            for start, end in absence.spans():
                session.add(ScheduleException(social_worker_id=worker.id, starts_at=start, ends_at=end,
                                              reason=absence.reason))
    for kita_slug, closures in data.closures.kitas.items():
        if kita_slug in kitas:
            for closure in closures:
                session.add(KitaClosure(kita_id=kitas[kita_slug].id, first_day=closure.first_day,
                                        last_day=closure.last_day or closure.first_day, reason=closure.reason))
    session.flush()
    return added
