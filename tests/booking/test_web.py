"""The booking pages: free times by day, the form, confirmation, cancel by POST only, CSRF, the iCal feed."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

import pytest
from sqlmodel import select

from service.booking import BERLIN, Booking, free_slots
from service.booking.models import utcnow

FORM = {"first_name": "Ayşe", "contact": "0151 2345678", "lang": "tr", "topic": "kindergeld", "note": "",
        "consent": "y"}


def first_slot(world, kita: str = "loevenich", index: int = 0):
    with world.session() as session:
        return free_slots(session, kita, date.today(), 14)[index]


def book(client, world, lang: str = "de", **changes):
    slot = first_slot(world)
    data = {**FORM, "slot": slot.id, **changes}
    return slot, client.post(f"/{lang}/kitas/loevenich/book", data=data)


def token_of(response) -> str:
    return re.search(r"/booking/([A-Za-z0-9_-]+)", response.headers["Location"]).group(1)


def test_form_lists_free_times_by_day(client, every_day) -> None:
    response = client.get("/de/kitas/loevenich/book")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    slot = first_slot(every_day)
    assert f'value="{slot.id}"' in html and slot.start.strftime("%H:%M") in html
    weekday = ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"][slot.start.weekday()]
    assert weekday in html
    assert 'name="consent"' in html and 'href="/de/privacy"' in html
    assert response.headers["Cache-Control"] == "no-store" and "noindex" in html


def test_form_in_arabic_is_right_to_left_with_arabic_dates(client, every_day) -> None:
    html = client.get("/ar/kitas/loevenich/book").get_data(as_text=True)
    assert 'dir="rtl"' in html and 'lang="ar"' in html
    assert re.search(r"(الاثنين|الثلاثاء|الأربعاء|الخميس|الجمعة|السبت|الأحد)", html)


@pytest.mark.parametrize("path", ["/de/kitas/nowhere/book", "/xx/kitas/loevenich/book", "/de/booking/unknown-token",
                                  "/de/booking/" + "a" * 40, "/de/kitas/loe%00venich/book",
                                  "/de/booking/%00" + "a" * 30, "/calendar/%00" + "a" * 30 + ".ics"])
def test_unknown_pages_are_404(client, every_day, path) -> None:
    assert client.get(path).status_code == 404


def test_booking_then_confirmation_page(client, every_day) -> None:
    slot, response = book(client, every_day)
    assert response.status_code == 303 and "new=1" in response.headers["Location"]
    page = client.get(response.headers["Location"])
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and page.headers["Referrer-Policy"] == "no-referrer"
    with every_day.session() as session:
        booking = session.exec(select(Booking)).one()
    assert booking.code[:3] in html and booking.code[3:] in html
    assert slot.start.strftime("%H:%M") in html and "Städt. Kita Lövenich" in html
    assert f"/api/v1/bookings/{booking.cancel_token}.ics" in html and 'method="post"' in html
    assert (booking.first_name, booking.lang, booking.topic) == ("Ayşe", "tr", "kindergeld")


def test_field_errors_in_the_page_language(client, every_day) -> None:
    _slot, response = book(client, every_day, lang="en", first_name="", consent="")
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Please enter your first name or a nickname." in html and "Please agree to the data protection" in html
    assert 'value="0151 2345678"' in html  # what was typed stays
    _slot, response = book(client, every_day, lang="de", contact="ruf mich an")
    assert "Telefonnummer" in response.get_data(as_text=True)


def test_a_taken_time_offers_the_next_ones(client, every_day) -> None:
    slot, first = book(client, every_day)
    response = client.post("/de/kitas/loevenich/book", data={**FORM, "slot": slot.id, "contact": "a@example.org"})
    html = response.get_data(as_text=True)
    assert response.status_code == 409 and 'name="first_name"' in html  # the form again, not an error page
    suggestions = re.search(r'class="suggested">(.*?)</div>', html, re.S).group(1)
    assert f'value="{first_slot(every_day).id}"' in suggestions
    assert f'value="{slot.id}"' not in html


def test_a_time_of_another_kita_is_refused(client, every_day) -> None:
    other = first_slot(every_day, "gerderath")
    response = client.post("/de/kitas/loevenich/book", data={**FORM, "slot": other.id})
    assert response.status_code == 422


def test_get_never_cancels_post_does(client, every_day) -> None:
    _slot, response = book(client, every_day)
    token = token_of(response)
    for _ in range(3):
        assert client.get(f"/de/booking/{token}").status_code == 200
    with every_day.session() as session:
        assert session.exec(select(Booking)).one().status == "booked"
    asked = client.post(f"/de/booking/{token}")  # the first tap asks once more
    assert asked.status_code == 200 and 'name="confirm" value="yes"' in asked.get_data(as_text=True)
    with every_day.session() as session:
        assert session.exec(select(Booking)).one().status == "booked"
    cancelled = client.post(f"/de/booking/{token}", data={"confirm": "yes"})
    assert cancelled.status_code == 303
    html = client.get(cancelled.headers["Location"]).get_data(as_text=True)
    assert "abgesagt" in html and 'method="post"' not in html
    assert client.post(f"/de/booking/{token}", data={"confirm": "yes"}).status_code == 303  # again: harmless
    with every_day.session() as session:
        assert session.exec(select(Booking)).one().status == "cancelled"


def test_worker_feed(client, every_day) -> None:
    book(client, every_day)
    response = client.get("/calendar/feed-token-worker-a-0123456789.ics")
    assert response.status_code == 200 and response.mimetype == "text/calendar"
    assert "Ayşe" not in response.get_data(as_text=True)  # no names in a calendar (tests/booking/test_calendar.py)
    assert "BEGIN:VEVENT" in response.get_data(as_text=True)
    assert client.get("/calendar/feed-token-nobody-0123456789.ics").status_code == 404


@pytest.fixture
def csrf_client(settings, every_day):
    from service.web import create_app

    app = create_app(settings.replace(testing=False))
    yield app.test_client()
    app.extensions["wegweiser"].engine.dispose()


def _csrf_token(html: str) -> str:
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)


def test_forms_need_the_csrf_token(csrf_client, every_day) -> None:
    slot = first_slot(every_day)
    refused = csrf_client.post("/de/kitas/loevenich/book", data={**FORM, "slot": slot.id})
    assert refused.status_code == 400 and 'value="0151 2345678"' in refused.get_data(as_text=True)
    token = _csrf_token(csrf_client.get("/de/kitas/loevenich/book").get_data(as_text=True))
    accepted = csrf_client.post("/de/kitas/loevenich/book", data={**FORM, "slot": slot.id, "csrf_token": token})
    assert accepted.status_code == 303
    page = accepted.headers["Location"].split("?")[0]
    assert csrf_client.post(page).status_code == 400  # no token: nothing cancelled
    with every_day.session() as session:
        assert session.exec(select(Booking)).one().status == "booked"
    token = _csrf_token(csrf_client.get(page).get_data(as_text=True))
    assert csrf_client.post(page, data={"csrf_token": token, "confirm": "yes"}).status_code == 303


def test_purge_command(app, every_day) -> None:
    with every_day.session() as session:
        slot = free_slots(session, "loevenich", date.today(), 14)[0]
    from service.booking import ParentDetails, book_slot

    with every_day.session() as session:
        booking = book_slot(session, slot.id, ParentDetails("Olga", "olga@example.org", "ru", consent=True))
        booking.start = booking.end = datetime.now(BERLIN) - timedelta(days=40)
        session.add(booking)
        session.commit()
    runner = app.test_cli_runner()
    result = runner.invoke(args=["booking", "purge"])
    assert result.exit_code == 0 and "1 booking" in result.output
    assert "0 booking" in runner.invoke(args=["booking", "purge"]).output
    with every_day.session() as session:
        assert session.exec(select(Booking)).one().first_name is None
    feeds = runner.invoke(args=["booking", "feeds"]).output
    assert "http://wegweiser.test/calendar/feed-token-worker-a-0123456789.ics" in feeds
    assert utcnow()
