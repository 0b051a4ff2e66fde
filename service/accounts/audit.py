"""The staff audit log: append-only rows of who did what on which object, never a family's data.

    record(session, user, action, obj="", *, detail="") -> AuditEntry
        `action` is one of ACTIONS (others register theirs there, e.g. "content.edit"); `obj` names the object
        as "kind:id" ("booking:42", "worker:anna-beispiel", "entry:kindergeld/ar"): booking ids only, never a
        code, name or contact. Flushes in the caller's transaction, so the row commits with the change itself.
    entries(session, *, user=None, action=None, first=None, last=None, limit=500) -> list[AuditEntry]
    cancelled_by_staff(session, booking_ids) -> set[int]  which bookings staff cancelled
    purge_audit(session, now, retention_days) -> int      rows older than the retention are deleted
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlmodel import Session, col, delete, select

from service.accounts.models import AuditEntry, StaffUser, utcnow
from service.booking.slots import BERLIN

ACTIONS = (
    "login", "logout", "bookings.view", "booking.view", "booking.cancel", "booking.held", "booking.no_show",
    "absence.block", "absence.remove", "calendar.view", "calendar.renew", "hours.add", "hours.end",
    "hours.remove", "worker.add", "worker.edit", "worker.deactivate", "stand_in.add", "stand_in.remove",
    "account.create", "account.password", "account.role", "account.deactivate", "account.activate",
    "audit.view", "audit.export", "report.view",
    "content.edit", "content.facts", "content.create", "content.export", "content.restore", "feedback.view",
)
MAX_TEXT = 200


def record(session: Session, user: StaffUser | None, action: str, obj: str = "", *, detail: str = "") -> AuditEntry:
    """Append one row (in the caller's transaction). `user` None: the command line."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}: add it to service.accounts.audit.ACTIONS")
    entry = AuditEntry(user_id=user.id if user else None, username=user.username if user else "(cli)",
                       action=action, object=obj[:120], detail=detail[:MAX_TEXT], at=utcnow())
    session.add(entry)
    session.flush()
    return entry


def _start_of(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=BERLIN)


def entries(session: Session, *, username: str | None = None, action: str | None = None,
            first: date | None = None, last: date | None = None, limit: int | None = 500) -> list[AuditEntry]:
    """Rows newest first, filtered by user name, action (or an action prefix ending in "."), Berlin days."""
    query = select(AuditEntry)
    if username:
        query = query.where(AuditEntry.username == username)
    if action:
        query = query.where(col(AuditEntry.action).startswith(action) if action.endswith(".")
                            else AuditEntry.action == action)
    if first:
        query = query.where(col(AuditEntry.at) >= _start_of(first))
    if last:
        query = query.where(col(AuditEntry.at) < _start_of(last + timedelta(days=1)))
    query = query.order_by(col(AuditEntry.at).desc(), col(AuditEntry.id).desc())
    if limit:
        query = query.limit(limit)
    return list(session.exec(query))


def cancelled_by_staff(session: Session, booking_ids: list[int]) -> set[int]:
    """Which of these bookings staff cancelled (the log knows; the booking row does not say who cancelled)."""
    if not booking_ids:
        return set()
    objects = [f"booking:{booking_id}" for booking_id in booking_ids]
    rows = session.exec(select(AuditEntry.object).where(AuditEntry.action == "booking.cancel",
                                                         col(AuditEntry.object).in_(objects)))
    return {int(obj.split(":", 1)[1]) for obj in rows}


def purge_audit(session: Session, now: datetime | None, retention_days: int) -> int:
    """Delete rows older than the retention (the only way rows ever leave the table)."""
    cutoff = (now or utcnow()) - timedelta(days=retention_days)
    result = session.exec(delete(AuditEntry).where(col(AuditEntry.at) < cutoff))  # type: ignore[call-overload]
    session.flush()
    return result.rowcount or 0
