"""No double booking under load: the database's partial unique index decides, not a check before insert."""

from __future__ import annotations

import threading
from collections import Counter
from datetime import date

import pytest
from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from service.booking import Booking, book_slot, free_slots
from service.db import make_engine
from service.errors import InvalidInput, SlotTaken
from tests.booking.conftest import NOW, parent

RACERS = 50


def _race(url: str, slot_id: str) -> Counter:
    """RACERS threads, each with its own connection, book the same slot at the same moment."""
    engine = make_engine(url, pool_size=RACERS, max_overflow=0)
    barrier = threading.Barrier(RACERS)
    outcomes: Counter = Counter()
    lock = threading.Lock()

    def racer(number: int) -> None:
        with Session(engine) as session:
            session.connection()  # hold a connection of our own before the start
            barrier.wait()
            try:
                book_slot(session, slot_id, parent(contact=f"+49 151 {number:07d}"), now=NOW)
                session.commit()
                outcome = "booked"
            except SlotTaken:
                session.rollback()
                outcome = "taken"
            except Exception as exc:  # noqa: BLE001 - any other outcome fails the test below
                outcome = f"{type(exc).__name__}: {exc}"
        with lock:
            outcomes[outcome] += 1

    threads = [threading.Thread(target=racer, args=(n,)) for n in range(RACERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    engine.dispose()
    return outcomes


def test_fifty_racers_one_booking(weekly, database_url) -> None:
    with weekly.session() as session:
        slot = free_slots(session, "loevenich", date(2027, 1, 19), 1, now=NOW)[0]
    outcomes = _race(database_url, slot.id)
    assert outcomes == Counter({"booked": 1, "taken": RACERS - 1})
    with weekly.session() as session:
        rows = session.exec(select(Booking).where(Booking.status != "cancelled")).all()
    assert len(rows) == 1 and rows[0].start == slot.start


def test_the_index_itself_refuses_a_second_active_booking(weekly) -> None:
    """Even code that skips book_slot cannot store two active bookings of one slot."""
    with weekly.session() as session:
        slot = free_slots(session, "loevenich", date(2027, 1, 19), 1, now=NOW)[0]
        first = book_slot(session, slot.id, parent(), now=NOW)
        session.commit()
        clone = Booking(social_worker_id=first.social_worker_id, kita_id=first.kita_id, start=first.start,
                        end=first.end, code="ZZZZZZ", cancel_token="t" * 32)
        session.add(clone)
        with pytest.raises(IntegrityError):
            session.flush()
        session.rollback()
        clone = Booking(social_worker_id=first.social_worker_id, kita_id=first.kita_id, start=first.start,
                        end=first.end, code="ZZZZZZ", cancel_token="t" * 32, status="cancelled")
        session.add(clone)
        session.flush()  # a cancelled row next to the active one is fine


CONTACT_RACERS = 60


def _race_one_contact(url: str, slot_ids: list[str]) -> Counter:
    """CONTACT_RACERS threads book different slots for one phone number at the same moment."""
    engine = make_engine(url, pool_size=len(slot_ids), max_overflow=0)
    barrier = threading.Barrier(len(slot_ids))
    outcomes: Counter = Counter()
    lock = threading.Lock()

    def racer(slot_id: str) -> None:
        with Session(engine) as session:
            session.connection()
            barrier.wait()
            try:
                book_slot(session, slot_id, parent(contact="0151 2345678"), now=NOW)
                session.commit()
                outcome = "booked"
            except InvalidInput as exc:
                session.rollback()
                outcome = "limit" if exc.fields == {"contact": "limit"} else f"invalid {exc.fields}"
            except Exception as exc:  # noqa: BLE001 - any other outcome fails the test below
                outcome = f"{type(exc).__name__}: {exc}"
        with lock:
            outcomes[outcome] += 1

    threads = [threading.Thread(target=racer, args=(slot_id,)) for slot_id in slot_ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    engine.dispose()
    return outcomes


def test_one_contact_gets_at_most_two_bookings_in_a_race(weekly, database_url) -> None:
    with weekly.session() as session:
        slots = free_slots(session, "loevenich", date(2027, 1, 15), 62, now=NOW)
    slot_ids = [slot.id for slot in slots[:CONTACT_RACERS]]
    assert len(slot_ids) == CONTACT_RACERS
    for _run in range(10):
        outcomes = _race_one_contact(database_url, slot_ids)
        assert outcomes == Counter({"booked": 2, "limit": CONTACT_RACERS - 2})
        with weekly.session() as session:
            assert len(session.exec(select(Booking)).all()) == 2
            session.execute(delete(Booking))
            session.commit()
