"""The staff area: argon2 users from the CLI, login, and "Send to a family"."""

from __future__ import annotations

import re

import pytest
from sqlmodel import Session, select

from service.accounts.models import StaffUser
from service.accounts.operations import authenticate, create_user
from service.errors import Conflict, InvalidInput

PASSWORD = "correct horse battery"


@pytest.fixture
def staff_user(engine) -> str:
    """A staff user in whatever the test set up before (ask for `db` or `loaded` first)."""
    with Session(engine) as session:
        create_user(session, "Anna.K", PASSWORD)
        session.commit()
    return "anna.k"


def _login(client, username: str, password: str, next_url: str = ""):
    query = f"?next={next_url}" if next_url else ""
    return client.post(f"/staff/login{query}", data={"username": username, "password": password})


def test_create_user_hashes_with_argon2(session) -> None:
    user = create_user(session, "  Maria ", PASSWORD)
    assert user.username == "maria"
    assert user.password_hash.startswith("$argon2id$") and PASSWORD not in user.password_hash
    assert authenticate(session, "MARIA", PASSWORD) is not None
    assert authenticate(session, "maria", "wrong password!") is None
    assert authenticate(session, "nobody", PASSWORD) is None
    with pytest.raises(Conflict):
        create_user(session, "maria", PASSWORD)
    with pytest.raises(InvalidInput) as error:
        create_user(session, "x", "short")
    assert error.value.fields == {"username": "invalid", "password": "too_short"}


def test_inactive_users_cannot_log_in(session) -> None:
    user = create_user(session, "gone", PASSWORD)
    user.active = False
    session.add(user)
    session.flush()
    assert authenticate(session, "gone", PASSWORD) is None


def test_cli_creates_a_user(app, db) -> None:
    runner = app.test_cli_runner()
    result = runner.invoke(args=["staff", "create-user", "lea", "--role", "admin"], input=f"{PASSWORD}\n{PASSWORD}\n")
    assert result.exit_code == 0, result.output
    assert "created staff user lea" in result.output
    again = runner.invoke(args=["staff", "create-user", "lea", "--role", "admin", "--password", PASSWORD])
    assert again.exit_code != 0 and "exists" in again.output
    short = runner.invoke(args=["staff", "create-user", "tom", "--role", "admin", "--password", "short"])
    assert short.exit_code != 0 and "password" in short.output
    changed = runner.invoke(args=["staff", "set-password", "lea", "--password", "another good one"])
    assert changed.exit_code == 0
    with Session(db) as session:
        names = session.exec(select(StaffUser.username)).all()
        assert names == ["lea"]
        assert authenticate(session, "lea", "another good one") is not None


def test_send_page_needs_a_login(client, db, staff_user) -> None:
    response = client.get("/staff/send?entry=kindergeld&lang_for=ar")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/staff/login?next=")


def test_wrong_password_is_refused(client, db, staff_user) -> None:
    response = _login(client, staff_user, "not the password")
    assert response.status_code == 401
    assert "Benutzername oder Passwort ist falsch." in response.get_data(as_text=True)
    assert client.get("/staff/send").status_code == 302


def test_login_does_not_redirect_elsewhere(client, db, staff_user) -> None:
    response = _login(client, staff_user, PASSWORD, "https://evil.example/")
    assert response.headers["Location"] == "/staff/"


def test_send_to_a_family(client, loaded, staff_user) -> None:
    response = _login(client, "ANNA.K", PASSWORD, "/staff/send?entry=kindergeld%26lang_for=ar")
    assert response.status_code == 303
    html = client.get("/staff/send?entry=kindergeld&lang_for=ar").get_data(as_text=True)
    assert 'value="http://wegweiser.test/ar/e/kindergeld?src=share"' in html
    message = re.search(r'<textarea id="family-message"[^>]*>(.*?)</textarea>', html, re.S).group(1)
    assert message.startswith("مرحبًا!") and "http://wegweiser.test/ar/e/kindergeld?src=share" in message
    assert 'lang="ar" dir="rtl"' in html
    assert "<svg" in html and 'href="/ar/e/kindergeld/print"' in html
    assert client.get("/staff/send?entry=nope&lang_for=xx").status_code == 200


def test_logout_ends_the_session(client, db, staff_user) -> None:
    _login(client, staff_user, PASSWORD)
    assert client.get("/staff/send").status_code == 200
    assert client.post("/staff/logout").status_code == 303
    assert client.get("/staff/send").status_code == 302


def test_staff_pages_are_not_cached(client, db) -> None:
    assert client.get("/staff/login").headers["Cache-Control"] == "private, no-store"
