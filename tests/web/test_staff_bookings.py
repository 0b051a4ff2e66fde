"""Staff pages for bookings: login, filters, details, actions with counters, code look-up, CSRF, odd input."""

from __future__ import annotations

import re

import pytest
from babel.dates import format_skeleton
from sqlmodel import Session

from service.booking import BERLIN
from tests.web.conftest import log_in
from tests.web.staff_helpers import add_booking, at, counted, status_of, text

STAFF_PAGES = ["/staff/bookings", "/staff/absences", "/staff/calendar", "/staff/report", "/staff/report.md"]


@pytest.mark.parametrize("path", STAFF_PAGES)
def test_staff_pages_need_a_login(client, db, path) -> None:
    response = client.get(path)
    assert response.status_code == 302 and response.headers["Location"].startswith("/staff/login?next=")


def test_actions_need_a_login(client, staff_world) -> None:
    booking = add_booking(staff_world, at(-1))
    for action in ("held", "no-show", "cancel"):
        assert client.post(f"/staff/bookings/{booking}/{action}").status_code == 403
    assert client.post("/staff/absences", data={"social_worker": "worker-a"}).status_code == 403
    assert client.get("/staff/absences").status_code == 302
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
        create_user(session, "csrf-check", "a long enough password")
        session.commit()
    client = app.test_client()
    log_in(client, app, "csrf-check")
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


def test_navigation_and_language(staff_client, staff_world) -> None:
    for path in STAFF_PAGES[:-1] + ["/staff/send"]:
        html = text(staff_client.get(path))
        for link in ("/staff/send", "/staff/bookings", "/staff/absences", "/staff/calendar", "/staff/report"):
            assert f'href="{link}"' in html, (path, link)
        assert f'href="{path}" aria-current="page"' in html
    arabic = text(staff_client.get("/staff/bookings", headers={"Accept-Language": "ar"}))
    assert 'dir="rtl"' in arabic and "الحجوزات" in arabic


def test_a_familys_language_is_named_in_the_staff_members_language(staff_client, staff_world) -> None:
    add_booking(staff_world, at(2), code="ARB234", cancel_token="a" * 32, lang="ar")
    html = staff_client.get("/staff/bookings").get_data(as_text=True)
    assert 'Arabisch (<bdi lang="ar">العربية</bdi>)' in html


def test_talks_staff_cancelled_without_a_notice_say_call_the_family(staff_client, staff_world) -> None:
    phone_only = add_booking(staff_world, at(2))
    by_mail = add_booking(staff_world, at(3), code="MAIL23", cancel_token="m" * 32, contact="amal@example.org",
                          contact_key="amal@example.org")
    by_parent = add_booking(staff_world, at(4), code="SELF23", cancel_token="s" * 32, status="cancelled")
    for booking in (phone_only, by_mail):
        assert staff_client.post(f"/staff/bookings/{booking}/cancel").status_code == 303
    html = text(staff_client.get("/staff/bookings"))
    assert html.count("Nicht informiert – bitte rufen Sie die Familie an.") == 1
    card = html.split('<span class="ltr code">K7M 4QX')[0].rsplit('<li class="card', 1)[1]
    assert "Nicht informiert" in card
    assert by_parent
