"""Find my booking by code and contact (one neutral answer for every mismatch, rate limited), cancel with a
confirmation, the cancelled page promises nothing more, robots.txt."""

from __future__ import annotations

import re

import pytest
from sqlmodel import select

from service.booking import Booking
from tests.booking.test_web import book, token_of


def _code(world) -> str:  # noqa: ANN001
    with world.session() as session:
        return session.exec(select(Booking)).one().code


@pytest.mark.parametrize("lang", ["de", "ar", "fa", "uk"])
def test_find_my_booking_by_code_and_contact(client, every_day, lang) -> None:
    _slot, booked = book(client, every_day)
    code = _code(every_day)
    form = client.get(f"/{lang}/booking")
    assert form.status_code == 200 and 'name="code"' in form.get_data(as_text=True)
    assert form.headers["Cache-Control"] == "no-store"
    found = client.post(f"/{lang}/booking", data={"code": f"{code[:3]} {code[3:].lower()}",
                                                  "contact": "+49 151 2345678"})
    assert found.status_code == 303 and token_of(found) == token_of(booked)
    assert code not in found.headers["Location"]  # the code never goes into a URL


def test_every_mismatch_gets_the_same_answer(client, every_day) -> None:
    book(client, every_day)
    code = _code(every_day)
    answers = [client.post("/de/booking", data=data) for data in (
        {"code": code, "contact": "0151 0000000"}, {"code": "ZZZ ZZZ", "contact": "0151 2345678"},
        {"code": "", "contact": ""}, {"code": code, "contact": ""}, {"code": "\x00" * 40, "contact": "x" * 500})]
    assert {a.status_code for a in answers} == {404}
    bodies = {re.sub(r'value="[^"]*"', "", a.get_data(as_text=True)) for a in answers}
    assert len(bodies) == 1 and "keine Buchung" in bodies.pop()


@pytest.fixture
def limited_client(settings, every_day):  # noqa: ANN001
    from service.web import create_app

    app = create_app(settings.replace(ratelimit_enabled=True))
    yield app.test_client()
    app.extensions["wegweiser"].engine.dispose()


def test_find_is_rate_limited_per_client(limited_client, every_day) -> None:
    statuses = [limited_client.post("/de/booking", data={"code": "ABC DEF", "contact": "0151 1"}).status_code
                for _ in range(12)]
    assert statuses[:10] == [404] * 10 and statuses[-1] == 429


def test_cancel_asks_first_and_the_cancelled_page_promises_no_interpreter(client, every_day) -> None:
    _slot, booked = book(client, every_day, interpreter="y")
    page = booked.headers["Location"].split("?")[0]
    asked = client.post(page).get_data(as_text=True)
    assert "Möchten Sie den Termin am" in asked and 'name="confirm" value="yes"' in asked
    assert f'href="{page}"' in asked  # "no, keep it" goes back without a change
    with every_day.session() as session:
        assert session.exec(select(Booking)).one().status == "booked"
    client.post(page, data={"confirm": "yes"})
    html = client.get(page).get_data(as_text=True)
    assert "abgesagt" in html and "Dolmetsch" not in html


def test_robots_txt(client) -> None:
    response = client.get("/robots.txt")
    assert response.status_code == 200 and response.mimetype == "text/plain"
    text = response.get_data(as_text=True)
    assert "Disallow: /staff/" in text and "Disallow: /*/booking" in text and "User-agent: *" in text
