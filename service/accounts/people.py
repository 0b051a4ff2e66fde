"""Admin's people page in the core: social-worker records (name, e-mail, kitas, active) and stand-ins.

    worker_rows(session) -> list[WorkerRow]           every social worker with kitas and accounts
    save_worker(session, slug, name, email, kita_slugs, *, create=False) -> SocialWorker
    future_talks(session, social_worker_id, now=None) -> list[Booking]
    set_worker_active(session, slug, active, now=None) -> (SocialWorker, accounts closed now)
        Conflict (with .params["talks"]) while the social worker still has booked future talks.
    add_stand_in(session, worker_slug, for_slug, until) -> StandIn; remove_stand_in(session, id)
    stand_ins(session, today=None) -> list[tuple[StandIn, SocialWorker, SocialWorker]]
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlmodel import Session, col, delete, select

from service.accounts.models import StaffUser, StandIn
from service.accounts.operations import end_sessions
from service.booking.models import BOOKED, Booking, utcnow
from service.booking.staff import get_social_worker
from service.clock import berlin_today
from service.db import get_row
from service.directory.models import Kita, SocialWorker, SocialWorkerKita
from service.directory.schema import SLUG_RE
from service.errors import Conflict, InvalidInput, NotFound

EMAIL_RE = re.compile(r"^[^@\s]{1,64}@[^@\s]+\.[^@\s]{2,}$")
MAX_NAME = 80


@dataclass
class WorkerRow:
    worker: SocialWorker
    kitas: list[Kita] = field(default_factory=list)
    accounts: list[StaffUser] = field(default_factory=list)


def worker_rows(session: Session) -> list[WorkerRow]:
    """Every social worker (active first, by name) with her kitas and staff accounts."""
    rows = {w.id: WorkerRow(w) for w in session.exec(
        select(SocialWorker).order_by(col(SocialWorker.active).desc(), col(SocialWorker.name)))}
    for worker_id, kita in session.exec(select(SocialWorkerKita.social_worker_id, Kita)
                                        .join(Kita, col(Kita.id) == SocialWorkerKita.kita_id)
                                        .order_by(col(Kita.name))):
        rows[worker_id].kitas.append(kita)
    for user in session.exec(select(StaffUser).where(col(StaffUser.social_worker_id).is_not(None))):
        if user.social_worker_id in rows:
            rows[user.social_worker_id].accounts.append(user)
    return list(rows.values())


def save_worker(session: Session, slug: str, name: str, email: str, kita_slugs: list[str], *,
                create: bool = False) -> SocialWorker:
    """Add a social worker (create=True) or change her name, e-mail address and kitas."""
    errors: dict[str, str] = {}
    name, email = (name or "").strip(), (email or "").strip()
    if not name or len(name) > MAX_NAME:
        errors["name"] = "required" if not name else "too_long"
    if email and not EMAIL_RE.match(email):
        errors["email"] = "invalid"
    kitas = list(session.exec(select(Kita).where(col(Kita.slug).in_(kita_slugs)))) if kita_slugs else []
    if len(kitas) != len(set(kita_slugs)):
        errors["kitas"] = "unknown"
    if create:
        if not SLUG_RE.match(slug or ""):
            errors["slug"] = "invalid"
        elif session.exec(select(SocialWorker).where(SocialWorker.slug == slug)).first() is not None:
            errors["slug"] = "taken"
    if errors:
        raise InvalidInput(errors)
    if create:
        worker = SocialWorker(slug=slug, name=name, is_example=False, languages=["de"],
                              ical_token=secrets.token_urlsafe(24))
    else:
        worker = get_social_worker(session, slug)
        worker.name = name
    worker.email = email or None
    session.add(worker)
    session.flush()
    session.exec(delete(SocialWorkerKita).where(  # type: ignore[call-overload]
        col(SocialWorkerKita.social_worker_id) == worker.id))
    session.add_all([SocialWorkerKita(social_worker_id=worker.id, kita_id=kita.id) for kita in kitas])
    session.flush()
    return worker


def future_talks(session: Session, social_worker_id: int | None, now: datetime | None = None) -> list[Booking]:
    """Booked talks of a social worker that have not begun."""
    return list(session.exec(select(Booking).where(
        Booking.social_worker_id == social_worker_id, Booking.status == BOOKED, Booking.start > (now or utcnow()),
    ).order_by(col(Booking.start))))


def set_worker_active(session: Session, slug: str, active: bool,
                      now: datetime | None = None) -> tuple[SocialWorker, list[StaffUser]]:
    """Deactivate (no more slots, no feed, and her accounts signed out and closed) or reactivate (her accounts
    stay closed until an admin opens them); refused while future talks are booked with her. Returns the worker and
    the accounts closed now."""
    worker = get_social_worker(session, slug)
    closed: list[StaffUser] = []
    if not active:
        talks = future_talks(session, worker.id, now)
        if talks:
            raise Conflict("future talks", talks=talks)
        closed = list(session.exec(select(StaffUser).where(StaffUser.social_worker_id == worker.id,
                                                            col(StaffUser.active).is_(True))))
        for user in closed:
            user.active = False
            session.add(user)
            end_sessions(session, user.id)
    worker.active = active
    session.add(worker)
    session.flush()
    return worker, closed


def add_stand_in(session: Session, worker_slug: str, for_slug: str, until: date) -> StandIn:
    """`worker_slug` also sees and acts on the bookings of `for_slug` until the day (inclusive)."""
    worker, colleague = get_social_worker(session, worker_slug), get_social_worker(session, for_slug)
    errors = {}
    if worker.id == colleague.id:
        errors["for_worker"] = "same"
    if until < berlin_today():
        errors["until"] = "past"
    if errors:
        raise InvalidInput(errors)
    item = StandIn(social_worker_id=worker.id, for_social_worker_id=colleague.id, until=until)
    session.add(item)
    session.flush()
    return item


def remove_stand_in(session: Session, stand_in_id: int) -> None:
    item = get_row(session, StandIn, stand_in_id)
    if item is None:
        raise NotFound("stand-in")
    session.delete(item)
    session.flush()


def stand_ins(session: Session, today: date | None = None) -> list[tuple[StandIn, SocialWorker, SocialWorker]]:
    """Stand-ins that have not ended: (stand-in, who stands in, for whom)."""
    today = today or berlin_today()
    rows = session.exec(select(StandIn).where(StandIn.until >= today).order_by(col(StandIn.until)))
    workers = {w.id: w for w in session.exec(select(SocialWorker))}
    return [(item, workers[item.social_worker_id], workers[item.for_social_worker_id]) for item in rows]
