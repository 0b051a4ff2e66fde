"""Free slots: weekly windows minus holidays, closing days, exceptions, bookings; right across DST."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from service.booking import BERLIN, book_slot, cancel_booking, free_slots, next_free_slots
from service.booking.models import ScheduleException
from service.booking.slots import is_holiday, parse_slot_id
from service.errors import InvalidInput, NotFound
from tests.booking.conftest import NOW, add_closure, add_window, parent


def _starts(slots) -> list[str]:
    return [s.start.strftime("%m-%d %H:%M") for s in slots]


def test_weekly_windows_become_half_hour_slots_after_the_notice(weekly) -> None:
    with weekly.session() as session:
        slots = free_slots(session, "loevenich", date(2027, 1, 14), 7, now=NOW)
    # Thursday: 09:00 now, so 11:00 is the first slot two hours ahead; Tuesday: the whole window.
    assert _starts(slots) == ["01-14 11:00", "01-14 11:30", "01-19 09:00", "01-19 09:30", "01-19 10:00",
                              "01-19 10:30", "01-19 11:00", "01-19 11:30"]
    first = slots[0]
    assert first.start.tzinfo == BERLIN and first.end.astimezone(UTC) - first.start == timedelta(minutes=30)
    assert (first.kita_slug, first.social_worker_slug, first.social_worker_name) == ("loevenich", "worker-a",
                                                                                    "Beispiel A")
    worker_id, kita_id, start = parse_slot_id(first.id)
    assert (worker_id, kita_id, start) == (weekly.workers["worker-a"], weekly.kitas["loevenich"], first.start)


def test_slot_ids_are_short_and_deep_link_safe(weekly) -> None:
    with weekly.session() as session:
        slots = free_slots(session, "loevenich", date(2027, 1, 19), 1, now=NOW)
    assert slots and all(len(s.id) <= 24 and set(s.id) <= set("0123456789_") for s in slots)


def test_buffer_and_validity_period(world) -> None:
    with world.session() as session:
        add_window(session, "worker-b", "gerderath", 0, "13:00", "16:00", buffer_minutes=15,
                   valid_from=date(2027, 1, 18), valid_until=date(2027, 1, 25))
        slots = free_slots(session, "gerderath", date(2027, 1, 14), 21, now=NOW)
    assert _starts(slots) == ["01-18 13:00", "01-18 13:45", "01-18 14:30", "01-18 15:15",
                              "01-25 13:00", "01-25 13:45", "01-25 14:30", "01-25 15:15"]


def test_nrw_holidays_come_from_the_holidays_package() -> None:
    assert is_holiday(date(2027, 5, 27))  # Fronleichnam: a holiday in NRW ...
    assert not is_holiday(date(2027, 10, 31))  # ... Reformationstag is not (it is in the north)
    assert is_holiday(date(2027, 11, 1)) and is_holiday(date(2027, 10, 3))


def test_no_slots_on_holidays(weekly) -> None:
    now = datetime(2027, 5, 20, 8, tzinfo=UTC)
    with weekly.session() as session:
        days = {s.start.date() for s in free_slots(session, "loevenich", date(2027, 5, 24), 7, now=now)}
    assert days == {date(2027, 5, 25)}  # Thursday 27 May is Fronleichnam


def test_no_slots_on_kita_closing_days(weekly) -> None:
    with weekly.session() as session:
        add_closure(session, "loevenich", date(2027, 1, 19))
        days = {s.start.date() for s in free_slots(session, "loevenich", date(2027, 1, 18), 4, now=NOW)}
    assert days == {date(2027, 1, 21)}


def test_exceptions_block_time_at_their_kita_or_everywhere(weekly) -> None:
    with weekly.session() as session:
        worker = weekly.workers["worker-a"]
        session.add(ScheduleException(social_worker_id=worker, kita_id=weekly.kitas["gerderath"],
                                      starts_at=datetime(2027, 1, 19, 0, tzinfo=BERLIN),
                                      ends_at=datetime(2027, 1, 20, 0, tzinfo=BERLIN), reason="training"))
        session.add(ScheduleException(social_worker_id=worker, starts_at=datetime(2027, 1, 21, 10, tzinfo=BERLIN),
                                      ends_at=datetime(2027, 1, 21, 11, 15, tzinfo=BERLIN), reason="blocked"))
        session.flush()
        tuesday = free_slots(session, "loevenich", date(2027, 1, 19), 1, now=NOW)
        thursday = free_slots(session, "loevenich", date(2027, 1, 21), 1, now=NOW)
    assert len(tuesday) == 6  # the training was at the other kita
    assert _starts(thursday) == ["01-21 09:00", "01-21 09:30", "01-21 11:30"]


def test_a_booking_blocks_the_same_person_at_another_kita(world) -> None:
    with world.session() as session:
        add_window(session, "worker-a", "loevenich", 1, "09:00", "10:00")
        add_window(session, "worker-a", "gerderath", 1, "09:15", "10:15")  # overlapping, by mistake
        first = free_slots(session, "loevenich", date(2027, 1, 19), 1, now=NOW)[0]
        book_slot(session, first.id, parent(), now=NOW)
        gerderath = free_slots(session, "gerderath", date(2027, 1, 19), 1, now=NOW)
    assert _starts(gerderath) == ["01-19 09:45"]  # 09:15-09:45 overlaps the 09:00-09:30 booking


def test_booked_slots_disappear_and_come_back_when_cancelled(weekly) -> None:
    with weekly.session() as session:
        slots = free_slots(session, "loevenich", date(2027, 1, 19), 1, now=NOW)
        booking = book_slot(session, slots[2].id, parent(), now=NOW)
        after = free_slots(session, "loevenich", date(2027, 1, 19), 1, now=NOW)
        assert slots[2] not in after and len(after) == len(slots) - 1
        cancel_booking(session, booking.cancel_token, now=NOW)
        assert free_slots(session, "loevenich", date(2027, 1, 19), 1, now=NOW) == slots


def test_horizon_of_eight_weeks(weekly) -> None:
    with weekly.session() as session:
        slots = free_slots(session, "loevenich", date(2027, 3, 1), 30, now=NOW)
    assert slots and max(s.start for s in slots) <= NOW + timedelta(weeks=8)
    assert _starts(slots)[-1] == "03-11 09:00"  # 08:00 UTC on 11 March is exactly eight weeks on


def test_next_free_slots_after_a_taken_one(weekly) -> None:
    with weekly.session() as session:
        taken = free_slots(session, "loevenich", date(2027, 1, 19), 1, now=NOW)[-1]
        following = next_free_slots(session, "loevenich", taken.start, now=NOW)
    assert _starts(following) == ["01-21 09:00", "01-21 09:30", "01-21 10:00"]


@pytest.mark.parametrize("days", [0, -1, 63, "7", None])
def test_days_out_of_range(weekly, days) -> None:
    with weekly.session() as session, pytest.raises(InvalidInput) as err:
        free_slots(session, "loevenich", date(2027, 1, 19), days, now=NOW)
    assert err.value.fields == {"days": "invalid"}


def test_unknown_kita(weekly) -> None:
    with weekly.session() as session, pytest.raises(NotFound):
        free_slots(session, "nowhere", date(2027, 1, 19), 7, now=NOW)


@pytest.mark.parametrize("value", ["", "1_2", "1_2_20271301", "1_2_202713010900", "x_2_202701190800",
                                   "1_2_202701190800 ", None, 12, "1_2_2027011908000"])
def test_malformed_slot_ids(value) -> None:
    with pytest.raises(InvalidInput):
        parse_slot_id(value)


# The last Sundays of March and October 2027: 28 March (02:00 -> 03:00) and 31 October (03:00 -> 02:00).
def _sunday_slots(world, day: date, now: datetime):
    with world.session() as session:
        add_window(session, "worker-a", "loevenich", 6, "01:00", "04:00")
        add_window(session, "worker-a", "loevenich", 6, "10:00", "11:00")
        session.commit()
        return free_slots(session, "loevenich", day, 1, now=now)


def test_spring_forward_sunday(world) -> None:
    slots = _sunday_slots(world, date(2027, 3, 28), datetime(2027, 3, 20, tzinfo=UTC))
    assert [s.start.isoformat() for s in slots] == [
        "2027-03-28T01:00:00+01:00", "2027-03-28T01:30:00+01:00",  # 02:00-03:00 does not exist
        "2027-03-28T03:00:00+02:00", "2027-03-28T03:30:00+02:00",
        "2027-03-28T10:00:00+02:00", "2027-03-28T10:30:00+02:00",
    ]
    assert all(s.end.astimezone(UTC) - s.start.astimezone(UTC) == timedelta(minutes=30) for s in slots)
    assert [s.end.isoformat() for s in slots][1] == "2027-03-28T03:00:00+02:00"


def test_fall_back_sunday(world) -> None:
    slots = _sunday_slots(world, date(2027, 10, 31), datetime(2027, 10, 25, tzinfo=UTC))
    assert [s.start.isoformat() for s in slots] == [
        "2027-10-31T01:00:00+02:00", "2027-10-31T01:30:00+02:00",
        "2027-10-31T02:00:00+02:00", "2027-10-31T02:30:00+02:00",  # the hour 02:00-03:00 comes twice:
        "2027-10-31T02:00:00+01:00", "2027-10-31T02:30:00+01:00",  # both are real, distinct slots
        "2027-10-31T03:00:00+01:00", "2027-10-31T03:30:00+01:00",
        "2027-10-31T10:00:00+01:00", "2027-10-31T10:30:00+01:00",
    ]
    assert len({s.id for s in slots}) == len(slots)
    assert all(s.end.astimezone(UTC) - s.start.astimezone(UTC) == timedelta(minutes=30) for s in slots)


def test_same_wall_time_has_another_utc_offset_after_the_switch(world) -> None:
    with world.session() as session:
        add_window(session, "worker-a", "loevenich", 6, "10:00", "10:30")
        add_window(session, "worker-a", "loevenich", 5, "10:00", "10:30")
        add_window(session, "worker-a", "loevenich", 1, "10:00", "10:30")
        march = free_slots(session, "loevenich", date(2027, 3, 27), 2, now=datetime(2027, 3, 20, tzinfo=UTC))
        october = free_slots(session, "loevenich", date(2027, 10, 30), 4, now=datetime(2027, 10, 25, tzinfo=UTC))
    assert [s.start.astimezone(UTC).strftime("%d %H:%M") for s in march] == ["27 09:00", "28 08:00"]
    # Saturday 30 Oct in summer time, Sunday in winter time; Monday 1 Nov is Allerheiligen; Tuesday winter time
    assert [s.start.astimezone(UTC).strftime("%d %H:%M") for s in october] == ["30 08:00", "31 09:00", "02 09:00"]


def test_the_repeated_autumn_hour_can_be_booked_twice(world) -> None:
    slots = _sunday_slots(world, date(2027, 10, 31), datetime(2027, 10, 25, tzinfo=UTC))
    summer, winter = slots[2], slots[4]
    assert summer.start.strftime("%H:%M") == winter.start.strftime("%H:%M") == "02:00"
    with world.session() as session:
        now = datetime(2027, 10, 25, tzinfo=UTC)
        first = book_slot(session, summer.id, parent(), now=now)
        second = book_slot(session, winter.id, parent(contact="anna@example.org"), now=now)
        session.commit()
        assert second.start - first.start == timedelta(hours=1)  # both UTC once stored
        assert first.start.astimezone(BERLIN).hour == second.start.astimezone(BERLIN).hour == 2
