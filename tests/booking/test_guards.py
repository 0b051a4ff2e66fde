"""Bad input never answers 5xx: body size, JSON depth, path parameters; proxies and a Redis outage."""

from __future__ import annotations

import logging
import socket

import pytest

from service.web import create_app
from service.web.guards import MAX_BODY_BYTES, MAX_JSON_DEPTH, json_depth


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_json_depth_ignores_brackets_in_strings() -> None:
    assert json_depth('{"a": "[[[[", "b": [1, {"c": "\\"]"}]}') == 3
    assert json_depth("[" * 1000 + "]" * 1000) == 1000


def test_large_body_is_413_in_the_api_shape(client, every_day) -> None:
    response = client.post("/api/v1/bookings?lang=de", json={"note": "x" * (MAX_BODY_BYTES + 1)})
    assert response.status_code == 413
    error = response.get_json()["error"]
    assert error["code"] == "too_large" and error["message"] == "Was gesendet wurde, ist zu groß."


def test_large_form_is_413_page(client, every_day) -> None:
    response = client.post("/de/kitas/loevenich/book", data={"note": "x" * (MAX_BODY_BYTES + 1)})
    assert response.status_code == 413 and response.mimetype == "text/html"


@pytest.mark.parametrize("depth", [MAX_JSON_DEPTH + 1, 1000, 100_000 // 2])
def test_deep_json_is_400(client, every_day, depth) -> None:
    body = "[" * depth + "]" * depth
    response = client.post("/api/v1/bookings", data=body, content_type="application/json")
    assert response.status_code == 400 if len(body) <= MAX_BODY_BYTES else 413
    assert response.get_json()["error"]["code"] in {"bad_request", "too_large"}


def test_deep_object_with_lang_is_400(client, every_day) -> None:
    body = '{"lang": "de", "x": ' + "{" * 500 + "}" * 500 + "}"
    response = client.post("/api/v1/bookings", data=body, content_type="application/json")
    assert response.status_code == 400 and response.get_json()["error"]["code"] == "bad_request"


@pytest.mark.parametrize("path", [
    "/api/v1/entries/%00", "/api/v1/entries/a%00b", "/api/v1/entries/kindergeld%0A", "/api/v1/kitas/%00/slots",
    "/api/v1/bookings/%00", "/api/v1/bookings/" + "a" * 30 + "%00", "/api/v1/bookings/%00.ics",
    "/api/v1/entries/" + "a" * 200,
])
def test_bad_path_values_are_404_before_any_query(client, every_day, path) -> None:
    response = client.get(path)
    assert response.status_code == 404 and response.get_json()["error"]["code"] == "not_found"
    assert client.delete(path).status_code in {404, 405}


def _hammer(client, address: str, times: int) -> list[int]:
    headers = {"X-Forwarded-For": address}
    return [client.post("/api/v1/bookings", json={}, headers=headers).status_code for _ in range(times)]


@pytest.mark.parametrize(("proxies", "other_limited"), [(1, False), (0, True)])
def test_limits_see_the_client_behind_a_trusted_proxy(settings, every_day, proxies, other_limited) -> None:
    app = create_app(settings.replace(ratelimit_enabled=True, trusted_proxies=proxies))
    client = app.test_client()
    assert _hammer(client, "203.0.113.7", 11)[-1] == 429  # POST /bookings allows 10 a minute
    assert (_hammer(client, "198.51.100.9", 1)[0] == 429) is other_limited
    app.extensions["wegweiser"].engine.dispose()


def test_redis_outage_falls_back_to_memory_and_warns_once(settings, every_day, caplog) -> None:
    dead = f"redis://127.0.0.1:{_free_port()}"
    app = create_app(settings.replace(ratelimit_enabled=True, ratelimit_storage_uri=dead))
    client = app.test_client()
    with caplog.at_level(logging.WARNING):
        statuses = [client.get("/api/v1/kitas").status_code for _ in range(5)]
        booked = _hammer(client, "192.0.2.1", 11)
    assert statuses == [200] * 5
    assert booked[:10] == [422] * 10 and booked[10] == 429  # limits still hold, in memory
    warnings = [r for r in caplog.records if "unreachable" in r.getMessage()]
    assert len(warnings) == 1
    app.extensions["wegweiser"].engine.dispose()
