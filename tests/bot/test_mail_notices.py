"""Bot bookings are told in the bot when staff cancel them, once, in the chat's language; never by e-mail."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlmodel import Session, select

from bots.telegram.mail import deliver_notices
from service import booking as core
from service.mail import OutboxMessage


def cancelled_bot_booking(engine, kita: str, chat_id: int, lang: str) -> core.Booking:  # noqa: ANN001
    """A bot booking the day after tomorrow, cancelled by staff."""
    now = datetime.now(UTC)
    with Session(engine, expire_on_commit=False) as session:
        slot = core.free_slots(session, kita, date.today() + timedelta(days=2), 3, now=now)[0]
        booking = core.book_slot(session, slot.id, core.ParentDetails(
            first_name="Rania", contact=None, lang=lang, consent=True, chat_id=chat_id), now=now, counters=False)
        core.cancel_by_staff(session, booking.id, counters=False)
        session.commit()
        return booking


def test_a_staff_cancellation_reaches_the_bot_family_once(api, bookable, loaded, start_bot) -> None:
    booking = cancelled_bot_booking(loaded, bookable, 7301, "uk")
    runner = start_bot()
    assert runner.call(deliver_notices(runner.application)) == 1
    [notice] = [c for c in api.calls_for(7301) if c.method == "sendMessage"]
    assert "скасовано" in notice.text and booking.code[:3] in notice.text
    assert runner.call(deliver_notices(runner.application)) == 0
    with Session(loaded) as session:
        rows = session.exec(select(OutboxMessage).where(OutboxMessage.booking_id == booking.id)).all()
        assert [(r.channel, r.status, r.recipient) for r in rows if r.kind == "cancelled_by_staff"] == [
            ("telegram", "sent", None)]
        assert all(r.channel != "email" for r in rows if r.kind != "worker_cancelled")


def test_a_blocked_chat_is_not_retried(api, bookable, loaded, start_bot) -> None:
    cancelled_bot_booking(loaded, bookable, 7302, "de")
    runner = start_bot()
    api.fail_next("sendMessage", 403, "Forbidden: bot was blocked by the user")
    assert runner.call(deliver_notices(runner.application)) == 0
    assert runner.call(deliver_notices(runner.application)) == 0
    assert len([c for c in api.calls_for(7302) if c.method == "sendMessage"]) == 1
