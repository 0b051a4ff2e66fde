"""Deliver the outbox at least once: claim a row, send, mark it sent (erasing address and links) or retry later."""

from __future__ import annotations

import contextlib
import logging
import smtplib
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from sqlalchemy import update
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from service.config import Settings
from service.db import session_scope
from service.mail.compose import Links, Notice, compose
from service.mail.models import EMAIL, FAILED, PENDING, SENT, OutboxMessage
from service.mail.queue import queue_digests, queue_reminders
from service.mail.smtp import SmtpServer, mime

log = logging.getLogger("service.mail")
LEASE = timedelta(minutes=5)  # a claimed row is retried after this if its sender died
MAX_ATTEMPTS = 12
BATCH = 50


def backoff(attempts: int) -> timedelta:
    """1, 2, 4 … minutes, at most one hour between attempts."""
    return timedelta(minutes=min(2 ** max(attempts - 1, 0), 60))


@dataclass
class Report:
    queued: int = 0
    sent: int = 0
    retry: int = 0


def due_ids(session: Session, channel: str, now: datetime, limit: int = BATCH) -> list[int]:
    return list(session.exec(select(OutboxMessage.id).where(
        OutboxMessage.channel == channel, OutboxMessage.status == PENDING, OutboxMessage.next_attempt_at <= now,
    ).order_by(col(OutboxMessage.id)).limit(limit)).all())


def claim(session: Session, row_id: int, now: datetime) -> OutboxMessage | None:
    """Take a row for this sender (a lease), so that two senders never send it at the same time."""
    result = session.execute(update(OutboxMessage).where(
        col(OutboxMessage.id) == row_id, OutboxMessage.status == PENDING, OutboxMessage.next_attempt_at <= now,
    ).values(next_attempt_at=now + LEASE))
    if not result.rowcount:
        return None
    session.expire_all()
    return session.get(OutboxMessage, row_id)


def mark_sent(session: Session, row: OutboxMessage, now: datetime) -> None:
    """Sent: the row keeps only what it was (kind, booking id, time), no address, no link."""
    row.status, row.sent_at, row.recipient, row.last_error = SENT, now, None, None
    session.add(row)


def mark_dropped(session: Session, row: OutboxMessage, now: datetime) -> None:
    """Nothing to say any more (the talk is past, erased or cancelled since)."""
    row.status, row.sent_at, row.recipient, row.last_error = FAILED, None, None, "obsolete"
    session.add(row)


def mark_retry(session: Session, row: OutboxMessage, now: datetime, error: BaseException) -> None:
    row.attempts += 1
    row.last_error = type(error).__name__[:120]
    if row.attempts >= MAX_ATTEMPTS:
        row.status, row.recipient = FAILED, None
    else:
        row.next_attempt_at = now + backoff(row.attempts)
    session.add(row)


def _claimed(session: Session, row_id: int, links: Links, now: datetime) -> tuple[OutboxMessage, Notice] | None:
    """Claim a due row and compose it; a row with nothing left to say is dropped here."""
    row = claim(session, row_id, now)
    if row is None:
        return None
    notice = compose(session, row, links, now)
    if notice is None or not row.recipient:
        mark_dropped(session, row, now)
        return None
    return row, notice


def _sender(settings: Settings) -> str:
    host = urlsplit(settings.public_base_url).hostname or "localhost"
    return settings.mail_from or f"Kita-Wegweiser <noreply@{host}>"


def send_email(engine: Engine, settings: Settings, now: datetime) -> Report:
    """Queue due reminders and digests, then send every due e-mail; stop at the first connection failure."""
    report = Report()
    if not settings.smtp_url:
        return report  # no e-mail configured: nothing is queued for e-mail reminders, nothing is sent
    server = SmtpServer.from_url(settings.smtp_url)
    with session_scope(engine) as session:
        report.queued = queue_reminders(session, now) + queue_digests(session, now)
    links = Links(settings.public_base_url)
    with session_scope(engine) as session:
        ids = due_ids(session, EMAIL, now)
    client: smtplib.SMTP | None = None
    try:
        for row_id in ids:
            with session_scope(engine) as session:
                claimed = _claimed(session, row_id, links, now)
                if claimed is None:
                    continue
                row, notice = claimed
                try:
                    client = client or server.connect()
                    client.send_message(_message(notice, row, settings))
                except (OSError, smtplib.SMTPException) as exc:
                    mark_retry(session, row, now, exc)
                    report.retry += 1
                    log.warning("mail server unavailable (%s); %d notice(s) wait", type(exc).__name__, len(ids))
                    if not isinstance(exc, smtplib.SMTPRecipientsRefused):
                        break
                    continue
                mark_sent(session, row, now)
                report.sent += 1
    finally:
        if client is not None:
            with contextlib.suppress(OSError, smtplib.SMTPException):
                client.quit()
    return report


def _message(notice: Notice, row: OutboxMessage, settings: Settings):  # noqa: ANN202 - EmailMessage
    return mime(notice.subject, notice.text(), notice.html(), lang=notice.lang, sender=_sender(settings),
                recipient=row.recipient or "", message_id=row.message_id, reply_to=settings.mail_reply_to,
                ics=notice.ics)


def take_due(engine: Engine, channel: str, links: Links, now: datetime) -> list[tuple[int, str, Notice]]:
    """For another channel's sender (the bot): claimed rows as (row id, recipient, notice)."""
    taken: list[tuple[int, str, Notice]] = []
    with session_scope(engine) as session:
        ids = due_ids(session, channel, now)
    for row_id in ids:
        with session_scope(engine) as session:
            claimed = _claimed(session, row_id, links, now)
            if claimed is not None:
                taken.append((row_id, claimed[0].recipient or "", claimed[1]))
    return taken


def settle(engine: Engine, row_id: int, now: datetime, error: BaseException | None = None, *,
           final: bool = False) -> None:
    """Record the outcome of a send made by another channel's sender (final: no use in trying again)."""
    with session_scope(engine) as session:
        row = session.get(OutboxMessage, row_id)
        if row is None:
            return
        if error is None:
            mark_sent(session, row, now)
        elif final:
            mark_dropped(session, row, now)
        else:
            mark_retry(session, row, now, error)


