"""The booking API: kitas, slots, bookings; errors as in the contract and never a 5xx."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from service.booking import free_slots
from service.booking.slots import is_holiday

BODY = {"first_name": "Oksana", "contact": "oksana@example.org", "lang": "uk", "interpreter": True,
        "topic": "kindergeld", "note": None, "consent": True}


def _slot(world, index: int = 0):
    with world.session() as session:
        return free_slots(session, "loevenich", date.today(), 14)[index]


def _post(client, world, index: int = 0, **changes):
    return client.post("/api/v1/bookings", json={**BODY, "slot_id": _slot(world, index).id, **changes})


def test_kitas(client, every_day) -> None:
    data = client.get("/api/v1/kitas").get_json()
    assert [k["slug"] for k in data] == ["gerderath", "loevenich"]
    assert data[1]["name"] == "Städt. Kita Lövenich" and data[1]["address"]["city"] == "Erkelenz"


def test_slots(client, every_day) -> None:
    day = date.today() + timedelta(days=2)
    while is_holiday(day):
        day += timedelta(days=1)
    response = client.get(f"/api/v1/kitas/loevenich/slots?from={day}&days=1")
    data = response.get_json()
    assert response.status_code == 200 and len(data) == 26  # 07:00-20:00 in half hours
    first = data[0]
    assert set(first) == {"id", "start", "end", "social_worker"}
    assert first["start"].startswith(f"{day}T07:00:00+0")
    assert first["social_worker"] == {"slug": "worker-a", "name": "Beispiel A"}
    assert len(client.get("/api/v1/kitas/loevenich/slots").get_json()) > 26  # 14 days from today by default


@pytest.mark.parametrize(("query", "status"), [
    ("from=2027-13-01", 400), ("from=yesterday", 400), ("days=0", 400), ("days=63", 400), ("days=abc", 400),
    ("days=-1", 400), ("lang=xx", 400), ("from=0001-01-01", 400),
])
def test_bad_slot_queries(client, every_day, query, status) -> None:
    response = client.get(f"/api/v1/kitas/loevenich/slots?{query}")
    assert response.status_code == status and "error" in response.get_json()


def test_unknown_kita_is_404(client, every_day) -> None:
    response = client.get("/api/v1/kitas/nowhere/slots")
    assert response.status_code == 404 and response.get_json()["error"]["code"] == "not_found"


def test_book_show_ics_cancel(client, every_day) -> None:
    slot = _slot(every_day)
    response = client.post("/api/v1/bookings", json={**BODY, "slot_id": slot.id})
    assert response.status_code == 201
    created = response.get_json()
    assert set(created) == {"code", "cancel_token", "ics_url", "start"}
    token = created["cancel_token"]
    assert created["ics_url"] == f"http://wegweiser.test/api/v1/bookings/{token}.ics"
    assert created["start"] == slot.start.isoformat()
    shown = client.get(f"/api/v1/bookings/{token}").get_json()
    assert (shown["code"], shown["status"], shown["lang"], shown["interpreter"]) == (created["code"], "booked", "uk",
                                                                                    True)
    assert shown["kita"]["slug"] == "loevenich" and shown["url"] == f"http://wegweiser.test/uk/booking/{token}"
    ics = client.get(f"/api/v1/bookings/{token}.ics")
    assert ics.status_code == 200 and ics.mimetype == "text/calendar" and b"BEGIN:VEVENT" in ics.data
    deleted = client.delete(f"/api/v1/bookings/{token}")
    assert deleted.status_code == 200 and deleted.get_json()["status"] == "cancelled"
    assert client.delete(f"/api/v1/bookings/{token}").status_code == 200  # idempotent


def test_taken_slot_is_409(client, every_day) -> None:
    slot = _slot(every_day)
    assert client.post("/api/v1/bookings", json={**BODY, "slot_id": slot.id}).status_code == 201
    response = client.post("/api/v1/bookings", json={**BODY, "slot_id": slot.id, "contact": "other@example.org"})
    assert response.status_code == 409 and response.get_json()["error"]["code"] == "slot_taken"


def test_invalid_fields_are_422_in_the_requested_language(client, every_day) -> None:
    response = client.post("/api/v1/bookings?lang=de", json={**BODY, "slot_id": _slot(every_day).id,
                                                             "consent": False, "lang": "klingon"})
    error = response.get_json()["error"]
    assert response.status_code == 422
    assert error["fields"] == {"consent": "required", "lang": "invalid"}
    assert error["message"] == "Bitte prüfen Sie die markierten Felder."


@pytest.mark.parametrize("path", ["/api/v1/bookings/unknown", "/api/v1/bookings/" + "x" * 32,
                                  "/api/v1/bookings/" + "x" * 32 + ".ics", "/api/v1/bookings/%00" + "x" * 31,
                                  "/api/v1/kitas/lo%00evenich/slots", "/api/v1/kitas/" + "k" * 300 + "/slots"])
def test_unknown_tokens_are_404(client, every_day, path) -> None:
    assert client.get(path).status_code == 404
    assert client.delete(path).status_code in (404, 405)  # a NUL byte must not reach PostgreSQL either


@pytest.mark.parametrize("field", ["first_name", "contact", "lang", "topic", "note", "slot_id"])
def test_nul_bytes_in_fields_are_field_errors(client, every_day, field) -> None:
    response = _post(client, every_day, **{field: "ab\x00cd"})
    assert response.status_code == 422 and field in response.get_json()["error"]["fields"]


@pytest.mark.parametrize("data", ["not json", "[]", '"text"', "null", "17", '{"slot_id": ', "{}"])
def test_malformed_bodies(client, every_day, data) -> None:
    response = client.post("/api/v1/bookings", data=data, content_type="application/json")
    assert response.status_code in (400, 422) and "error" in response.get_json()


json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
                           lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
                           max_leaves=5)


@hypothesis_settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=st.dictionaries(st.sampled_from([*BODY, "slot_id", "chat_id"]), json_values, max_size=9))
def test_no_body_causes_a_server_error(client, every_day, body) -> None:
    response = client.post("/api/v1/bookings", json=body)
    assert response.status_code in (201, 400, 404, 409, 422), response.get_data(as_text=True)


@pytest.fixture
def live_app(settings, every_day):
    """An app with CSRF protection and rate limits switched on, as in production."""
    from service.web import create_app

    app = create_app(settings.replace(testing=False, ratelimit_enabled=True))
    yield app
    app.extensions["wegweiser"].engine.dispose()


def test_the_json_api_needs_no_csrf_token_but_is_rate_limited(live_app, every_day) -> None:
    client = live_app.test_client()
    statuses = [_post(client, every_day, index, contact=f"p{index}@example.org").status_code for index in range(11)]
    assert statuses[:10] == [201] * 10 and statuses[10] == 429
    response = _post(client, every_day, 11, contact="late@example.org")
    assert response.get_json()["error"]["code"] == "rate_limited"
    other = live_app.test_client()
    assert other.get("/api/v1/kitas").status_code == 200  # reading is limited separately


def test_a_retry_with_the_same_idempotency_key_returns_the_booking_it_made(client, every_day, world) -> None:
    key = {"Idempotency-Key": "retry-after-timeout-0001"}
    slot = _slot(world).id
    first = client.post("/api/v1/bookings", json={**BODY, "slot_id": slot}, headers=key)
    again = client.post("/api/v1/bookings", json={**BODY, "slot_id": slot}, headers=key)
    assert first.status_code == again.status_code == 201
    assert again.get_json() == first.get_json()
    later = client.post("/api/v1/bookings", json={**BODY, "slot_id": _slot(world, 3).id}, headers=key)
    assert later.get_json()["code"] == first.get_json()["code"]  # whatever it asks for now: the same booking
    assert client.post("/api/v1/bookings", json={**BODY, "slot_id": slot}).status_code == 409  # without a key


def test_the_same_idempotency_key_with_another_contact_books_anew(client, every_day, world) -> None:
    key, slot = {"Idempotency-Key": "shared-or-guessed-key-0001"}, _slot(world).id
    first = client.post("/api/v1/bookings", json={**BODY, "slot_id": slot}, headers=key)
    other = client.post("/api/v1/bookings", json={**BODY, "contact": "+49 2431 123456", "slot_id": slot}, headers=key)
    assert first.status_code == 201 and other.status_code == 409  # not the first family's booking, and its token
    assert "cancel_token" not in other.get_json()
    fresh = client.post("/api/v1/bookings", json={**BODY, "contact": "+49 2431 123456", "slot_id": _slot(world).id},
                        headers=key)
    assert fresh.status_code == 201 and fresh.get_json()["code"] != first.get_json()["code"]


@pytest.mark.parametrize("key", ["short", "with space in it 123", "x" * 65, "ümlaut-key-0000000000"])
def test_a_malformed_idempotency_key_is_400(client, every_day, world, key) -> None:
    response = client.post("/api/v1/bookings", json={**BODY, "slot_id": _slot(world).id},
                           headers={"Idempotency-Key": key.encode().decode("latin-1")})
    assert response.status_code == 400 and response.get_json()["error"]["code"] == "bad_request"
