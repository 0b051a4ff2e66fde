"""Parents' journeys on the booking pages: a double tap or a resubmitted form books once, the form after a
booking says so, digits as typed in Arabic and Persian, checkboxes beside their labels."""

from __future__ import annotations

import re

import pytest
from sqlmodel import select

from service.booking import Booking
from tests.booking.test_web import FORM, first_slot, token_of


def _key(html: str) -> str:
    return re.search(r'name="key" type="hidden" value="([^"]+)"', html).group(1)


def _bookings(world) -> list[Booking]:  # noqa: ANN001
    with world.session() as session:
        return list(session.exec(select(Booking)))


def test_a_double_tap_shows_the_same_confirmation_and_books_once(client, every_day) -> None:
    key = _key(client.get("/de/kitas/loevenich/book").get_data(as_text=True))
    data = {**FORM, "slot": first_slot(every_day).id, "key": key}
    first = client.post("/de/kitas/loevenich/book", data=data)
    second = client.post("/de/kitas/loevenich/book", data=data)  # before: 409 "someone else just booked"
    assert first.status_code == second.status_code == 303
    assert token_of(first) == token_of(second)
    assert len(_bookings(every_day)) == 1


def test_back_after_booking_shows_the_booking_and_a_resubmit_books_nothing(client, every_day) -> None:
    page = client.get("/de/kitas/loevenich/book").get_data(as_text=True)
    booked = client.post("/de/kitas/loevenich/book",
                         data={**FORM, "slot": first_slot(every_day).id, "key": _key(page)})
    back = client.get("/de/kitas/loevenich/book").get_data(as_text=True)
    assert "Sie haben einen Termin am" in back and f"/de/booking/{token_of(booked)}" in back
    assert "another=1" in back and _key(back) == _key(page)
    again = client.post("/de/kitas/loevenich/book",
                        data={**FORM, "slot": first_slot(every_day, index=1).id, "key": _key(back)})
    assert token_of(again) == token_of(booked) and len(_bookings(every_day)) == 1
    fresh = client.get("/de/kitas/loevenich/book?another=1").get_data(as_text=True)
    assert "Sie haben einen Termin am" not in fresh and _key(fresh) != _key(page)
    other = client.post("/de/kitas/loevenich/book",
                        data={**FORM, "slot": first_slot(every_day, index=1).id, "key": _key(fresh)})
    assert token_of(other) != token_of(booked) and len(_bookings(every_day)) == 2


@pytest.mark.parametrize("lang,typed", [("ar", "٠١٥١ ٢٣٤٥٦٧٨"), ("fa", "۰۱۵۱ ۲۳۴۵۶۷۸")])
def test_phone_digits_typed_in_arabic_or_persian_are_stored_as_ascii(client, every_day, lang, typed) -> None:
    response = client.post(f"/{lang}/kitas/loevenich/book",
                           data={**FORM, "lang": lang, "contact": typed, "slot": first_slot(every_day).id})
    assert response.status_code == 303
    [booking] = _bookings(every_day)
    assert booking.contact == "0151 2345678" and booking.contact_key == "+491512345678"


@pytest.mark.parametrize("lang", ["de", "ar", "fa", "uk"])
def test_checkboxes_sit_in_one_row_with_their_labels(client, every_day, lang) -> None:
    html = client.get(f"/{lang}/kitas/loevenich/book").get_data(as_text=True)
    for name in ("interpreter", "consent"):
        assert re.search(rf'<input id="{name}" name="{name}" type="checkbox"[^>]*>\s*<span class="text"><label '
                         rf'for="{name}">', html), name
