"""Backup and restore of the whole database: SQLite's online backup API, PostgreSQL's pg_dump -Fc / pg_restore.

A restore refuses a database that holds data unless forced, and runs the retention purge right after, so that
personal data past its retention does not come back with an old backup.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
from pathlib import Path
from urllib.parse import unquote

from sqlalchemy import func, select
from sqlalchemy.engine import Engine, make_url

from service.config import Settings
from service.db import make_engine, session_scope
from service.models import metadata
from service.retention import purge_all


class BackupError(Exception):
    """A backup or restore that did not happen (the message says why)."""


def _sqlite_file(url: str) -> str:
    database = make_url(url).database
    if not database or database == ":memory:":
        raise BackupError("an in-memory database cannot be backed up")
    return database


def _pg(url: str) -> tuple[dict[str, str], list[str]]:
    """libpq environment and pg_dump/pg_restore options for a SQLAlchemy PostgreSQL URL."""
    parsed = make_url(url)
    env = {**os.environ, "PGHOST": parsed.host or "127.0.0.1", "PGPORT": str(parsed.port or 5432),
           "PGUSER": parsed.username or "postgres", "PGDATABASE": parsed.database or "postgres"}
    if parsed.password:
        env["PGPASSWORD"] = str(parsed.password)
    options = unquote(str(parsed.query.get("options", "")))
    schema = options.split("search_path=", 1)[1].split()[0].split(",")[0] if "search_path=" in options else None
    return env, (["--schema", schema] if schema else [])


def _run(command: list[str], env: dict[str, str]) -> None:
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise BackupError(f"{command[0]} failed: {done.stderr.strip()[-500:]}")


def create_backup(url: str, path: Path) -> None:
    """Write a consistent copy of the database at `url` to `path` while the service keeps running."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if make_url(url).get_backend_name() == "sqlite":
        source, target = sqlite3.connect(_sqlite_file(url)), sqlite3.connect(path)
        try:
            source.backup(target)
        finally:
            target.close()
            source.close()
        return
    env, schema = _pg(url)
    _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", *schema, "--file", str(path)], env)


def holds_data(engine: Engine) -> bool:
    """True when any of the service's tables exists and has a row."""
    with engine.connect() as connection:
        for table in metadata.sorted_tables:
            if not engine.dialect.has_table(connection, table.name):
                continue
            if connection.execute(select(func.count()).select_from(table)).scalar():
                return True
    return False


def restore_backup(settings: Settings, path: Path, *, force: bool = False) -> dict[str, int]:
    """Replace the database of `settings` by the backup at `path`, then purge; returns what the purge erased."""
    if not path.is_file():
        raise BackupError(f"no backup at {path}")
    url = settings.database_url
    engine = make_engine(url)
    try:
        if holds_data(engine) and not force:
            raise BackupError("the database holds data; restore over it only with --force")
        engine.dispose()
        if make_url(url).get_backend_name() == "sqlite":
            source, target = sqlite3.connect(path), sqlite3.connect(_sqlite_file(url))
            try:
                source.backup(target)
            finally:
                target.close()
                source.close()
        else:
            env, _schema = _pg(url)  # a dump of one schema carries that schema: no filter on the way back
            _run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction",
                  "--exit-on-error", "--dbname", env["PGDATABASE"], str(path)], env)
        with session_scope(engine) as session:
            return purge_all(session, settings)
    finally:
        engine.dispose()
