"""POST /api/v1/finder: the contract's shape, 422 per field, never 5xx, anonymous counting."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select

from service.reports.counters import DailyCounter

FAMILY = {"children": [4, 7], "pregnant": False, "adults": 2, "income": ["work"], "earned_income": 2100,
          "rent": 850, "child_support": None, "disability": False, "worries": ["debts"]}


def test_the_contract_example(client, loaded) -> None:
    response = client.post("/api/v1/finder", json={"lang": "de", "answers": FAMILY})
    assert response.status_code == 200
    body = response.get_json()
    assert set(body) == {"results", "not_fitting", "disclaimer"}
    first = body["results"][0]
    assert set(first) == {"slug", "level", "reason", "apply", "url"}
    levels = {item["slug"]: item["level"] for item in body["results"]}
    assert levels["kindergeld"] == "likely" and levels["kinderzuschlag"] == "possible"
    assert levels["schuldnerberatung"] == "likely"
    assert first["url"] == f"http://wegweiser.test/de/e/{first['slug']}"
    assert "Entscheidung" in body["disclaimer"]


def test_not_fitting_with_reasons_in_the_requested_language(client, loaded) -> None:
    answers = {"children": [3], "adults": 1, "income": ["buergergeld"]}
    body = client.post("/api/v1/finder", json={"lang": "ar", "answers": answers}).get_json()
    assert body["not_fitting"] == [{"slug": "wohngeld", "reason": body["not_fitting"][0]["reason"]}]
    assert "Bürgergeld" in body["not_fitting"][0]["reason"] and "دعم سكن" in body["not_fitting"][0]["reason"]
    assert all(item["url"].startswith("http://wegweiser.test/ar/e/") for item in body["results"])


@pytest.mark.parametrize(("body", "fields"), [
    ({"lang": "de", "answers": {"salary": 1}}, {"answers.salary": "unknown"}),
    ({"lang": "de", "answers": {}, "extra": 1}, {"extra": "unknown"}),
    ({"lang": "xx", "answers": {}}, {"lang": "invalid"}),
    ({"lang": 5}, {"lang": "invalid"}),
    ({"answers": {"children": [30]}}, {"answers.children": "range"}),
    ({"answers": {"adults": 3, "earned_income": -1}}, {"answers.adults": "range", "answers.earned_income": "range"}),
    ({"answers": {"income": ["none", "work"]}}, {"answers.income": "none_alone"}),
    ({"answers": [1, 2]}, {"answers": "type"}),
])
def test_invalid_fields_answer_422(client, loaded, body, fields) -> None:
    response = client.post("/api/v1/finder", json=body)
    assert response.status_code == 422
    assert response.get_json()["error"]["fields"] == fields


@pytest.mark.parametrize("data", [b"not json", b"[]", b'"text"', b"{", b"\x00\xff",
                                  b'{"answers": {"children": [1e400]}}', b'{"answers": {"rent": 1e999}}'])
def test_malformed_bodies_never_fail_the_server(client, loaded, data: bytes) -> None:
    response = client.post("/api/v1/finder", data=data, content_type="application/json")
    assert response.status_code in (400, 422)


def test_the_shown_results_are_counted_by_language_only(settings, loaded, counted) -> None:
    from service.web import create_app

    app = create_app(settings.replace(analytics_enabled=True))
    response = app.test_client().post("/api/v1/finder", json={"lang": "uk", "answers": {"children": [0], "adults": 2}})
    app.extensions["wegweiser"].engine.dispose()
    assert response.status_code == 200
    counted()
    with Session(loaded) as session:
        rows = session.exec(select(DailyCounter).where(DailyCounter.event == "finder")).all()
    shown = {item["slug"] for item in response.get_json()["results"]}
    assert shown and {row.entry for row in rows} == shown
    assert {(row.lang, row.source, row.query, row.topic, row.kita) for row in rows} == {("uk", "api", "", "", "")}
