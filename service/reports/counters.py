"""Anonymous daily counters: no identities, no free text except cleaned zero-result queries."""

from __future__ import annotations

import re
from datetime import date

from sqlalchemy import UniqueConstraint, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Field, Session, SQLModel, select

EVENTS = ("search", "search_empty", "entry_view", "share_open", "booking", "cancel", "no_show")
DIMENSIONS = ("topic", "entry", "lang", "kita", "source", "query")

_EMAIL = re.compile(r"\S+@\S+")
_DIGITS = re.compile(r"\d+")
_SPACE = re.compile(r"\s+")


class DailyCounter(SQLModel, table=True):
    """How often an event happened on one day, per combination of dimensions ('' = not given)."""

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


def clean_query(text: str) -> str:
    """Strip e-mail addresses and digits (phone numbers, dates) from a query before it is counted."""
    text = _EMAIL.sub(" ", text)
    text = _DIGITS.sub(" ", text)
    return _SPACE.sub(" ", text).strip().lower()[:100]


def record(session: Session, event: str, day: date, **dims: str | None) -> None:
    """Add one to the counter of `event` on `day` for these dimensions."""
    if event not in EVENTS:
        raise ValueError(f"unknown event {event!r}")
    unknown = set(dims) - set(DIMENSIONS)
    if unknown:
        raise ValueError(f"unknown dimensions {sorted(unknown)}")
    values = {name: (dims.get(name) or "")[:100 if name == "query" else 48] for name in DIMENSIONS}
    if values["query"]:
        values["query"] = clean_query(values["query"])
    key = (
        (DailyCounter.day == day)
        & (DailyCounter.event == event)
        & (DailyCounter.topic == values["topic"])
        & (DailyCounter.entry == values["entry"])
        & (DailyCounter.lang == values["lang"])
        & (DailyCounter.kita == values["kita"])
        & (DailyCounter.source == values["source"])
        & (DailyCounter.query == values["query"])
    )
    for _attempt in range(3):
        result = session.execute(update(DailyCounter).where(key).values(count=DailyCounter.count + 1))
        if result.rowcount:
            return
        try:
            with session.begin_nested():
                session.add(DailyCounter(day=day, event=event, count=1, **values))
        except IntegrityError:
            continue  # another process inserted the row first: increment it instead
        return


def totals(session: Session, event: str, start: date, end: date) -> int:
    """Sum of one event's counts between two days (inclusive)."""
    rows = session.exec(
        select(DailyCounter.count).where(
            DailyCounter.event == event, DailyCounter.day >= start, DailyCounter.day <= end
        )
    ).all()
    return sum(rows)
