"""Core booking operations: verbs with an explicit session; they flush, the adapter commits."""

from __future__ import annotations

import base64
import hashlib
import re
import secrets
from datetime import UTC, datetime, timedelta

from sqlalchemy import text, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from service import counters
from service.booking.models import BOOKED, CANCELLED, Booking, utcnow
from service.booking.parents import CleanParent, ParentDetails, clean_parent, contact_key
from service.booking.slots import BERLIN, find_slot, parse_slot_id
from service.db import get_row
from service.directory.models import Kita
from service.errors import Conflict, InvalidInput, NotFound, SlotTaken

MAX_FUTURE_PER_CONTACT = 2
CODE_LIMIT, CONTACT_LIMIT = 24, 120  # what find_for_parent reads of a typed code and contact
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: easy to read out on the phone
CODE_LENGTH = 6
REMINDER_LEAD = timedelta(hours=24)
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{16,64}$")


def _outbox():  # noqa: ANN202 - the module service.mail.notify
    """The notices' outbox; imported on first use because its table module builds on the booking tables."""
    from service.mail import notify

    return notify


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def format_code(code: str | None) -> str:
    """A code as read out: two groups of three ("K7M 4QX")."""
    return f"{code[:3]} {code[3:]}" if code else ""


def is_token(value: object) -> bool:
    """Looks like one of our tokens (checked before a query: PostgreSQL refuses NUL bytes with an error)."""
    return isinstance(value, str) and _TOKEN.match(value) is not None


def new_cancel_token() -> str:
    return secrets.token_urlsafe(24)  # 192 bits


def _count(session: Session, event: str, booking: Booking, now: datetime, enabled: bool,
           group: str | None = None) -> None:
    """Anonymous daily counter: kita, language, topic; never who."""
    if not enabled:
        return
    kita = session.get(Kita, booking.kita_id)
    counters.count(event, now.astimezone(BERLIN).date(), kita=kita.slug if kita else None, lang=booking.lang,
                   entry=booking.topic, topic=group, source="bot" if booking.chat_id is not None else None)


def _future_count(session: Session, parent: CleanParent, now: datetime) -> int:
    query = select(Booking.id).where(Booking.status == BOOKED, Booking.start > now)
    if parent.contact_key:
        query = query.where(Booking.contact_key == parent.contact_key)
    else:
        query = query.where(Booking.chat_id == parent.chat_id)
    return len(session.exec(query).all())


def _occupied(session: Session, social_worker_id: int, start: datetime) -> bool:
    return session.exec(select(Booking.id).where(
        Booking.social_worker_id == social_worker_id, Booking.start == start, Booking.status != CANCELLED,
    )).first() is not None


def _begin_write(session: Session) -> None:
    """On SQLite, open the transaction with a write before the savepoint.

    pysqlite starts transactions only before DML; a SAVEPOINT issued first would open the transaction itself,
    and releasing it would commit the booking behind the caller's back. The no-op UPDATE takes the write lock
    (waiting for the busy timeout like any writer) so the savepoint nests inside the caller's transaction.
    """
    if session.get_bind().dialect.name == "sqlite":
        session.execute(text("UPDATE booking SET id = id WHERE 0 = 1"))


def _lock_contact(session: Session, parent: CleanParent) -> None:
    """Hold one contact's bookings in line until the transaction ends, so the per-contact limit holds in races.

    PostgreSQL: a transaction-level advisory lock on the contact's hash. SQLite: `_begin_write` already holds the
    database's single writer lock, which serialises every booking.
    """
    if session.get_bind().dialect.name != "postgresql":
        return
    key = parent.contact_key or f"chat:{parent.chat_id}"
    lock_id = int.from_bytes(hashlib.sha256(key.encode()).digest()[:8], "big", signed=True)
    session.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": lock_id})


