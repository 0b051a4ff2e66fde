"""GET /api/v1/search: the contract's shape, 400 JSON errors, and never a 5xx for any input."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import Session

from service.directory.loader import load_directory


@pytest.fixture
def mini_loaded(db, mini_directory: Path):
    with Session(db) as session:
        load_directory(session, mini_directory)
        session.commit()


def test_search_answers_as_in_the_contract(client, mini_loaded) -> None:
    body = client.get("/api/v1/search?q=kindergelt&lang=en").get_json()
    assert set(body) == {"query", "kind", "confident", "results", "suggestions"}
    assert body["query"] == "kindergelt"
    assert (body["kind"], body["confident"]) == ("match", True)
    first = body["results"][0]
    assert set(first) == {"slug", "title", "summary", "score", "url", "lang"}
    assert first["slug"] == "kindergeld" and first["title"] == "Child benefit" and first["lang"] == "en"
    assert first["url"] == "http://wegweiser.test/en/e/kindergeld"
    assert 0 < first["score"] <= 1


@pytest.mark.parametrize("q,kind", [("hallo", "greeting"), ("شكرا", "greeting"), ("zzqxv", "weak")])
def test_greetings_and_unmet_searches_are_not_confident(client, mini_loaded, q: str, kind: str) -> None:
    body = client.get("/api/v1/search", query_string={"q": q, "lang": "de"}).get_json()
    assert (body["kind"], body["confident"]) == (kind, False)


def test_limit_caps_the_results(client, mini_loaded) -> None:
    body = client.get("/api/v1/search?q=geld&lang=de&limit=1").get_json()
    assert len(body["results"]) == 1


@pytest.mark.parametrize("query,field,code", [
    ("lang=de", "q", "empty"),
    ("q=%20%20&lang=de", "q", "empty"),
    ("q=" + "a" * 201, "q", "too_long"),
    ("q=geld&limit=0", "limit", "invalid"),
    ("q=geld&limit=abc", "limit", "invalid"),
    ("q=geld&limit=51", "limit", "invalid"),
])
def test_bad_parameters_are_400_json(client, mini_loaded, query: str, field: str, code: str) -> None:
    response = client.get(f"/api/v1/search?{query}")
    assert response.status_code == 400
    error = response.get_json()["error"]
    assert error["fields"] == {field: code} and error["message"]


def test_unknown_lang_is_400(client, mini_loaded) -> None:
    response = client.get("/api/v1/search?q=geld&lang=xx")
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "invalid_lang"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(q=st.text(max_size=210), lang=st.sampled_from(["de", "ar", "fa-AF", "xx", "", "%00"]),
       limit=st.sampled_from(["", "1", "10", "-1", "1e3", "٣"]))
def test_no_input_gives_a_5xx(client, mini_loaded, q: str, lang: str, limit: str) -> None:
    response = client.get("/api/v1/search", query_string={"q": q, "lang": lang, "limit": limit})
    assert response.status_code in (200, 400)
    assert response.is_json
