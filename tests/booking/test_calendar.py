"""Calendar files: the parent's .ics and the social worker's private feed."""

from __future__ import annotations

from datetime import UTC, date, timedelta

import pytest
from icalendar import Calendar

from service.booking import BERLIN, book_slot, booking_view, cancel_booking, free_slots
from service.booking.calendar import booking_ics, place, worker_feed
from service.errors import NotFound
from tests.booking.conftest import NOW, parent

FEED_A = "feed-token-worker-a-0123456789"


def _booked(world, **details):
    with world.session() as session:
        slot = free_slots(session, "loevenich", date(2027, 1, 19), 1, now=NOW)[0]
        booking = book_slot(session, slot.id, parent(**details), now=NOW)
        session.commit()
        return booking


def _events(data: bytes) -> list:
    return Calendar.from_ical(data).walk("VEVENT")


@pytest.mark.parametrize(("lang", "summary"), [("de", "Gespräch mit der Kita-Sozialarbeit"),
                                               ("en", "Talk with the kita social worker")])
def test_parent_ics(weekly, lang, summary) -> None:
    booking = _booked(weekly, lang=lang)
    with weekly.session() as session:
        data = booking_ics(booking_view(session, booking), cancel_url="http://x.test/de/booking/abc")
    [event] = _events(data)
    start = event.decoded("dtstart")
    assert start.tzinfo is not None and start.astimezone(UTC) == booking.start
    assert str(event.get("dtstart").params["TZID"]) == "Europe/Berlin"
    assert event.decoded("dtend") - start == timedelta(minutes=30)
    assert str(event.get("summary")) == summary
    assert str(event.get("location")) == "Städt. Kita Lövenich, 41812 Erkelenz"
    assert booking.code[:3] in str(event.get("description")) and "http://x.test/de/booking/abc" in str(
        event.get("description"))
    assert str(event.get("status")) == "CONFIRMED"


def test_cancelled_ics_says_so(weekly) -> None:
    booking = _booked(weekly)
    with weekly.session() as session:
        cancelled = cancel_booking(session, booking.cancel_token, now=NOW)
        [event] = _events(booking_ics(booking_view(session, cancelled), cancel_url="u", lang="de"))
    assert str(event.get("status")) == "CANCELLED"


def test_worker_feed_lists_her_bookings_only(weekly) -> None:
    booking = _booked(weekly, first_name="Olena", lang="uk", interpreter=True, note="Termin wegen Kita-Platz")
    with weekly.session() as session:
        events = _events(worker_feed(session, FEED_A, now=NOW))
        other = _events(worker_feed(session, "feed-token-worker-b-0123456789", now=NOW))
        with pytest.raises(NotFound):
            worker_feed(session, "feed-token-unknown-0123456789", now=NOW)
        with pytest.raises(NotFound):
            worker_feed(session, "", now=NOW)
    assert other == []
    [event] = events
    assert "Städt. Kita Lövenich" in str(event.get("summary")) and booking.code[:3] in str(event.get("summary"))
    description = str(event.get("description"))
    assert "Українська" in description and "Dolmetsch" in description
    assert event.decoded("dtstart").astimezone(BERLIN).hour == 9 and booking.start.hour == 8


def test_worker_feed_carries_no_name_contact_or_note(weekly) -> None:
    _booked(weekly, first_name="Olena", contact="olena@example.org", note="Termin wegen Kita-Platz",
            topic="kindergeld")
    with weekly.session() as session:
        data = worker_feed(session, FEED_A, now=NOW).decode()
    for private in ("Olena", "olena@example.org", "Kita-Platz", "Kontakt", "Notiz"):
        assert private not in data
    assert "kindergeld" in data.lower()  # the topic (no German title in this world: the slug)


def test_worker_feed_hides_crisis_topics_and_drops_cancelled_talks(weekly) -> None:
    from sqlmodel import select

    from service.directory.models import Entry, EntryTopic, EntryTranslation, Topic

    with weekly.session() as session:
        topic = Topic(slug="crisis-protection", names={"de": "Krise und Schutz"})
        entry = Entry(slug="frauenhaus", kind="service")
        session.add_all([topic, entry])
        session.flush()
        session.add_all([EntryTopic(entry_id=entry.id, topic_id=topic.id),
                         EntryTranslation(entry_id=entry.id, lang="de", title="Frauenhaus", summary="Schutz.")])
        session.commit()
    booking = _booked(weekly, topic="frauenhaus")
    with weekly.session() as session:
        data = worker_feed(session, FEED_A, now=NOW).decode()
        assert "vertraulich" in data and "Frauenhaus" not in data and "frauenhaus" not in data
        cancel_booking(session, booking.cancel_token, now=NOW)
        session.commit()
        assert _events(worker_feed(session, FEED_A, now=NOW)) == []
        assert session.exec(select(Entry.id)).first() is not None


def test_place_without_address() -> None:
    from service.directory.models import Kita

    assert place(Kita(slug="x", name="Kita X", address={})) == "Kita X"
    assert place(Kita(slug="x", name="Kita X", address={"city": "Erkelenz", "district": "Lövenich"})) == (
        "Kita X, Erkelenz (Lövenich)")
