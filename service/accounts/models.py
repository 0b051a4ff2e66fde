"""Staff tables: accounts with a role, server-side sessions, stand-ins, and the append-only audit log."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import JSON, Column, DateTime, text
from sqlmodel import Field, SQLModel

from service.booking.models import UTCDateTime
from service.clock import utcnow

ADMIN, SOCIAL_WORKER, EDITOR = "admin", "social_worker", "editor"
ROLES = (ADMIN, SOCIAL_WORKER, EDITOR)


def _timestamp(nullable: bool = False) -> Any:
    if nullable:
        return Field(default=None, sa_column=Column(DateTime(timezone=True), nullable=True))
    return Field(default_factory=utcnow, sa_column=Column(DateTime(timezone=True), nullable=False))


def aware(value: datetime) -> datetime:
    """SQLite hands timestamps back without their offset; they were stored in UTC."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value


class StaffUser(SQLModel, table=True):
    """A person who may use the staff pages: admin, a social worker (linked to her record), or an editor."""

    __tablename__ = "staff_user"

    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(index=True, unique=True, max_length=64)
    password_hash: str = Field(max_length=255)
    active: bool = True
    created_at: datetime = _timestamp()
    last_login_at: datetime | None = _timestamp(nullable=True)
    role: str = Field(default=ADMIN, max_length=16, sa_column_kwargs={"server_default": text("'admin'")})
    social_worker_id: int | None = Field(default=None, foreign_key="social_worker.id", index=True)
    # the languages an editor may edit (never "de"); empty for the other roles
    languages: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False,
                                                                         server_default=text("'[]'")))


class StaffSession(SQLModel, table=True):
    """A logged-in staff session; the cookie holds a random id, the table only its SHA-256."""

    __tablename__ = "staff_session"

    id: str = Field(primary_key=True, max_length=64)
    user_id: int = Field(foreign_key="staff_user.id", index=True)
    data: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    created_at: datetime = _timestamp()
    last_seen_at: datetime = _timestamp()


class StandIn(SQLModel, table=True):
    """A social worker standing in for a colleague (sees and acts on her bookings) until a day, inclusive."""

    __tablename__ = "staff_stand_in"

    id: int | None = Field(default=None, primary_key=True)
    social_worker_id: int = Field(foreign_key="social_worker.id", index=True)  # who stands in
    for_social_worker_id: int = Field(foreign_key="social_worker.id", index=True)  # the absent colleague
    until: date
    created_at: datetime = _timestamp()


class AuditEntry(SQLModel, table=True):
    """One staff action: who, when, what, on which object (booking ids only, never a family's data)."""

    __tablename__ = "staff_audit"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False, index=True))
    user_id: int | None = Field(default=None, foreign_key="staff_user.id", index=True)
    username: str = Field(default="", max_length=64)  # kept readable if the account is renamed or removed
    action: str = Field(index=True, max_length=40)
    object: str = Field(default="", max_length=120)
    detail: str = Field(default="", max_length=200)
