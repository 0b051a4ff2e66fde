"""The service's one clock: Europe/Berlin (Erkelenz) and the current moment in UTC (no imports of our own,
so that models and the core can use it from the lowest floor)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

BERLIN = ZoneInfo("Europe/Berlin")


def utcnow() -> datetime:
    """The current moment, aware, in UTC (what the database stores)."""
    return datetime.now(UTC)


def berlin_today(now: datetime | None = None) -> date:
    """Today in Erkelenz (the day amounts, slots and counters go by)."""
    return (now or utcnow()).astimezone(BERLIN).date()
