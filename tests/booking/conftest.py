"""Booking fixtures: a small world of kitas, social workers and weekly windows, built with overridable factories."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from service.booking import ParentDetails
from service.booking.models import KitaClosure, Schedule
from service.directory.models import Entry, EntryTopic, Kita, SocialWorker, SocialWorkerKita, Topic

# A Thursday in term time, far from holidays: 2027-01-14 09:00 Berlin.
NOW = datetime(2027, 1, 14, 8, 0, tzinfo=UTC)


@dataclass
class World:
    """What the `world` fixture created (ids and slugs)."""

    engine: Engine
    kitas: dict[str, int]
    workers: dict[str, int]

    def session(self) -> Session:
        return Session(self.engine, expire_on_commit=False)


def parent(**overrides: object) -> ParentDetails:
    """Valid parent details; override any field."""
    values: dict[str, object] = {"first_name": "Ayşe", "contact": "0151 2345678", "lang": "tr",
                                 "interpreter": False, "topic": None, "note": None, "consent": True}
    values.update(overrides)
    return ParentDetails(**values)  # type: ignore[arg-type]


def add_window(session: Session, worker: str, kita: str, weekday: int, opens: str, closes: str, **kw: object) -> None:
    """A weekly window for `worker` at `kita` (flushed)."""
    worker_id = session.exec(select(SocialWorker.id).where(SocialWorker.slug == worker)).one()
    kita_id = session.exec(select(Kita.id).where(Kita.slug == kita)).one()
    values: dict[str, object] = {"valid_from": date(2026, 8, 1), "slot_minutes": 30, "buffer_minutes": 0}
    values.update(kw)
    session.add(Schedule(social_worker_id=worker_id, kita_id=kita_id, weekday=weekday,
                         opens=time.fromisoformat(opens), closes=time.fromisoformat(closes), **values))
    session.flush()


def add_closure(session: Session, kita: str, first: date, last: date | None = None) -> None:
    kita_id = session.exec(select(Kita.id).where(Kita.slug == kita)).one()
    session.add(KitaClosure(kita_id=kita_id, first_day=first, last_day=last or first, reason="Teamtag"))
    session.flush()


def build_world(engine: Engine) -> World:
    """Two kitas, two social workers (A serves both, B serves gerderath), one entry with a topic."""
    with Session(engine, expire_on_commit=False) as session:
        kitas = {slug: Kita(slug=slug, name=name, address={"postal_code": "41812", "city": "Erkelenz"})
                 for slug, name in (("loevenich", "Städt. Kita Lövenich"), ("gerderath", "Familienzentrum Gerderath"))}
        workers = {slug: SocialWorker(slug=slug, name=name, languages=["de"],
                                      ical_token=f"feed-token-{slug}-0123456789")
                   for slug, name in (("worker-a", "Beispiel A"), ("worker-b", "Beispiel B"))}
        session.add_all([*kitas.values(), *workers.values()])
        session.flush()
        for worker, kita in (("worker-a", "loevenich"), ("worker-a", "gerderath"), ("worker-b", "gerderath")):
            session.add(SocialWorkerKita(social_worker_id=workers[worker].id, kita_id=kitas[kita].id))
        topic = Topic(slug="money", names={"de": "Geld"})
        entry = Entry(slug="kindergeld", kind="benefit")
        session.add_all([topic, entry])
        session.flush()
        session.add(EntryTopic(entry_id=entry.id, topic_id=topic.id))
        session.add(Entry(slug="old-offer", kind="benefit", archived=True))
        session.commit()
        return World(engine, {k: v.id for k, v in kitas.items()}, {k: v.id for k, v in workers.items()})


@pytest.fixture
def world(db: Engine) -> World:
    return build_world(db)


@pytest.fixture
def weekly(world: World) -> World:
    """Worker A: Tuesdays and Thursdays 09:00-12:00 at Lövenich, Wednesdays 14:00-16:00 at Gerderath."""
    with world.session() as session:
        add_window(session, "worker-a", "loevenich", 1, "09:00", "12:00")
        add_window(session, "worker-a", "loevenich", 3, "09:00", "12:00")
        add_window(session, "worker-a", "gerderath", 2, "14:00", "16:00")
        session.commit()
    return world


@pytest.fixture
def every_day(world: World) -> World:
    """Windows on every day from today on, for tests that run against the real clock (web, API)."""
    with world.session() as session:
        for weekday in range(7):
            add_window(session, "worker-a", "loevenich", weekday, "07:00", "20:00",
                       valid_from=date.today() - timedelta(days=1))
            add_window(session, "worker-b", "gerderath", weekday, "07:00", "20:00",
                       valid_from=date.today() - timedelta(days=1))
        session.commit()
    return world
