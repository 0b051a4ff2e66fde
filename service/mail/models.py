"""The outbox: one row per notice, written in the transaction of the booking change that causes it."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from service.booking.models import aware, timestamp

PENDING, SENT, FAILED = "pending", "sent", "failed"
EMAIL, TELEGRAM = "email", "telegram"

# Notices to the parent (per booking) and to the social worker (per booking, or per worker and day).
CONFIRMATION, REMINDER, CANCELLED_BY_STAFF = "confirmation", "reminder", "cancelled_by_staff"
WORKER_NEW, WORKER_CANCELLED, WORKER_DIGEST = "worker_new", "worker_cancelled", "worker_digest"
KINDS = (CONFIRMATION, REMINDER, CANCELLED_BY_STAFF, WORKER_NEW, WORKER_CANCELLED, WORKER_DIGEST)
PARENT_KINDS = (CONFIRMATION, REMINDER, CANCELLED_BY_STAFF)


class OutboxMessage(SQLModel, table=True):
    """A notice waiting to go out (or sent: then without address and links, kept until the booking's retention)."""

    __tablename__ = "mail_outbox"

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(max_length=96, unique=True)  # kind + booking id, or kind + worker id + day
    kind: str = Field(max_length=24)
    channel: str = Field(default=EMAIL, max_length=16)
    booking_id: int | None = Field(default=None, index=True)
    social_worker_id: int | None = Field(default=None)
    day: str | None = Field(default=None, max_length=10)  # the digest's day, YYYY-MM-DD
    recipient: str | None = Field(default=None, max_length=254)  # erased once sent
    lang: str = Field(default="de", max_length=8)
    message_id: str = Field(max_length=128)  # stable across retries: a resend is recognisable as a duplicate
    status: str = Field(default=PENDING, max_length=12, index=True)
    attempts: int = 0
    next_attempt_at: datetime = aware()
    last_error: str | None = Field(default=None, max_length=120)  # the error's kind, never its text
    created_at: datetime = timestamp()
    sent_at: datetime | None = aware(nullable=True)
