"""Fixtures shared by all tests: a database per backend (SQLite and PostgreSQL), the app, factories."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine, make_url
from sqlmodel import Session

from service import migrate
from service.config import PROJECT_ROOT, Settings
from service.db import make_engine, scratch_database
from service.directory.apply import apply_directory
from service.directory.loader import DirectoryData, parse_directory
from service.models import metadata

DIRECTORY = PROJECT_ROOT / "directory_data"
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def _postgres_reason(url: str) -> str | None:
    """None when PostgreSQL answers at `url`, else why not."""
    import psycopg

    parsed = make_url(url)
    try:
        psycopg.connect(
            host=parsed.host, port=parsed.port or 5432, user=parsed.username, password=parsed.password,
            dbname=parsed.database, connect_timeout=3,
        ).close()
    except Exception as exc:  # noqa: BLE001 - any failure means "not available"
        return f"PostgreSQL at {parsed.render_as_string(hide_password=True)} does not answer: {exc}"
    return None


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A migrated, empty database for this test run: an SQLite file, or a fresh PostgreSQL schema."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('sqlite') / 'test.db'}"
        engine = make_engine(url)
        migrate.upgrade(engine)
        engine.dispose()
        yield url
        return
    base = os.environ.get("TEST_POSTGRES_URL") or Settings().test_postgres_url
    reason = _postgres_reason(base)
    if reason:
        if IN_CI:
            pytest.fail(f"{reason} (CI must run every test on PostgreSQL)")
        pytest.skip(f"SKIPPING ALL POSTGRESQL TESTS: {reason}")
    url, drop = scratch_database("postgresql", tmp_path_factory.getbasetemp(), base, "t")
    engine = make_engine(url)
    migrate.upgrade(engine)
    engine.dispose()
    yield url
    drop()


@pytest.fixture(scope="session")
def engine(database_url: str) -> Iterator[Engine]:
    engine = make_engine(database_url)
    yield engine
    engine.dispose()


def _empty_all_tables(engine: Engine) -> None:
    with engine.begin() as conn:
        for table in reversed(metadata.sorted_tables):
            conn.execute(table.delete())


@pytest.fixture
def db(engine: Engine) -> Engine:
    """The test run's database, emptied before this test."""
    _empty_all_tables(engine)
    return engine


@pytest.fixture
def session(db: Engine) -> Iterator[Session]:
    with Session(db, expire_on_commit=False) as session:
        yield session


@pytest.fixture(scope="session")
def curated() -> DirectoryData:
    """The shipped directory_data, parsed once per run."""
    return parse_directory(DIRECTORY)


DIRECTORY_TABLES = {
    "directory_version", "topic", "organisation", "entry", "entry_topic", "entry_translation", "kita",
    "kita_translation", "page_translation", "social_worker", "social_worker_kita", "glossary_concept", "finder_rules",
}
_loaded_fingerprints: dict[str, tuple] = {}


def _fingerprint(engine: Engine) -> tuple:
    """Cheap summary of the directory tables: changes when a test loads, empties or edits them."""
    with engine.connect() as conn:
        return tuple(conn.execute(text(
            "SELECT (SELECT coalesce(max(version), 0) FROM directory_version),"
            " (SELECT count(*) FROM entry), (SELECT count(*) FROM social_worker),"
            " (SELECT count(*) || ':' || coalesce(sum(length(title) + length(summary)), 0) FROM entry_translation),"
            " (SELECT count(*) FROM kita_translation)"
        )).one())


@pytest.fixture
def loaded(engine: Engine, curated: DirectoryData) -> Engine:
    """The database with the shipped directory loaded and every other table empty.

    Loading takes a fraction of a second, so it is done once and kept while the directory tables stay as the
    loader left them; tests that change directory rows use `db` and load what they need themselves.
    """
    key = str(engine.url)
    if _loaded_fingerprints.get(key) == _fingerprint(engine):
        with engine.begin() as conn:
            for table in reversed(metadata.sorted_tables):
                if table.name not in DIRECTORY_TABLES:
                    conn.execute(table.delete())
        return engine
    _empty_all_tables(engine)
    with Session(engine) as session:
        apply_directory(session, curated)
        session.commit()
    _loaded_fingerprints[key] = _fingerprint(engine)
    return engine


@pytest.fixture
def settings(database_url: str) -> Settings:
    return Settings(database_url=database_url, testing=True, ratelimit_enabled=False,
                    public_base_url="http://wegweiser.test", secret_key="test-secret")


@pytest.fixture
def app(settings: Settings, engine: Engine):
    """The web app on the run's database; ask for `db` (empty) or `loaded` (directory) to set its state."""
    from service.web import create_app

    app = create_app(settings)
    yield app
    app.extensions["wegweiser"].engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def mini_directory(tmp_path: Path) -> Path:
    """A small valid directory in a temporary folder, for loader tests that break files."""
    from tests.factories import write_mini_directory

    return write_mini_directory(tmp_path / "directory_data")


@pytest.fixture(autouse=True)
def _counters_end_with_the_test() -> Iterator[None]:
    """An app made in a test configures the process's counters: drop them afterwards, so no later test gets
    (or has written into its tables) counts from an earlier one."""
    yield
    from service import counters

    counters.configure(None)


@pytest.fixture
def counted(database_url: str) -> Iterator[Callable[[], int]]:
    """Anonymous counters of this test go to the run's database; call the fixture's value to flush them."""
    from service import counters
    from service.reports import DatabaseWriter

    counters.configure(DatabaseWriter(database_url), every=3600)
    yield counters.flush
    counters.configure(None)