def book_slot(session: Session, slot_id: str, parent: ParentDetails, *, now: datetime | None = None,
              counters: bool = True, idempotency_key: str | None = None) -> Booking:
    """Book a slot; the partial unique index, not a check before insert, stops double bookings.

    With an `idempotency_key` (one per form shown) a repeated submission returns the booking it made, whatever
    it asks for now: a double tap or a resubmitted form never books twice.
    """
    now = now or utcnow()
    key = idempotency_key if is_idempotency_key(idempotency_key) else None
    if key and (earlier := booking_by_key(session, key)) is not None:
        return earlier
    errors: dict[str, str] = {}
    try:
        slot = find_slot(session, slot_id, now=now)
    except InvalidInput as exc:
        errors.update(exc.fields)
    clean, parent_errors = clean_parent(session, parent)
    errors.update(parent_errors)
    if errors or clean is None:
        raise InvalidInput(errors)
    worker_id, kita_id, _start = parse_slot_id(slot_id)
    _begin_write(session)
    _lock_contact(session, clean)
    if _future_count(session, clean, now) >= MAX_FUTURE_PER_CONTACT:
        raise InvalidInput({"contact": "limit"})
    for _attempt in range(5):
        booking = Booking(
            social_worker_id=worker_id, kita_id=kita_id, start=slot.start.astimezone(UTC),
            end=slot.end.astimezone(UTC), status=BOOKED,
            code=new_code(), cancel_token=new_cancel_token(), first_name=clean.first_name, contact=clean.contact,
            contact_key=clean.contact_key, chat_id=clean.chat_id, lang=clean.lang, interpreter=clean.interpreter,
            topic=clean.topic, note=clean.note, consent_at=now, created_at=now, idempotency_key=key,
        )
        try:
            with session.begin_nested():
                session.add(booking)
                session.flush()
        except IntegrityError:
            if key and (earlier := booking_by_key(session, key)) is not None:
                return earlier  # the same form, sent twice at once: the other request booked
            if _occupied(session, worker_id, slot.start):
                raise SlotTaken("slot taken") from None
            continue  # a code or token collision: draw new ones
        _count(session, "booking", booking, now, counters, clean.topic_group)
        _outbox().notify_booked(session, booking, now)
        return booking
    raise Conflict("could not store the booking")


def is_idempotency_key(value: object) -> bool:
    """A key as the forms make them (checked before a query, like tokens)."""
    return is_token(value)


def client_key(key: str, contact: object) -> str:
    """The idempotency key of a booking that an API client asks for with its own key (an `Idempotency-Key` header,
    checked with is_idempotency_key): bound to the contact it books for, so that the same key with another contact
    books anew and never hands back another family's booking (its cancel token). Stored as a hash: neither the
    client's key nor the contact is kept in it."""
    scope = (contact_key(contact) if isinstance(contact, str) else None) or ""
    digest = hashlib.sha256(f"api\x00{key}\x00{scope}".encode()).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def booking_by_key(session: Session, key: str) -> Booking | None:
    """The booking a form with this idempotency key made, if any."""
    if not is_idempotency_key(key):
        return None
    return session.exec(select(Booking).where(Booking.idempotency_key == key)).first()


def get_booking(session: Session, cancel_token: str) -> Booking:
    """The booking behind a cancel token; NotFound when unknown or erased."""
    if not is_token(cancel_token):
        raise NotFound("booking")
    booking = session.exec(select(Booking).where(Booking.cancel_token == cancel_token)).first()
    if booking is None:
        raise NotFound("booking")
    return booking


def find_by_code(session: Session, code: str) -> Booking:
    """A booking by the code a parent reads out (spaces, dashes and case ignored)."""
    cleaned = "".join(ch for ch in str(code).upper() if ch.isalnum())
    booking = session.exec(select(Booking).where(Booking.code == cleaned)).first() if cleaned else None
    if booking is None:
        raise NotFound("booking")
    return booking


def _cancel(session: Session, booking: Booking, now: datetime, counters: bool, *, by_staff: bool = False) -> Booking:
    if booking.status == CANCELLED:
        return booking  # idempotent: a second click changes nothing
    if booking.status != BOOKED or booking.start <= now:
        raise Conflict("the appointment has already taken place")
    booking.status, booking.cancelled_at = CANCELLED, now
    session.add(booking)
    session.flush()
    _count(session, "cancel", booking, now, counters)
    _outbox().notify_cancelled(session, booking, now, by_staff=by_staff)
    return booking


def cancel_booking(session: Session, cancel_token: str, *, now: datetime | None = None,
                   counters: bool = True) -> Booking:
    """Cancel by token (the parent); repeating it is harmless; a past appointment cannot be cancelled."""
    return _cancel(session, get_booking(session, cancel_token), now or utcnow(), counters)


