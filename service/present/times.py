"""How talks' dates and times are written, in Europe/Berlin (the clock itself: service.clock, re-exported)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from babel.dates import format_date, format_skeleton, format_time, get_datetime_format

from service.clock import BERLIN, berlin_today, utcnow

__all__ = ["BERLIN", "TalkTime", "berlin_today", "date_label", "day_label", "local", "moment_label", "talk_time",
           "time_label", "utcnow"]


def local(moment: datetime) -> datetime:
    """A moment in Berlin time."""
    return moment.astimezone(BERLIN)


def date_label(day: date | datetime, lang: str, width: str = "full") -> str:
    """A day written out ("Donnerstag, 3. Dezember 2026"); a datetime is taken in Berlin time."""
    if isinstance(day, datetime):
        day = local(day).date()
    return format_date(day, width, locale=lang)


def time_label(moment: datetime, lang: str) -> str:
    """A moment's clock time in Berlin ("09:30", "9:30 AM")."""
    return format_time(local(moment).time(), "short", locale=lang)


def day_label(day: date | datetime, lang: str, year: bool = False) -> str:
    """A short day for a button or a list ("Do., 3. Dez.", with the year "Do., 3. Dez. 2026")."""
    if isinstance(day, datetime):
        day = local(day).date()
    return format_skeleton("yMMMEd" if year else "MMMEd", day, locale=lang)


def moment_label(moment: datetime, lang: str) -> str:
    """Short day with year and time, joined the way the language joins them ("Do., 3. Dez. 2026, 09:30")."""
    glue = get_datetime_format("medium", locale=lang)
    return glue.replace("{1}", day_label(moment, lang, year=True)).replace("{0}", time_label(moment, lang))


@dataclass(frozen=True)
class TalkTime:
    """When a talk is, in the parent's language: the day written out, start and end times."""

    day: str
    time: str
    until: str


def talk_time(start: datetime, end: datetime | None, lang: str) -> TalkTime:
    """The labels of a talk from start to end, in Berlin time."""
    return TalkTime(date_label(start, lang), time_label(start, lang), time_label(end, lang) if end else "")
