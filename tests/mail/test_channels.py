"""Which booking gets which notice, through the real front doors: the API and the web form by e-mail."""

from __future__ import annotations

from datetime import date, timedelta

from sqlmodel import Session, select

from service.booking import free_slots
from service.mail import OutboxMessage
from tests.booking.conftest import World

BODY = {"first_name": "Oksana", "lang": "uk", "interpreter": True, "topic": None, "note": None, "consent": True}


def _slot(world: World) -> str:
    with world.session() as session:
        return free_slots(session, "loevenich", date.today() + timedelta(days=2), 14)[0].id


def _outbox(world: World) -> list[tuple[str, str, str | None]]:
    with Session(world.engine) as session:
        rows = session.exec(select(OutboxMessage).order_by(OutboxMessage.id)).all()
        return [(r.kind, r.channel, r.recipient) for r in rows]


def test_an_api_booking_with_an_e_mail_queues_its_confirmation(client, every_day: World) -> None:
    response = client.post("/api/v1/bookings", json={**BODY, "contact": "oksana@example.org",
                                                     "slot_id": _slot(every_day)})
    assert response.status_code == 201
    assert ("confirmation", "email", "oksana@example.org") in _outbox(every_day)


def test_an_api_booking_by_phone_queues_nothing_for_the_family(client, every_day: World) -> None:
    response = client.post("/api/v1/bookings", json={**BODY, "contact": "0151 2345678",
                                                     "slot_id": _slot(every_day)})
    assert response.status_code == 201
    assert [kind for kind, _channel, _to in _outbox(every_day) if kind == "confirmation"] == []
