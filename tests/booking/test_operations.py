"""Booking, cancelling, limits, reminders, forgetting a chat and the staff's operations."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlmodel import select

from service.booking import (
    BOOKED,
    CANCELLED,
    HELD,
    NO_SHOW,
    Booking,
    block_time,
    book_slot,
    bookings_between,
    bookings_for_chat,
    cancel_booking,
    cancel_by_staff,
    due_reminders,
    find_by_code,
    forget_chat,
    format_code,
    free_slots,
    get_booking,
    mark_held,
    mark_no_show,
    mark_reminded,
    rebook,
)
from service.booking.operations import CODE_ALPHABET
from service.errors import Conflict, InvalidInput, NotFound, SlotTaken
from service.reports.counters import DailyCounter
from tests.booking.conftest import NOW, parent


def _slots(world, day: date = date(2027, 1, 19), kita: str = "loevenich"):
    with world.session() as session:
        return free_slots(session, kita, day, 1, now=NOW)


def _book(world, slot_id: str, now: datetime = NOW, **details) -> Booking:
    with world.session() as session:
        booking = book_slot(session, slot_id, parent(**details), now=now)
        session.commit()
        return booking


def test_book_stores_the_parent_and_gives_code_and_token(weekly) -> None:
    slot = _slots(weekly)[0]
    booking = _book(weekly, slot.id, topic="kindergeld", note="  Bitte mit Dolmetscherin.  ", interpreter=True)
    with weekly.session() as session:
        stored = get_booking(session, booking.cancel_token)
    assert stored.status == BOOKED and stored.start == slot.start and stored.start.tzinfo == UTC
    assert (stored.first_name, stored.contact, stored.lang, stored.interpreter) == ("Ayşe", "0151 2345678", "tr", True)
    assert (stored.topic, stored.note, stored.consent_at) == ("kindergeld", "Bitte mit Dolmetscherin.", NOW)
    assert len(stored.code) == 6 and set(stored.code) <= set(CODE_ALPHABET)
    assert len(stored.cancel_token) >= 22  # token_urlsafe: >= 128 bits
    assert format_code("K7M4QX") == "K7M 4QX"


def test_booking_and_cancel_are_counted_without_personal_data(weekly, counted) -> None:
    booking = _book(weekly, _slots(weekly)[0].id, topic="kindergeld")
    with weekly.session() as session:
        cancel_booking(session, booking.cancel_token, now=NOW)
        cancel_booking(session, booking.cancel_token, now=NOW)  # a second click counts nothing
        session.commit()
        counted()
        rows = {(r.event, r.kita, r.lang, r.entry, r.topic, r.count) for r in session.exec(select(DailyCounter))}
    assert rows == {("booking", "loevenich", "tr", "kindergeld", "money", 1),
                    ("cancel", "loevenich", "tr", "kindergeld", "", 1)}


@pytest.mark.parametrize(("overrides", "fields"), [
    ({"first_name": "  "}, {"first_name": "required"}),
    ({"first_name": "x" * 61}, {"first_name": "too_long"}),
    ({"first_name": "12345"}, {"first_name": "invalid"}),
    ({"first_name": "Ann\x00a"}, {"first_name": "invalid"}),
    ({"first_name": None}, {"first_name": "required"}),
    ({"contact": None}, {"contact": "required"}),
    ({"contact": "call me"}, {"contact": "invalid"}),
    ({"contact": "123"}, {"contact": "invalid"}),
    ({"contact": "anna@example"}, {"contact": "invalid"}),
    ({"contact": 491512345678}, {"contact": "invalid"}),
    ({"contact": "1" * 121}, {"contact": "too_long"}),
    ({"lang": "xx"}, {"lang": "invalid"}),
    ({"lang": None}, {"lang": "invalid"}),
    ({"interpreter": "yes"}, {"interpreter": "invalid"}),
    ({"topic": "no-such-entry"}, {"topic": "unknown"}),
    ({"topic": "old-offer"}, {"topic": "unknown"}),
    ({"topic": ["kindergeld"]}, {"topic": "unknown"}),
    ({"note": "x" * 501}, {"note": "too_long"}),
    ({"note": 5}, {"note": "invalid"}),
    ({"consent": False}, {"consent": "required"}),
    ({"consent": "true"}, {"consent": "required"}),
    ({"chat_id": "12"}, {"chat_id": "invalid"}),
    ({"first_name": "", "contact": "", "consent": False},
     {"first_name": "required", "contact": "required", "consent": "required"}),
])
def test_invalid_details_name_every_field(weekly, overrides, fields) -> None:
    slot = _slots(weekly)[0]
    with weekly.session() as session, pytest.raises(InvalidInput) as err:
        book_slot(session, slot.id, parent(**overrides), now=NOW)
    assert err.value.fields == fields


@pytest.mark.parametrize("contact", ["0151 2345678", "+49 151 2345678", "0049 (151) 234-5678", "02431/85-0",
                                     "Anna.Muster@example.org"])
def test_phone_numbers_and_email_addresses_are_accepted(weekly, contact) -> None:
    assert _book(weekly, _slots(weekly)[0].id, contact=contact).contact == contact


def test_alias_languages_are_normalised(weekly) -> None:
    assert _book(weekly, _slots(weekly)[0].id, lang="kmr").lang == "ku"


def test_bot_bookings_need_no_contact(weekly) -> None:
    booking = _book(weekly, _slots(weekly)[0].id, contact=None, chat_id=4711)
    assert (booking.contact, booking.chat_id) == (None, 4711)


@pytest.mark.parametrize(("slot_id", "error", "fields"), [
    ("garbage", InvalidInput, {"slot_id": "invalid"}),
    ("999_1_202701190800", NotFound, None),
    ("1_999_202701190800", NotFound, None),
])
def test_unknown_or_malformed_slots(weekly, slot_id, error, fields) -> None:
    with weekly.session() as session, pytest.raises(error) as err:
        book_slot(session, slot_id, parent(), now=NOW)
    if fields:
        assert err.value.fields == fields


def test_slots_that_are_not_offered(weekly) -> None:
    worker, kita = weekly.workers["worker-a"], weekly.kitas["loevenich"]
    cases = {
        f"{worker}_{kita}_202701140830": "too_soon",  # 09:30 Berlin today, less than two hours ahead
        f"{worker}_{kita}_202701190815": "unavailable",  # not on the half-hour grid
        f"{worker}_{kita}_202701200800": "unavailable",  # a Wednesday: no window at Lövenich
        f"{worker}_{kita}_202705270800": "unavailable",  # beyond the horizon (and Fronleichnam)
    }
    for slot_id, code in cases.items():
        with weekly.session() as session, pytest.raises(InvalidInput) as err:
            book_slot(session, slot_id, parent(), now=NOW)
        assert err.value.fields == {"slot_id": code}, slot_id


def test_slot_and_field_errors_come_together(weekly) -> None:
    with weekly.session() as session, pytest.raises(InvalidInput) as err:
        book_slot(session, "nonsense", parent(consent=False), now=NOW)
    assert err.value.fields == {"slot_id": "invalid", "consent": "required"}


def test_a_taken_slot_raises_slot_taken_and_stays_single(weekly) -> None:
    slot = _slots(weekly)[0]
    _book(weekly, slot.id)
    with weekly.session() as session:
        with pytest.raises(SlotTaken):
            book_slot(session, slot.id, parent(contact="other@example.org"), now=NOW)
        session.commit()
        assert len(session.exec(select(Booking)).all()) == 1


def test_rolled_back_booking_leaves_nothing(weekly) -> None:
    slot = _slots(weekly)[0]
    with weekly.session() as session:
        book_slot(session, slot.id, parent(), now=NOW)
        session.rollback()
    with weekly.session() as session:
        assert session.exec(select(Booking)).all() == []


def test_at_most_two_future_bookings_per_contact(weekly) -> None:
    slots = _slots(weekly)
    _book(weekly, slots[0].id, contact="0151 2345678")
    second = _book(weekly, slots[1].id, contact="+49 151 2345678")  # the same number, written otherwise
    with weekly.session() as session, pytest.raises(InvalidInput) as err:
        book_slot(session, slots[2].id, parent(contact="0049 151 234 5678"), now=NOW)
    assert err.value.fields == {"contact": "limit"}
    with weekly.session() as session:
        cancel_booking(session, second.cancel_token, now=NOW)
        session.commit()
    assert _book(weekly, slots[2].id, contact="0151/2345678").status == BOOKED


def test_past_bookings_do_not_count_against_the_limit(weekly) -> None:
    slots = _slots(weekly)
    _book(weekly, slots[0].id)
    _book(weekly, slots[1].id)
    later = NOW + timedelta(days=6)  # Wednesday: the Tuesday bookings lie in the past
    with weekly.session() as session:
        thursday = free_slots(session, "loevenich", date(2027, 1, 21), 1, now=later)[0]
    assert _book(weekly, thursday.id, now=later).status == BOOKED


def test_the_limit_applies_to_bot_chats(weekly) -> None:
    slots = _slots(weekly)
    _book(weekly, slots[0].id, contact=None, chat_id=9)
    _book(weekly, slots[1].id, contact=None, chat_id=9)
    with weekly.session() as session, pytest.raises(InvalidInput):
        book_slot(session, slots[2].id, parent(contact=None, chat_id=9), now=NOW)


def test_cancel_rules(weekly) -> None:
    booking = _book(weekly, _slots(weekly)[0].id)
    with weekly.session() as session:
        with pytest.raises(NotFound):
            cancel_booking(session, "x" * 32, now=NOW)
        with pytest.raises(NotFound):
            get_booking(session, "short")
        with pytest.raises(Conflict):
            cancel_booking(session, booking.cancel_token, now=booking.start)
        cancelled = cancel_booking(session, booking.cancel_token, now=NOW)
        assert (cancelled.status, cancelled.cancelled_at) == (CANCELLED, NOW)


def test_bookings_for_chat_are_future_and_active(weekly) -> None:
    slots = _slots(weekly)
    first = _book(weekly, slots[0].id, contact=None, chat_id=77)
    second = _book(weekly, slots[1].id, contact=None, chat_id=77)
    _book(weekly, slots[2].id, contact=None, chat_id=78)
    with weekly.session() as session:
        assert [b.id for b in bookings_for_chat(session, 77, now=NOW)] == [first.id, second.id]
        cancel_booking(session, first.cancel_token, now=NOW)
        assert [b.id for b in bookings_for_chat(session, 77, now=NOW)] == [second.id]
        assert bookings_for_chat(session, 77, now=second.start) == []


def test_reminders_the_day_before_only_once(weekly) -> None:
    slots = _slots(weekly)  # Tuesday 19 January, booked on Thursday 14th
    early = _book(weekly, slots[0].id, contact=None, chat_id=5)
    _book(weekly, slots[1].id)  # a web booking: no chat to remind
    monday = datetime(2027, 1, 18, 9, tzinfo=UTC)  # Monday 10:00 Berlin: within 24 h of 09:00 Tuesday
    with weekly.session() as session:
        assert due_reminders(session, monday - timedelta(hours=2)) == []
        due = due_reminders(session, monday)
        assert [b.id for b in due] == [early.id]
        assert mark_reminded(session, due[0], now=monday) is True
        assert mark_reminded(session, due[0], now=monday) is False
        session.commit()
        assert due_reminders(session, monday) == []


def test_bookings_made_within_a_day_get_no_reminder(weekly) -> None:
    monday = datetime(2027, 1, 18, 9, tzinfo=UTC)
    with weekly.session() as session:
        slot = free_slots(session, "loevenich", date(2027, 1, 19), 1, now=monday)[0]
    _book(weekly, slot.id, now=monday, contact=None, chat_id=5)
    with weekly.session() as session:
        assert due_reminders(session, monday + timedelta(hours=1)) == []


def test_forget_chat_removes_the_chat_everywhere(weekly) -> None:
    slots = _slots(weekly)
    booking = _book(weekly, slots[0].id, contact=None, chat_id=31)
    with weekly.session() as session:
        assert forget_chat(session, 31) == 1
        session.commit()
        assert bookings_for_chat(session, 31, now=NOW) == []
        assert get_booking(session, booking.cancel_token).chat_id is None
        assert forget_chat(session, 31) == 0


def test_find_by_code_ignores_case_and_spaces(weekly) -> None:
    booking = _book(weekly, _slots(weekly)[0].id)
    with weekly.session() as session:
        spoken = format_code(booking.code).lower()
        assert find_by_code(session, spoken).id == booking.id
        with pytest.raises(NotFound):
            find_by_code(session, "--")


def test_staff_marks_held_and_no_show_after_the_talk(weekly, counted) -> None:
    slots = _slots(weekly)
    held, missed = _book(weekly, slots[0].id), _book(weekly, slots[1].id)
    after = slots[1].end
    with weekly.session() as session:
        with pytest.raises(Conflict):
            mark_held(session, held.id, now=NOW)
        assert mark_held(session, held.id, now=after).status == HELD
        assert mark_no_show(session, missed.id, now=after).status == NO_SHOW
        mark_no_show(session, missed.id, now=after)
        with pytest.raises(NotFound):
            mark_held(session, 999999, now=after)
        session.commit()
        counted()
        rows = session.exec(select(DailyCounter).where(DailyCounter.event == "no_show")).all()
    assert [c.count for c in rows] == [1]


def test_staff_cancel_and_listing(weekly) -> None:
    slots = _slots(weekly)
    first, second = _book(weekly, slots[0].id), _book(weekly, slots[1].id)
    with weekly.session() as session:
        cancel_by_staff(session, first.id, now=NOW)
        start, end = slots[0].start, slots[-1].end
        assert [b.id for b in bookings_between(session, "worker-a", start, end)] == [second.id]
        assert len(bookings_between(session, "worker-a", start, end, include_cancelled=True)) == 2


def test_block_time_takes_slots_away(weekly) -> None:
    slots = _slots(weekly)
    with weekly.session() as session:
        block_time(session, "worker-a", slots[0].start, slots[2].start, reason="sickness")
        assert free_slots(session, "loevenich", date(2027, 1, 19), 1, now=NOW) == slots[2:]
        with pytest.raises(InvalidInput):
            block_time(session, "worker-a", slots[2].start, slots[0].start)
        with pytest.raises(InvalidInput):
            block_time(session, "worker-a", slots[0].start, slots[2].start, reason="holiday")
        with pytest.raises(NotFound):
            block_time(session, "nobody", slots[0].start, slots[2].start)


def test_rebook_moves_or_changes_nothing(weekly) -> None:
    slots = _slots(weekly)
    booking = _book(weekly, slots[0].id, topic="kindergeld")
    _book(weekly, slots[2].id, contact="other@example.org")
    with weekly.session() as session:
        with pytest.raises(SlotTaken):
            rebook(session, booking.cancel_token, slots[2].id, now=NOW)
        session.commit()
        assert get_booking(session, booking.cancel_token).status == BOOKED
        moved = rebook(session, booking.cancel_token, slots[1].id, now=NOW)
        session.commit()
        assert get_booking(session, booking.cancel_token).status == CANCELLED
        assert (moved.start, moved.first_name, moved.topic, moved.status) == (slots[1].start, "Ayşe", "kindergeld",
                                                                              BOOKED)
        assert moved.cancel_token != booking.cancel_token
