"""Retention: RETENTION_DAYS after the appointment nothing personal is left in the database."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select as sa_select
from sqlmodel import select

from service.booking import Booking, book_slot, cancel_booking, free_slots, purge_expired
from service.booking.operations import PERSONAL_FIELDS
from service.models import metadata
from tests.booking.conftest import NOW, parent

SECRETS = ("Zeynep", "0176 9988776", "zeynep@example.org", "Mein Sohn spricht kaum", "917733", "+491769988776")


def _all_values(engine) -> list[str]:
    """Every value of every row of every table, as text."""
    values = []
    with engine.connect() as conn:
        for table in metadata.sorted_tables:
            for row in conn.execute(sa_select(table)):
                values += [str(v) for v in row if v is not None]
    return values


def test_purge_erases_everything_personal(weekly) -> None:
    with weekly.session() as session:
        tuesday = free_slots(session, "loevenich", date(2027, 1, 19), 1, now=NOW)
        thursday = free_slots(session, "loevenich", date(2027, 1, 21), 1, now=NOW)
        web = book_slot(session, tuesday[0].id, parent(first_name="Zeynep", contact="0176 9988776",
                        topic="kindergeld", note="Mein Sohn spricht kaum Deutsch", interpreter=True), now=NOW)
        bot = book_slot(session, tuesday[1].id, parent(first_name="Zeynep", contact=None, chat_id=917733), now=NOW)
        gone = book_slot(session, thursday[0].id, parent(first_name="Zeynep", contact="zeynep@example.org"), now=NOW)
        cancel_booking(session, gone.cancel_token, now=NOW)
        session.commit()
        assert any(s in v for v in _all_values(weekly.engine) for s in SECRETS)

        assert purge_expired(session, tuesday[-1].end + timedelta(days=30), 30) == 2  # Thursday's not yet
        after = thursday[0].start + timedelta(days=30, minutes=1)
        assert purge_expired(session, after, 30) == 1
        assert purge_expired(session, after, 30) == 0  # idempotent
        session.commit()

        rows = session.exec(select(Booking)).all()
    assert {r.id for r in rows} == {web.id, bot.id, gone.id}
    for row in rows:
        assert row.purged_at is not None
        assert all(getattr(row, name) is None for name in PERSONAL_FIELDS), row
        assert row.start and row.social_worker_id and row.kita_id  # the appointment's shape stays for the figures
    leftovers = [v for v in _all_values(weekly.engine) for s in SECRETS if s in v]
    assert leftovers == []


def test_purge_keeps_bookings_inside_the_retention_period(weekly) -> None:
    with weekly.session() as session:
        slot = free_slots(session, "loevenich", date(2027, 1, 19), 1, now=NOW)[0]
        booking = book_slot(session, slot.id, parent(), now=NOW)
        session.commit()
        assert purge_expired(session, slot.start + timedelta(days=29), 30) == 0
        session.commit()
        session.refresh(booking)
        assert booking.first_name == "Ayşe" and booking.cancel_token
