"""Staff pages for bookings, absences and calendar addresses: login, filters, actions with counters, CSRF, odd input."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta

import pytest
from babel.dates import format_skeleton
from sqlmodel import Session, select

from service.booking import BERLIN, Booking, ScheduleException, free_slots
from service.booking.staff import remove_block
from service.directory.models import SocialWorker
from service.errors import NotFound
from service.reports import DailyCounter
from tests.booking.conftest import add_window

STAFF_PAGES = ["/staff/bookings", "/staff/absences", "/staff/calendar", "/staff/report", "/staff/report.md"]


def at(days: int, hour: int = 10, minute: int = 0) -> datetime:
    """Berlin wall time `days` from today, in UTC."""
    day = datetime.now(BERLIN).date() + timedelta(days=days)
    return datetime.combine(day, time(hour, minute), tzinfo=BERLIN).astimezone(UTC)


def add_booking(world, start: datetime, worker: str = "worker-a", kita: str = "loevenich", **fields) -> int:
    """A booking row as the core stores it; returns its id."""
    values = {"status": "booked", "code": "K7M4QX", "cancel_token": "t" * 32, "first_name": "Ayşe",
              "contact": "0151 2345678", "lang": "tr", "interpreter": True, "topic": "kindergeld",
              "note": "Brief vom Amt"}
    values.update(fields)
    with world.session() as session:
        booking = Booking(social_worker_id=world.workers[worker], kita_id=world.kitas[kita], start=start,
                          end=start + timedelta(minutes=30), **values)
        session.add(booking)
        session.commit()
        return booking.id


def status_of(world, booking_id: int) -> str:
    with world.session() as session:
        return session.get(Booking, booking_id).status


def counted(world, event: str) -> list[tuple[str, str, int]]:
    with world.session() as session:
        rows = session.exec(select(DailyCounter).where(DailyCounter.event == event))
        return [(c.kita, c.lang, c.count) for c in rows]


def text(response) -> str:
    return response.get_data(as_text=True)


@pytest.mark.parametrize("path", STAFF_PAGES)
def test_staff_pages_need_a_login(client, db, path) -> None:
    response = client.get(path)
    assert response.status_code == 302 and response.headers["Location"].startswith("/staff/login?next=")


def test_actions_need_a_login(client, staff_world) -> None:
    booking = add_booking(staff_world, at(-1))
    for action in ("held", "no-show", "cancel"):
        assert client.post(f"/staff/bookings/{booking}/{action}").status_code == 302
    assert client.post("/staff/absences", data={"social_worker": "worker-a"}).status_code == 302
    assert status_of(staff_world, booking) == "booked"


def test_upcoming_bookings_with_every_detail(staff_client, staff_world) -> None:
    add_booking(staff_world, at(3, 10, 30))
    add_booking(staff_world, at(2), worker="worker-b", kita="gerderath", code="ABC234", cancel_token="u" * 32,
                first_name="Olena", contact="olena@example.org", lang="uk", interpreter=False, topic=None, note=None)
    add_booking(staff_world, at(20), code="LATER2", cancel_token="v" * 32, first_name="Später")
    html = text(staff_client.get("/staff/bookings"))
    upcoming = html.split('id="upcoming-h"')[1].split('id="past-h"')[0]
    assert format_skeleton("yMMMEd", at(3).astimezone(BERLIN), locale="de") in upcoming
    assert "10:30" in upcoming  # Berlin time, stored in UTC
    assert "Städt. Kita Lövenich" in upcoming and "Beispiel A" in upcoming and "Familienzentrum Gerderath" in upcoming
    assert "Ayşe" in upcoming and "0151 2345678" in upcoming and "Türkçe" in upcoming and "gewünscht" in upcoming
    assert "Kindergeld" in upcoming and "Brief vom Amt" in upcoming and "K7M 4QX" in upcoming
    assert "Olena" in upcoming and "Українська" in upcoming and "nicht nötig" in upcoming
    assert upcoming.index("Olena") < upcoming.index("Ayşe")  # soonest first
    assert "Später" not in upcoming  # beyond the default 14 days
    assert "Gespräch absagen" in upcoming and "Familie nicht gekommen" not in upcoming  # nothing to mark yet
    assert "Später" in text(staff_client.get("/staff/bookings?days=28"))


def test_filters_by_kita_and_social_worker(staff_client, staff_world) -> None:
    add_booking(staff_world, at(3))
    add_booking(staff_world, at(2), worker="worker-b", kita="gerderath", code="ABC234", cancel_token="u" * 32,
                first_name="Olena")
    by_kita = text(staff_client.get("/staff/bookings?kita=gerderath"))
    assert "Olena" in by_kita and "Ayşe" not in by_kita
    by_worker = text(staff_client.get("/staff/bookings?worker=worker-a"))
    assert "Ayşe" in by_worker and "Olena" not in by_worker
    assert '<option value="worker-a" selected>' in by_worker
    for odd in ("kita=nowhere", "worker=%00", "days=9999999999999999999999", "days=-1", "days=%D9%A1%D9%A4",
                "kita=gerderath%00", "code=%00%00", "code=" + "x" * 500):
        response = staff_client.get(f"/staff/bookings?{odd}")
        assert response.status_code == 200, odd
        assert "Ayşe" in text(response) and "Olena" in text(response), odd


def test_past_bookings_of_the_last_30_days(staff_client, staff_world) -> None:
    add_booking(staff_world, at(-5), status="held")
    add_booking(staff_world, at(-40), code="OLD234", cancel_token="o" * 32, first_name="Alt")
    html = text(staff_client.get("/staff/bookings"))
    past = html.split('id="past-h"')[1]
    assert "Ayşe" in past and "Gespräch fand statt" not in past and "Familie nicht gekommen" in past
    assert ">Stattgefunden<" in past
    assert "Alt" not in html


def test_find_by_the_read_out_code(staff_client, staff_world) -> None:
    add_booking(staff_world, at(40))
    found = text(staff_client.get("/staff/bookings?code=k7m+4qx"))
    assert "Ayşe" in found.split('id="upcoming-h"')[0]
    missing = staff_client.get("/staff/bookings?code=ZZZ999")
    assert missing.status_code == 200 and "Es gibt keine Buchung mit dem Code ZZZ999" in text(missing)


def test_mark_held_and_no_show_with_counters(staff_client, staff_world) -> None:
    held = add_booking(staff_world, at(-1))
    missed = add_booking(staff_world, at(-2), code="MIS234", cancel_token="m" * 32, lang="ar")
    response = staff_client.post(f"/staff/bookings/{held}/held", data={"back": "/staff/bookings?days=7"})
    assert response.status_code == 303 and response.headers["Location"] == "/staff/bookings?days=7"
    assert status_of(staff_world, held) == "held"
    assert "Das Gespräch K7M 4QX ist als stattgefunden markiert." in text(staff_client.get("/staff/bookings"))
    staff_client.post(f"/staff/bookings/{missed}/no-show")
    staff_client.post(f"/staff/bookings/{missed}/no-show")  # a second click counts nothing more
    assert status_of(staff_world, missed) == "no_show"
    assert counted(staff_world, "no_show") == [("loevenich", "ar", 1)]


def test_cancel_a_future_booking_with_counter(staff_client, staff_world) -> None:
    booking = add_booking(staff_world, at(2))
    response = staff_client.post(f"/staff/bookings/{booking}/cancel", data={"back": "https://evil.example/"})
    assert response.headers["Location"] == "/staff/bookings"
    assert status_of(staff_world, booking) == "cancelled"
    assert counted(staff_world, "cancel") == [("loevenich", "tr", 1)]
    assert "Das Gespräch K7M 4QX ist abgesagt." in text(staff_client.get("/staff/bookings"))


def test_actions_the_booking_state_refuses(staff_client, staff_world) -> None:
    future = add_booking(staff_world, at(2))
    past = add_booking(staff_world, at(-2), code="PST234", cancel_token="p" * 32)
    staff_client.post(f"/staff/bookings/{future}/held")
    staff_client.post(f"/staff/bookings/{past}/cancel")
    html = text(staff_client.get("/staff/bookings"))
    assert "Nur ein Gespräch, das begonnen hat und nicht abgesagt wurde, kann markiert werden." in html
    assert "Nur ein gebuchtes Gespräch, das noch nicht begonnen hat, kann abgesagt werden." in html
    assert (status_of(staff_world, future), status_of(staff_world, past)) == ("booked", "booked")
    assert counted(staff_world, "cancel") == []


@pytest.mark.parametrize("path", ["/staff/bookings/999999/held", "/staff/bookings/99999999999999999999/cancel",
                                  "/staff/bookings/0/no-show", "/staff/bookings/abc/held", "/staff/bookings/1/explode",
                                  "/staff/absences/99999999999999999999/remove", "/staff/calendar/%00/renew",
                                  "/staff/calendar/nobody/renew"])
def test_unknown_things_are_404(staff_client, staff_world, path) -> None:
    assert staff_client.post(path, data={"back": "/staff/\r\nX: y"}).status_code == 404


def test_back_with_odd_characters_stays_in_the_staff_area(staff_client, staff_world) -> None:
    booking = add_booking(staff_world, at(-1))
    for back in ("/staff/\r\nSet-Cookie: x=y", "/staff/%00", "//evil.example/staff/", "/staff/\\evil"):
        response = staff_client.post(f"/staff/bookings/{booking}/held", data={"back": back})
        assert response.status_code == 303 and "\n" not in response.headers["Location"]
        assert response.headers["Location"].startswith("/staff/")


@pytest.fixture
def csrf_client(settings, staff_world):
    """An app that checks CSRF tokens (the test settings switch them off), with a staff session."""
    from service.accounts.operations import create_user
    from service.web import create_app

    app = create_app(settings)
    app.config["WTF_CSRF_ENABLED"] = True
    with Session(staff_world.engine) as session:
        user = create_user(session, "csrf-check", "a long enough password")
        session.commit()
        user_id = user.id
    client = app.test_client()
    with client.session_transaction() as cookie:
        cookie["staff_user_id"] = user_id
    yield client
    app.extensions["wegweiser"].engine.dispose()


def _token(html: str) -> str:
    return re.search(r'name="csrf_token"(?: type="hidden")? value="([^"]+)"', html).group(1)


def test_actions_need_the_csrf_token(csrf_client, staff_world) -> None:
    booking = add_booking(staff_world, at(2))
    assert csrf_client.post(f"/staff/bookings/{booking}/cancel").status_code == 400
    assert csrf_client.post(f"/staff/bookings/{booking}/cancel", data={"csrf_token": "forged"}).status_code == 400
    assert status_of(staff_world, booking) == "booked"
    token = _token(text(csrf_client.get("/staff/bookings")))
    assert csrf_client.post(f"/staff/bookings/{booking}/cancel", data={"csrf_token": token}).status_code == 303
    assert status_of(staff_world, booking) == "cancelled"
    block = {"social_worker": "worker-a", "kita": "", "reason": "training", "first_day": "2027-03-01",
             "last_day": "2027-03-02"}
    assert csrf_client.post("/staff/absences", data=block).status_code == 400
    token = _token(text(csrf_client.get("/staff/absences")))
    assert csrf_client.post("/staff/absences", data={**block, "csrf_token": token}).status_code == 303
    assert csrf_client.post("/staff/calendar/worker-a/renew").status_code == 400


BLOCK = {"social_worker": "worker-a", "kita": "", "reason": "vacation"}


def _blocks(world) -> list[ScheduleException]:
    with world.session() as session:
        return list(session.exec(select(ScheduleException)))


def test_block_whole_days_takes_the_slots_away(staff_client, staff_world) -> None:
    day = date.today() + timedelta(days=7)
    with staff_world.session() as session:
        add_window(session, "worker-a", "loevenich", day.weekday(), "09:00", "12:00", valid_from=date.today())
        session.commit()
        assert free_slots(session, "loevenich", day, 1)
    data = {**BLOCK, "first_day": day.isoformat(), "last_day": day.isoformat()}
    response = staff_client.post("/staff/absences", data=data)
    assert response.status_code == 303
    [block] = _blocks(staff_world)
    assert block.starts_at == datetime.combine(day, time(0), tzinfo=BERLIN)
    assert block.ends_at == datetime.combine(day + timedelta(days=1), time(0), tzinfo=BERLIN)
    assert block.reason == "vacation" and block.kita_id is None
    with staff_world.session() as session:
        assert free_slots(session, "loevenich", day, 1) == []
    html = text(staff_client.get("/staff/absences"))
    assert "Die Zeit ist gesperrt." in html and "Urlaub" in html and "Beispiel A" in html


def test_block_an_hour_at_one_kita_and_remove_it(staff_client, staff_world) -> None:
    day = (date.today() + timedelta(days=3)).isoformat()
    data = {**BLOCK, "reason": "blocked", "kita": "gerderath", "first_day": day, "first_time": "14:00",
            "last_day": day, "last_time": "15:30"}
    assert staff_client.post("/staff/absences", data=data).status_code == 303
    [block] = _blocks(staff_world)
    assert block.starts_at.astimezone(BERLIN).time() == time(14) and block.kita_id == staff_world.kitas["gerderath"]
    html = text(staff_client.get("/staff/absences"))
    assert "14:00" in html and "15:30" in html and "Familienzentrum Gerderath" in html
    assert staff_client.post(f"/staff/absences/{block.id}/remove").status_code == 303
    assert _blocks(staff_world) == []
    assert "Keine gesperrten Zeiten." in text(staff_client.get("/staff/absences"))


@pytest.mark.parametrize(("changes", "message"), [
    ({"first_day": "2027-13-45"}, "Bitte geben Sie ein Datum ein"),
    ({"first_day": "\x00"}, "Bitte geben Sie ein Datum ein"),
    ({"last_day": ""}, "Bitte geben Sie ein Datum ein"),
    ({"first_day": "99999-01-01"}, "Bitte geben Sie ein Datum ein"),
    ({"first_day": "2027-02-30"}, "Bitte geben Sie ein Datum ein"),
    ({"first_day": "2027-03-01\n"}, None),
    ({"first_day": "1.3.27"}, "Bitte geben Sie ein Datum ein"),
    ({"first_time": "25:00"}, "Bitte geben Sie eine Uhrzeit ein"),
    ({"last_time": "12:00\x00"}, "Bitte geben Sie eine Uhrzeit ein"),
    ({"first_day": "2027-03-05"}, "Das Ende muss nach dem Beginn liegen."),
    ({"social_worker": "nobody"}, "Bitte wählen Sie aus der Liste."),
    ({"social_worker": "\x00"}, "Bitte wählen Sie aus der Liste."),
    ({"kita": "nowhere"}, "Bitte wählen Sie aus der Liste."),
    ({"reason": "holiday"}, "Bitte wählen Sie aus der Liste."),
])
def test_odd_block_input_is_answered_in_the_form(staff_client, staff_world, changes, message) -> None:
    data = {**BLOCK, "first_day": "2027-03-01", "last_day": "2027-03-02", **changes}
    response = staff_client.post("/staff/absences", data=data)
    if message is None:  # harmless: accepted
        assert response.status_code == 303
        return
    assert response.status_code == 422 and message in text(response)
    assert 'aria-invalid="true"' in text(response)
    assert _blocks(staff_world) == []


@pytest.mark.parametrize(("first_day", "first_time", "start"), [
    ("2027-03-01", "", datetime(2027, 3, 1, 0, 0)),
    ("1.3.2027", "9:05", datetime(2027, 3, 1, 9, 5)),
    (" 01.03.2027 ", "09.05", datetime(2027, 3, 1, 9, 5)),
    ("2027-03-01", "23:59:30", datetime(2027, 3, 1, 23, 59)),
])
def test_dates_as_browsers_send_or_people_type_them(staff_client, staff_world, first_day, first_time, start) -> None:
    data = {**BLOCK, "first_day": first_day, "first_time": first_time, "last_day": "2027-03-02"}
    assert staff_client.post("/staff/absences", data=data).status_code == 303
    [block] = _blocks(staff_world)
    assert block.starts_at == start.replace(tzinfo=BERLIN)


def test_remove_block_in_the_core(session) -> None:
    with pytest.raises(NotFound):
        remove_block(session, 2**40)


def test_calendar_addresses_and_a_new_one(staff_client, staff_world, client) -> None:
    old = "feed-token-worker-a-0123456789"
    html = text(staff_client.get("/staff/calendar"))
    assert f'value="http://wegweiser.test/calendar/{old}.ics"' in html
    assert f'href="webcal://wegweiser.test/calendar/{old}.ics"' in html
    assert "Beispiel B" in html and "Outlook" in html
    assert staff_client.get(f"/calendar/{old}.ics").status_code == 200
    response = staff_client.post("/staff/calendar/worker-a/renew")
    assert response.status_code == 303 and response.headers["Location"].endswith("#feed-worker-a")
    with staff_world.session() as session:
        new = session.exec(select(SocialWorker.ical_token).where(SocialWorker.slug == "worker-a")).one()
    assert new != old
    assert staff_client.get(f"/calendar/{old}.ics").status_code == 404
    assert staff_client.get(f"/calendar/{new}.ics").status_code == 200
    assert f"http://wegweiser.test/calendar/{new}.ics" in text(staff_client.get("/staff/calendar"))


def test_navigation_and_language(staff_client, staff_world) -> None:
    for path in STAFF_PAGES[:-1] + ["/staff/send"]:
        html = text(staff_client.get(path))
        for link in ("/staff/send", "/staff/bookings", "/staff/absences", "/staff/calendar", "/staff/report"):
            assert f'href="{link}"' in html, (path, link)
        assert f'href="{path}" aria-current="page"' in html
    arabic = text(staff_client.get("/staff/bookings", headers={"Accept-Language": "ar"}))
    assert 'dir="rtl"' in arabic and "الحجوزات" in arabic