def bookings_for_chat(session: Session, chat_id: int, *, now: datetime | None = None) -> list[Booking]:
    """A chat's future, active bookings, soonest first."""
    return list(session.exec(select(Booking).where(
        Booking.chat_id == chat_id, Booking.status == BOOKED, Booking.start > (now or utcnow()),
    ).order_by(col(Booking.start))))


def due_reminders(session: Session, now: datetime) -> list[Booking]:
    """Bot bookings starting within a day that were made more than a day ahead and not yet reminded."""
    candidates = session.exec(select(Booking).where(
        Booking.status == BOOKED, col(Booking.chat_id).is_not(None), col(Booking.reminded_at).is_(None),
        Booking.start > now, Booking.start <= now + REMINDER_LEAD,
    ).order_by(col(Booking.start)))
    return [b for b in candidates if b.created_at <= b.start - REMINDER_LEAD]


def mark_reminded(session: Session, booking: Booking, *, now: datetime | None = None) -> bool:
    """Record that the reminder went out; False when another process did so first."""
    now = now or utcnow()
    result = session.execute(update(Booking).where(
        col(Booking.id) == booking.id, col(Booking.reminded_at).is_(None)).values(reminded_at=now))
    booking.reminded_at = now
    return bool(result.rowcount)


def forget_chat(session: Session, chat_id: int) -> int:
    """Remove a chat from every booking (the bot's /delete); the appointments themselves stay."""
    result = session.execute(update(Booking).where(col(Booking.chat_id) == chat_id).values(chat_id=None))
    session.expire_all()
    return int(result.rowcount or 0)


PERSONAL_FIELDS = ("first_name", "contact", "contact_key", "chat_id", "lang", "interpreter", "topic", "note",
                   "consent_at", "code", "cancel_token", "idempotency_key")


def purge_expired(session: Session, now: datetime, retention_days: int) -> int:
    """Erase the personal fields of bookings whose appointment lies more than `retention_days` back."""
    cutoff = now - timedelta(days=retention_days)
    result = session.execute(update(Booking).where(
        col(Booking.purged_at).is_(None), Booking.start < cutoff,
    ).values(purged_at=now, **dict.fromkeys(PERSONAL_FIELDS)))
    _outbox().purge_outbox(session, now, retention_days)  # notices go with their booking
    session.expire_all()
    return int(result.rowcount or 0)


def rebook(session: Session, cancel_token: str, slot_id: str, *, now: datetime | None = None,
           counters: bool = True) -> Booking:
    """Move a booking to another slot: the new one is booked and the old one cancelled, or nothing changes."""
    now = now or utcnow()
    old = get_booking(session, cancel_token)
    if old.status != BOOKED or old.start <= now:
        raise Conflict("only a future booking can be moved")
    parent = ParentDetails(first_name=old.first_name or "", contact=old.contact, lang=old.lang or "",
                           interpreter=bool(old.interpreter), topic=old.topic, note=old.note, consent=True,
                           chat_id=old.chat_id)
    with session.begin_nested():
        _cancel(session, old, now, counters)
        return book_slot(session, slot_id, parent, now=now, counters=counters)


def chat_booking(session: Session, chat_id: int, booking_id: int, *, now: datetime | None = None) -> Booking:
    """A future, active booking made in this chat; NotFound for any other (a button cannot reach another's talk)."""
    booking = get_row(session, Booking, booking_id)
    if (booking is None or booking.chat_id is None or booking.chat_id != chat_id or booking.status != BOOKED
            or booking.start <= (now or utcnow())):
        raise NotFound("booking")
    return booking


def cancel_chat_booking(session: Session, chat_id: int, booking_id: int, *, now: datetime | None = None,
                        counters: bool = True) -> Booking:
    """Cancel a talk booked in this chat (the bot's cancel button); NotFound when it is not this chat's."""
    now = now or utcnow()
    return _cancel(session, chat_booking(session, chat_id, booking_id, now=now), now, counters)


def find_for_parent(session: Session, code: str, contact: str) -> Booking:
    """A parent's booking by her code and the phone number or e-mail address she gave; NotFound for any
    mismatch alike (unknown code, other contact, erased), so that codes cannot be probed."""
    key = contact_key(str(contact)[:CONTACT_LIMIT]) if contact else None
    try:
        booking = find_by_code(session, str(code)[:CODE_LIMIT])
    except NotFound:
        booking = None
    if booking is None or key is None or booking.contact_key is None or booking.contact_key != key:
        raise NotFound("booking")
    return booking

