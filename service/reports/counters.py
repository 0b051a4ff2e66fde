"""The daily counter table and the writer that adds a batch of counts to it (see `service.counters`)."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from datetime import date

from sqlalchemy import UniqueConstraint
from sqlalchemy import select as sa_select
from sqlalchemy import text as sa_text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, Engine
from sqlmodel import Field, Session, SQLModel, select

from service import counters
from service.config import Settings
from service.counters import DIMENSIONS, EVENTS, Key, make_key, terms_value
from service.db import make_engine
from service.search.normalize import tokens

KEY_COLUMNS = ("day", "event", *DIMENSIONS)


class DailyCounter(SQLModel, table=True):
    """How often an event happened on one day, per combination of dimensions ('' = not given).

    `query` holds only the directory-vocabulary words of an unmet search (or "no known word"), never free text.
    """

    __tablename__ = "daily_counter"
    __table_args__ = (
        UniqueConstraint("day", "event", "topic", "entry", "lang", "kita", "source", "query", name="uq_counter"),
    )

    id: int | None = Field(default=None, primary_key=True)
    day: date = Field(index=True)
    event: str = Field(max_length=24)
    topic: str = Field(default="", max_length=48)
    entry: str = Field(default="", max_length=48)
    lang: str = Field(default="", max_length=8)
    kita: str = Field(default="", max_length=48)
    source: str = Field(default="", max_length=16)
    query: str = Field(default="", max_length=100)
    count: int = 0


def add_counts(session: Session, batch: dict[Key, int]) -> None:
    """Add each key's count to its row (created when missing), in the session's transaction."""
    _upsert(session.connection(), batch)


def _upsert(connection: Connection, batch: dict[Key, int]) -> None:
    dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
    table = DailyCounter.__table__  # type: ignore[attr-defined]
    for key, n in sorted(batch.items()):  # one order in every process: no deadlocks between flushes
        values = dict(zip(KEY_COLUMNS, key, strict=True))
        values["lang"], values["source"] = values["lang"][:8], values["source"][:16]
        statement = dialect.insert(table).values(**values, count=n)
        connection.execute(statement.on_conflict_do_update(
            index_elements=list(KEY_COLUMNS), set_={"count": table.c.count + statement.excluded.count}))


def fold_queries(connection: Connection) -> int:
    """Replace stored search texts by their directory-vocabulary words, summing counts per remaining key.

    The vocabulary is the normalised words of the entries' texts (title, summary, for whom, what you get,
    keywords): names, streets and numbers are not in it. Returns the number of rows folded. Safe to repeat.
    """
    vocabulary: set[str] = set()
    translations = connection.execute(sa_text(
        "SELECT title, summary, for_whom, what_you_get, keywords FROM entry_translation")).all()
    for title, summary, for_whom, what_you_get, keywords in translations:
        words = json.loads(keywords) if isinstance(keywords, str) else keywords or []
        for part in (title, summary, for_whom, what_you_get, *words):
            vocabulary.update(tokens(part or ""))
    table = DailyCounter.__table__  # type: ignore[attr-defined]
    rows = connection.execute(sa_select(table).where(table.c.query != "")).all()
    folded: Counter[Key] = Counter()
    for row in rows:
        terms = terms_value(w for w in tokens(row.query) if w in vocabulary)
        folded[(row.day, row.event, row.topic, row.entry, row.lang, row.kita, row.source, terms)] += row.count
    if rows:
        connection.execute(table.delete().where(table.c.query != ""))
        _upsert(connection, dict(folded))
    return len(rows)


class DatabaseWriter:
    """Writes batches for `service.counters` over its own small engine: never a request's connection."""

    def __init__(self, url: str) -> None:
        self.engine: Engine = make_engine(url, **({} if url.startswith("sqlite") else {"pool_size": 1}))

    def __call__(self, batch: dict[Key, int]) -> None:
        with self.engine.begin() as connection:
            _upsert(connection, batch)

    def close(self) -> None:
        self.engine.dispose()


def start_counters(settings: Settings) -> None:
    """This process's counters go to the database (through Redis with COUNTERS_URL); off without analytics."""
    writer = DatabaseWriter(settings.database_url) if settings.analytics_enabled else None
    database = hashlib.sha256(settings.database_url.encode()).hexdigest()[:12]  # services sharing a Redis stay apart
    counters.configure(writer, settings.counters_url, prefix=f"wegweiser:counters:{database}")


def record(session: Session, event: str, day: date, **dims: object) -> None:
    """Add one to a counter at once, in `session` (tests and data fixes; the front ends use `counters.count`)."""
    add_counts(session, {make_key(event, day, dims): 1})


def totals(session: Session, event: str, start: date, end: date) -> int:
    """Sum of one event's counts between two days (inclusive)."""
    rows = session.exec(
        select(DailyCounter.count).where(
            DailyCounter.event == event, DailyCounter.day >= start, DailyCounter.day <= end
        )
    ).all()
    return sum(rows)


__all__ = ["EVENTS", "DailyCounter", "DatabaseWriter", "add_counts", "record", "start_counters", "totals"]
