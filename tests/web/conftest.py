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


@pytest.fixture
def staff_client(client, db):
    """A test client with a staff session (the login itself is tested in test_staff.py)."""
    from service.accounts.operations import create_user

    with Session(db) as session:
        user = create_user(session, "sozialarbeit", "a long enough password")
        session.commit()
        user_id = user.id
    with client.session_transaction() as cookie:
        cookie["staff_user_id"] = user_id
    return client
