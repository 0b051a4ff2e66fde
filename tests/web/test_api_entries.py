"""GET /healthz and the entries API over a loaded mini directory."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import Session

from service.directory.loader import load_directory


@pytest.fixture
def mini_loaded(db, mini_directory: Path):
    with Session(db) as session:
        load_directory(session, mini_directory)
        session.commit()


def test_healthz(client, mini_loaded) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "directory_version": 1}


def test_entries_in_english_report_fallback(client, mini_loaded) -> None:
    body = client.get("/api/v1/entries?lang=en").get_json()
    by_slug = {item["slug"]: item for item in body}
    assert set(by_slug) == {"kindergeld", "wohngeld"}
    assert by_slug["kindergeld"]["title"] == "Child benefit"
    assert by_slug["kindergeld"]["url"] == "http://wegweiser.test/en/e/kindergeld"
    assert by_slug["wohngeld"]["fallback"][:2] == ["title", "summary"]
    assert by_slug["wohngeld"]["lang"] == "en"


def test_entry_detail(client, mini_loaded) -> None:
    body = client.get("/api/v1/entries/kindergeld?lang=ua").get_json()
    assert body["lang"] == "uk" and body["title"] == "Kindergeld"
    assert body["amounts"][0]["amount"] == 259
    assert body["how_to_apply"] == ["Antrag ausfüllen.", "Antrag abschicken."]
    assert "title" in body["fallback"]


@pytest.mark.parametrize("url,status,code", [
    ("/api/v1/entries/nope?lang=en", 404, "not_found"),
    ("/api/v1/entries?lang=xx", 400, "invalid_lang"),
    ("/api/v1/entries/kindergeld?lang=%00", 400, "invalid_lang"),
    ("/api/v1/nothing-here", 404, "not_found"),
])
def test_errors_are_json(client, mini_loaded, url, status, code) -> None:
    response = client.get(url)
    assert response.status_code == status
    assert response.get_json()["error"]["code"] == code
    assert response.get_json()["error"]["message"]


def test_healthz_before_any_load(client, db) -> None:
    assert client.get("/healthz").get_json()["directory_version"] == 0
