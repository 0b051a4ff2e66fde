"""Notices that come due by time: the e-mail reminder the day before and the social worker's 07:00 digest."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from sqlmodel import Session, col, select

from service.booking.models import BOOKED, Booking
from service.booking.operations import REMINDER_LEAD, mark_reminded
from service.booking.slots import berlin_midnight
from service.clock import BERLIN
from service.directory.models import SocialWorker
from service.mail.models import REMINDER, WORKER_DIGEST
from service.mail.notify import enqueue, to_parent

DIGEST_HOUR = time(7, 0)


def queue_reminders(session: Session, now: datetime) -> int:
    """E-mail reminders for web and API bookings made more than a day ahead; the bot reminds its own."""
    candidates = session.exec(select(Booking).where(
        Booking.status == BOOKED, col(Booking.chat_id).is_(None), col(Booking.reminded_at).is_(None),
        col(Booking.contact).contains("@"), Booking.start > now, Booking.start <= now + REMINDER_LEAD,
    ).order_by(col(Booking.start))).all()
    queued = 0
    for booking in candidates:
        if booking.created_at > booking.start - REMINDER_LEAD:
            continue  # booked within a day: the confirmation is recent enough
        # One "reminded" mark per booking, shared with the bot: whoever marks first sends.
        if mark_reminded(session, booking, now=now) and to_parent(session, booking, REMINDER, now):
            queued += 1
    return queued


def queue_digests(session: Session, now: datetime) -> int:
    """From 07:00 Europe/Berlin: each social worker with an e-mail gets one digest of tomorrow's talks."""
    local = now.astimezone(BERLIN)
    if local.time() < DIGEST_HOUR:
        return 0
    tomorrow = local.date() + timedelta(days=1)
    start, end = berlin_midnight(tomorrow), berlin_midnight(tomorrow + timedelta(days=1))
    worker_ids = set(session.exec(select(Booking.social_worker_id).where(
        Booking.status == BOOKED, Booking.start >= start, Booking.start < end)).all())
    queued = 0
    for worker_id in sorted(worker_ids):
        worker = session.get(SocialWorker, worker_id)
        if worker is None or not worker.active or not worker.email:
            continue
        day = tomorrow.isoformat()
        if enqueue(session, f"{WORKER_DIGEST}:{worker_id}:{day}", WORKER_DIGEST, now, social_worker_id=worker_id,
                    day=day, recipient=worker.email, lang="de"):
            queued += 1
    return queued
