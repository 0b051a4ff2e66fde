"""Logs keep nothing personal: gunicorn with the shipped config, a booking, a cancel, searches with personal data."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from datetime import date
from pathlib import Path

import pytest
from flask import Flask
from sqlmodel import Session, select

from service.booking import free_slots
from service.config import PROJECT_ROOT
from service.reports import DailyCounter
from service.web.logs import Throttle, mask_request_line, mask_url

NAME, STREET, PHONE, MAIL = "Zeynep", "Gartenstrasse", "0170 5551234", "zeynep.yilmaz@example.org"
PERSONAL = ("Zeynep", "Yilmaz", "Gartenstrasse", "5551234", "zeynep.yilmaz", "yilmaz%40")


@pytest.mark.parametrize(("url", "logged"), [
    ("/de/booking/Abc_DEF-123456789012345", "/de/booking/***"),
    ("/api/v1/bookings/Abc_DEF-1234567890.ics", "/api/v1/bookings/***.ics"),
    ("/calendar/feedtoken123456789.ics", "/calendar/***.ics"),
    ("/de/search?q=Zeynep+Yilmaz&lang=ar", "/de/search?q=***&lang=ar"),
    ("/staff/bookings?code=K7M4QX&days=7", "/staff/bookings?code=***&days=7"),
    ("/de/e/\nforged line", "/de/e/\\x0aforged line"),
])
def test_urls_are_masked_and_escaped(url, logged) -> None:
    assert mask_url(url) == logged
    assert mask_request_line(f"GET {url} HTTP/1.1") == f"GET {logged} HTTP/1.1"


def test_a_traceback_once_per_kind_per_minute(settings, db, caplog) -> None:
    from service.web import create_app

    app: Flask = create_app(settings)

    @app.get("/boom/<int:n>")
    def boom(n: int):
        raise RuntimeError(f"boom {n}")

    client = app.test_client()
    for n in range(5):
        assert client.get(f"/boom/{n}").status_code == 500
    records = [r for r in caplog.records if "unhandled" in r.getMessage()]
    assert len(records) == 5 and sum(1 for r in records if r.exc_info) == 1
    throttle = Throttle(window=60)
    assert throttle.first("x") and not throttle.first("x") and throttle.first("y")
    app.extensions["wegweiser"].engine.dispose()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _call(base: str, method: str, path: str, body: dict | None = None, headers: dict | None = None) -> tuple:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(base + path, data=data, method=method, headers={
        "Content-Type": "application/json", **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def _wait(base: str) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(base + "/healthz", timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    raise AssertionError("gunicorn did not start")


def test_gunicorn_logs_and_counters_keep_nothing_personal(every_day, database_url, tmp_path: Path) -> None:
    if not database_url.startswith("sqlite"):
        pytest.skip("the logs do not depend on the database; SQLite suffices")
    with every_day.session() as session:
        slot = free_slots(session, "loevenich", date.today(), 14)[3]
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "DATABASE_URL": database_url, "PORT": str(port), "WEB_WORKERS": "1",
           "SECRET_KEY": "x" * 40, "PUBLIC_BASE_URL": base, "RATELIMIT_ENABLED": "false"}
    log = tmp_path / "gunicorn.log"
    with log.open("wb") as out:
        server = subprocess.Popen([sys.executable, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py"],
                                  cwd=PROJECT_ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
        try:
            _wait(base)
            status, body = _call(base, "POST", "/api/v1/bookings", {
                "slot_id": slot.id, "first_name": NAME, "contact": MAIL, "lang": "de", "interpreter": False,
                "topic": None, "note": f"{STREET} 12, {PHONE}", "consent": True})
            assert status == 201, body
            created = json.loads(body)
            token, code = created["cancel_token"], created["code"]
            page = f"/de/booking/{token}"
            assert _call(base, "GET", page)[0] == 200
            assert _call(base, "GET", f"/api/v1/bookings/{token}")[0] == 200
            assert _call(base, "GET", f"/api/v1/bookings/{token}.ics", headers={"Referer": base + page})[0] == 200
            assert _call(base, "DELETE", f"/api/v1/bookings/{token}")[0] == 200
            assert _call(base, "GET", "/calendar/" + "f" * 32 + ".ics")[0] == 404
            query = "Zeynep%20Yilmaz%20Gartenstrasse%2012%200170%205551234"
            assert _call(base, "GET", f"/de/search?q={query}", headers={"Referer": base + page})[0] == 200
            assert _call(base, "GET", f"/api/v1/search?q={query}&lang=de")[0] == 200
            assert _call(base, "GET", "/de/e/%0Aforged%20line")[0] == 404
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(30)
    text = log.read_text(encoding="utf-8", errors="replace")
    assert "/de/booking/***" in text and '"GET /de/search?q=*** HTTP/1.1" 200' in text
    for secret in (*PERSONAL, token, code, token[:12]):
        assert secret not in text, secret
    assert not any(line.startswith("forged") for line in text.splitlines())
    with Session(every_day.engine) as session:  # the workers flushed their counters at exit
        rows = session.exec(select(DailyCounter)).all()
    assert {row.event for row in rows} >= {"booking", "cancel", "search", "search_empty"}
    stored = json.dumps([row.model_dump(mode="json") for row in rows])
    for secret in (*PERSONAL, token, code):
        assert secret.lower() not in stored.lower(), secret
