"""Staff sessions on the server: revocation, idle and absolute timeouts, a new id at login, cookie flags,
login throttling per account and address, and one answer for unknown users and wrong passwords."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlmodel import Session, select

from service.accounts import operations
from service.accounts.models import StaffSession, utcnow
from service.accounts.operations import set_active, set_password, set_role
from service.web.staff.sessions import COOKIE, PRODUCTION_COOKIE

PASSWORD = "a long enough password"


def _login(client, username: str = "anna", password: str = PASSWORD, address: str = "192.0.2.1", **kw):
    return client.post("/staff/login", data={"username": username, "password": password},
                       environ_base={"REMOTE_ADDR": address}, **kw)


def _cookie(response, name: str = COOKIE) -> str:
    match = re.search(rf"{re.escape(name)}=([^;]*)", "\n".join(response.headers.getlist("Set-Cookie")))
    assert match, response.headers.getlist("Set-Cookie")
    return match.group(1)


def _opens_bookings(app, cookie: str) -> bool:
    """A fresh browser that only has this cookie: does it get the bookings page?"""
    client = app.test_client()
    client.set_cookie(COOKIE, cookie)
    return client.get("/staff/bookings").status_code == 200


@pytest.fixture
def anna(make_staff, staff_world) -> str:
    return make_staff("anna", role="social_worker", worker="worker-a")


def test_login_sets_a_server_side_session(app, client, anna) -> None:
    response = _login(client)
    assert response.status_code == 303
    cookie = _cookie(response)
    assert _opens_bookings(app, cookie)
    with Session(app.extensions["wegweiser"].engine) as session:
        [row] = session.exec(select(StaffSession)).all()
        assert row.id != cookie and len(row.id) == 64  # only the hash is stored


@pytest.mark.parametrize("change", ["logout", "password", "role", "deactivation"])
def test_every_session_ends(app, client, anna, change: str) -> None:
    first, second = _cookie(_login(client)), _cookie(_login(app.test_client()))
    assert _opens_bookings(app, first) and _opens_bookings(app, second)
    if change == "logout":
        client.set_cookie(COOKIE, first)
        assert client.post("/staff/logout").status_code == 303
    else:
        with Session(app.extensions["wegweiser"].engine) as session:
            if change == "password":
                set_password(session, "anna", "another long password")
            elif change == "role":
                set_role(session, "anna", "social_worker", worker="worker-b")
            else:
                set_active(session, "anna", False)
            session.commit()
    for cookie in (first, second):
        response = app.test_client()
        response.set_cookie(COOKIE, cookie)
        answer = response.get("/staff/bookings")
        assert answer.status_code == 302 and answer.headers["Location"].startswith("/staff/login")


def _age(app, **ages: timedelta) -> None:
    with Session(app.extensions["wegweiser"].engine) as session:
        for row in session.exec(select(StaffSession)):
            for column, age in ages.items():
                setattr(row, column, utcnow() - age)
            session.add(row)
        session.commit()


def test_idle_timeout(app, client, anna) -> None:
    cookie = _cookie(_login(client))
    _age(app, last_seen_at=timedelta(minutes=29))
    assert _opens_bookings(app, cookie)  # and this visit counts as activity
    _age(app, last_seen_at=timedelta(minutes=31))
    assert not _opens_bookings(app, cookie)
    with Session(app.extensions["wegweiser"].engine) as session:
        assert session.exec(select(StaffSession)).all() == []


def test_absolute_timeout(app, client, anna) -> None:
    cookie = _cookie(_login(client))
    _age(app, created_at=timedelta(hours=9, minutes=59))
    assert _opens_bookings(app, cookie)
    _age(app, created_at=timedelta(hours=10, minutes=1))
    assert not _opens_bookings(app, cookie)


def test_the_session_id_changes_at_login(app, client, anna) -> None:
    client.set_cookie(COOKIE, "planted-by-somebody-else")
    first = _cookie(_login(client))
    assert first != "planted-by-somebody-else"
    assert not _opens_bookings(app, "planted-by-somebody-else")
    second = _cookie(_login(client))
    assert second != first and not _opens_bookings(app, first)  # a second login ends the first session here


def test_public_pages_write_no_session(client, loaded) -> None:
    response = client.get("/de/")
    cookies = response.headers.getlist("Set-Cookie")
    assert response.status_code == 200
    assert not [c for c in cookies if c.startswith(("session=", COOKIE, PRODUCTION_COOKIE))]
    with Session(loaded) as session:
        assert session.exec(select(StaffSession)).all() == []


def test_cookie_flags(app, client, anna) -> None:
    header = "; ".join(_login(client).headers.getlist("Set-Cookie"))
    assert "HttpOnly" in header and "SameSite=Lax" in header and "Secure" not in header


def test_cookie_flags_in_production(settings, anna) -> None:
    from service.web import create_app

    production = create_app(settings.replace(production=True, secret_key="x" * 64,
                                             public_base_url="https://wegweiser.example"))
    client = production.test_client()
    response = _login(client, base_url="https://wegweiser.example")
    [header] = [h for h in response.headers.getlist("Set-Cookie") if h.startswith(PRODUCTION_COOKIE + "=")]
    parts = [part.strip() for part in header.split(";")]
    assert {"Secure", "HttpOnly", "SameSite=Lax", "Path=/"} <= set(parts)
    assert not any(part.lower().startswith("domain") for part in parts)
    assert client.get("/staff/bookings", base_url="https://wegweiser.example").status_code == 200
    production.extensions["wegweiser"].engine.dispose()


def _page_text(response) -> str:
    return re.sub(r'name="csrf_token" value="[^"]*"', "", response.get_data(as_text=True))


def test_unknown_user_gets_the_answer_and_the_work_of_a_wrong_password(client, anna, monkeypatch) -> None:
    calls = []

    class Counting:
        def __init__(self, hasher) -> None:  # noqa: ANN001
            self.hasher = hasher

        def verify(self, *args):  # noqa: ANN002, ANN202
            calls.append(1)
            return self.hasher.verify(*args)

        def __getattr__(self, name: str):  # noqa: ANN204
            return getattr(self.hasher, name)

    monkeypatch.setattr(operations, "_hasher", Counting(operations._hasher))
    wrong = client.post("/staff/login", data={"username": "anna", "password": "not her password"})
    unknown = client.post("/staff/login", data={"username": "annb", "password": "not her password"})
    assert wrong.status_code == unknown.status_code == 401
    assert _page_text(wrong).replace('value="anna"', "") == _page_text(unknown).replace('value="annb"', "")
    assert calls == [1, 1]  # one argon2 verification each (a dummy hash for the unknown name)


@pytest.fixture
def limited_app(settings, engine):
    from service.web import create_app

    app = create_app(settings.replace(ratelimit_enabled=True))
    yield app
    app.extensions["wegweiser"].engine.dispose()


def test_throttling_per_account_does_not_lock_out_other_addresses(limited_app, anna) -> None:
    client = limited_app.test_client()
    for _ in range(5):
        assert _login(client, password="wrong password!", address="198.51.100.7").status_code == 401
    assert _login(client, address="198.51.100.7").status_code == 429  # even with the right password
    assert _login(client, address="203.0.113.9").status_code == 303  # she, from elsewhere


def test_throttling_per_address(limited_app, anna) -> None:
    client = limited_app.test_client()
    for n in range(30):
        assert _login(client, username=f"guess{n}", password="wrong password!", address="198.51.100.8"
                      ).status_code == 401
    assert _login(client, username="someone-new", password="x" * 12, address="198.51.100.8").status_code == 429
    assert _login(client, address="203.0.113.10").status_code == 303


def test_limit_headers_on_limited_views_only(limited_app, anna) -> None:
    client = limited_app.test_client()
    limited = _login(client, password="wrong password!", address="198.51.100.9")
    assert limited.headers.get("X-RateLimit-Limit") and limited.headers.get("X-RateLimit-Remaining")
    assert "X-RateLimit-Limit" not in client.get("/staff/login").headers  # the limit counts posts only
    assert "X-RateLimit-Limit" not in client.get("/healthz").headers
