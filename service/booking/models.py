"""Booking tables: weekly consultation windows, exceptions, kita closing days, and the bookings themselves."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import BigInteger, Column, DateTime, Index, text
from sqlalchemy.types import TypeDecorator
from sqlmodel import Field, SQLModel

from service.clock import utcnow

BOOKED, CANCELLED, HELD, NO_SHOW = "booked", "cancelled", "held", "no_show"
STATUSES = (BOOKED, CANCELLED, HELD, NO_SHOW)
EXCEPTION_REASONS = ("vacation", "sickness", "training", "blocked")
# Every status but "cancelled" occupies the social worker's time; the index below makes that unique.
ACTIVE_WHERE = text("status != 'cancelled'")


class UTCDateTime(TypeDecorator):
    """Timestamps stored in UTC and read back aware, also on SQLite (which keeps no offset)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def aware(nullable: bool = False) -> Any:
    """A timezone-aware timestamp column without a default."""
    return Field(default=None if nullable else ..., sa_column=Column(UTCDateTime(), nullable=nullable))


def timestamp() -> Any:
    """A timezone-aware timestamp column defaulting to now."""
    return Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))


class Schedule(SQLModel, table=True):
    """A weekly consultation window of one social worker at one kita, valid for a period."""

    __tablename__ = "booking_schedule"

    id: int | None = Field(default=None, primary_key=True)
    social_worker_id: int = Field(foreign_key="social_worker.id", index=True)
    kita_id: int = Field(foreign_key="kita.id", index=True)
    weekday: int = Field(ge=0, le=6)  # Monday = 0
    opens: time
    closes: time
    valid_from: date
    valid_until: date | None = None
    slot_minutes: int = 30
    buffer_minutes: int = 0
    is_example: bool = False


class ScheduleException(SQLModel, table=True):
    """Time a social worker is not available (vacation, sickness, training, a blocked hour)."""

    __tablename__ = "booking_exception"

    id: int | None = Field(default=None, primary_key=True)
    social_worker_id: int = Field(foreign_key="social_worker.id", index=True)
    kita_id: int | None = Field(default=None, foreign_key="kita.id")  # None: at every kita
    starts_at: datetime = aware()
    ends_at: datetime = aware()
    reason: str = Field(default="blocked", max_length=16)
    created_at: datetime = timestamp()


class KitaClosure(SQLModel, table=True):
    """Days a kita is closed (team days, summer closing); no consultations there."""

    __tablename__ = "booking_closure"

    id: int | None = Field(default=None, primary_key=True)
    kita_id: int = Field(foreign_key="kita.id", index=True)
    first_day: date
    last_day: date
    reason: str = Field(default="", max_length=64)


class Booking(SQLModel, table=True):
    """One booked talk. The parent's fields are erased RETENTION_DAYS after the appointment."""

    __tablename__ = "booking"
    __table_args__ = (
        Index(
            "uq_booking_active_slot", "social_worker_id", "start", unique=True,
            sqlite_where=ACTIVE_WHERE, postgresql_where=ACTIVE_WHERE,
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    social_worker_id: int = Field(foreign_key="social_worker.id", index=True)
    kita_id: int = Field(foreign_key="kita.id", index=True)
    start: datetime = aware()
    end: datetime = aware()
    status: str = Field(default=BOOKED, max_length=16)
    code: str | None = Field(default=None, max_length=12, unique=True)
    cancel_token: str | None = Field(default=None, max_length=64, unique=True)
    # the booking form's one-time key: a second submit of the same form shows this booking instead of a new one
    idempotency_key: str | None = Field(default=None, max_length=64, unique=True)
    # personal fields (erased by purge_expired)
    first_name: str | None = Field(default=None, max_length=60)
    contact: str | None = Field(default=None, max_length=120)
    contact_key: str | None = Field(default=None, max_length=120, index=True)
    chat_id: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True, index=True))
    lang: str | None = Field(default=None, max_length=8)
    interpreter: bool | None = None
    topic: str | None = Field(default=None, max_length=48)
    note: str | None = Field(default=None, max_length=500)
    consent_at: datetime | None = aware(nullable=True)
    # bookkeeping
    created_at: datetime = timestamp()
    cancelled_at: datetime | None = aware(nullable=True)
    reminded_at: datetime | None = aware(nullable=True)
    purged_at: datetime | None = aware(nullable=True)

    @property
    def active(self) -> bool:
        return self.status != CANCELLED

    @property
    def purged(self) -> bool:
        return self.purged_at is not None
