"""Notices written in the transaction of the booking change that causes them (unique keys: never twice)."""

from __future__ import annotations

from datetime import datetime, timedelta
from email.utils import make_msgid

from sqlalchemy import delete, or_
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from service.booking.models import Booking
from service.directory.models import SocialWorker
from service.mail.models import (
    CANCELLED_BY_STAFF,
    CONFIRMATION,
    EMAIL,
    PENDING,
    TELEGRAM,
    WORKER_CANCELLED,
    WORKER_NEW,
    OutboxMessage,
)

MESSAGE_ID_DOMAIN = "kita-wegweiser.invalid"


def is_email(contact: str | None) -> bool:
    return bool(contact) and "@" in contact  # the booking core has already validated the contact


def parent_channel(booking: Booking) -> str | None:
    """How the family hears from us: the bot for bot bookings, e-mail for an e-mail contact, else not at all."""
    if booking.chat_id is not None:
        return TELEGRAM
    if is_email(booking.contact):
        return EMAIL
    return None


def enqueue(session: Session, key: str, kind: str, now: datetime, **fields: object) -> OutboxMessage | None:
    """Add one outbox row unless its key exists (then another process or an earlier run queued it)."""
    if session.exec(select(OutboxMessage.id).where(OutboxMessage.key == key)).first() is not None:
        return None
    row = OutboxMessage(key=key, kind=kind, message_id=make_msgid(domain=MESSAGE_ID_DOMAIN), next_attempt_at=now,
                        created_at=now, **fields)
    try:
        with session.begin_nested():
            session.add(row)
            session.flush()
    except IntegrityError:
        return None
    return row


def to_parent(session: Session, booking: Booking, kind: str, now: datetime) -> OutboxMessage | None:
    channel = parent_channel(booking)
    if channel is None:
        return None
    recipient = booking.contact if channel == EMAIL else str(booking.chat_id)
    return enqueue(session, f"{kind}:{booking.id}", kind, now, channel=channel, booking_id=booking.id,
                    recipient=recipient, lang=booking.lang or "de")


def _to_worker(session: Session, booking: Booking, kind: str, now: datetime) -> OutboxMessage | None:
    worker = session.get(SocialWorker, booking.social_worker_id)
    if worker is None or not worker.active or not worker.email:
        return None
    return enqueue(session, f"{kind}:{booking.id}", kind, now, booking_id=booking.id, social_worker_id=worker.id,
                    recipient=worker.email, lang="de")


def notify_booked(session: Session, booking: Booking, now: datetime) -> None:
    """A new talk: the confirmation to a family that booked with an e-mail address, a notice to the worker."""
    if parent_channel(booking) == EMAIL:
        to_parent(session, booking, CONFIRMATION, now)
    _to_worker(session, booking, WORKER_NEW, now)


def notify_cancelled(session: Session, booking: Booking, now: datetime, *, by_staff: bool) -> None:
    """A cancelled talk: the worker is told; a cancellation by staff is also told to the family (bot or e-mail)."""
    if by_staff:
        to_parent(session, booking, CANCELLED_BY_STAFF, now)
    _to_worker(session, booking, WORKER_CANCELLED, now)


def family_informed(session: Session, booking_id: int) -> bool:
    """Whether a staff cancellation reaches the family (else the staff page says "not informed — call")."""
    key = f"{CANCELLED_BY_STAFF}:{booking_id}"
    return session.exec(select(OutboxMessage.id).where(OutboxMessage.key == key)).first() is not None


def purge_outbox(session: Session, now: datetime, retention_days: int) -> int:
    """Delete rows of bookings erased by the retention purge, and finished rows older than the retention."""
    cutoff = now - timedelta(days=retention_days)
    erased = select(Booking.id).where(col(Booking.purged_at).is_not(None))
    result = session.execute(delete(OutboxMessage).where(or_(
        col(OutboxMessage.booking_id).in_(erased),
        (OutboxMessage.status != PENDING) & (OutboxMessage.created_at < cutoff),
    )))
    return int(result.rowcount or 0)
