"""Fixtures for the web pages: the mini directory loaded, a tiny HTML helper."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlmodel import Session, select

from service.directory.loader import load_directory


@pytest.fixture
def mini_loaded(db, mini_directory: Path) -> Path:
    """The small test directory (kindergeld in de + machine en, wohngeld German only, one kita) loaded."""
    with Session(db) as session:
        load_directory(session, mini_directory)
        session.commit()
    return mini_directory


@pytest.fixture
def counting_client(settings, db):
    """A client of an app that counts anonymous events (whatever the default settings say)."""
    from service.web import create_app

    app = create_app(settings.replace(analytics_enabled=True))
    yield app.test_client()
    app.extensions["wegweiser"].engine.dispose()


def html_attr(html: str, tag: str, attr: str) -> str | None:
    """The value of `attr` on the first `tag` element."""
    match = re.search(rf"<{tag}\b[^>]*\b{attr}=\"([^\"]*)\"", html)
    return match.group(1) if match else None


def links(html: str) -> list[str]:
    return re.findall(r'href="([^"]+)"', html)


@pytest.fixture
def staff_world(db):
    """The booking world of tests/booking (two kitas, two social workers) with a titled entry."""
    from service.directory.models import Entry, EntryTranslation
    from tests.booking.conftest import build_world

    world = build_world(db)
    with world.session() as session:
        entry = session.exec(select(Entry).where(Entry.slug == "kindergeld")).one()
        session.add(EntryTranslation(entry_id=entry.id, lang="de", title="Kindergeld", summary="Geld."))
        session.commit()
    return world


def log_in(client, app, username: str) -> None:
    """Give the test client a server-side staff session of this user (the login itself is tested elsewhere)."""
    from service.accounts.models import StaffUser
    from service.web.staff.sessions import cookie_name, start_session

    with app.test_request_context("/staff/login"):
        from flask import g

        with Session(app.extensions["wegweiser"].engine) as session:
            user = session.exec(select(StaffUser).where(StaffUser.username == username)).one()
        start_session(app, user)
        client.set_cookie(cookie_name(app), g.staff_new_cookie)


@pytest.fixture
def make_staff(db):
    """Factory: a staff account (admin unless told otherwise); returns the user name."""
    from service.accounts.operations import create_user

    def make(username: str = "sozialarbeit", role: str = "admin", worker: str | None = None,
             languages: list[str] | None = None) -> str:
        with Session(db) as session:
            create_user(session, username, "a long enough password", role=role, worker=worker, languages=languages)
            session.commit()
        return username

    return make


@pytest.fixture
def staff_client(client, app, make_staff):
    """A test client with an admin's staff session."""
    log_in(client, app, make_staff())
    return client
