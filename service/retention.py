"""The retention purge, one call for everything personal the service keeps (daily timer, and after a restore)."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from service.accounts.audit import purge_audit
from service.booking import purge_expired
from service.booking.models import utcnow
from service.chats import purge_inactive
from service.config import Settings
from service.curation.feedback import purge_feedback


def purge_all(session: Session, settings: Settings, now: datetime | None = None) -> dict[str, int]:
    """Erase booking details (and their notices) past RETENTION_DAYS, old feedback, audit rows and idle chats."""
    now = now or utcnow()
    return {
        "bookings": purge_expired(session, now, settings.retention_days),
        "feedback": purge_feedback(session, now, settings.feedback_retention_days),
        "audit": purge_audit(session, now, settings.audit_retention_days),
        "chats": len(purge_inactive(session, now)),
    }
