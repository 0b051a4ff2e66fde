"""The anonymous half-year report for the youth-welfare committee, built from the daily counters only."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func
from sqlmodel import Session, select

from service.curation.care import CARE_LABELS, care_figures
from service.reports.counters import DailyCounter

MIN_QUERY_COUNT = 2  # a zero-result query is listed only when it was asked at least this often (no single person)


@dataclass
class HalfYearReport:
    """Figures for one half year; every number is a count of anonymous events."""

    start: date
    end: date
    totals: dict[str, int] = field(default_factory=dict)
    entry_views_by_topic: list[tuple[str, int]] = field(default_factory=list)
    entry_views_by_entry: list[tuple[str, int]] = field(default_factory=list)
    searches_by_lang: list[tuple[str, int]] = field(default_factory=list)
    unanswered_queries: list[tuple[str, int]] = field(default_factory=list)
    bookings_by_kita: list[tuple[str, int]] = field(default_factory=list)
    cancellations_by_kita: list[tuple[str, int]] = field(default_factory=list)
    no_shows_by_kita: list[tuple[str, int]] = field(default_factory=list)
    bookings_by_lang: list[tuple[str, int]] = field(default_factory=list)
    shares_by_source: list[tuple[str, int]] = field(default_factory=list)
    care: dict[str, int] = field(default_factory=dict)  # keeping the directory true (service.curation)


def half_year(year: int, half: int) -> tuple[date, date]:
    """First and last day of half 1 (January–June) or 2 (July–December)."""
    if half not in (1, 2):
        raise ValueError("half must be 1 or 2")
    return (date(year, 1, 1), date(year, 6, 30)) if half == 1 else (date(year, 7, 1), date(year, 12, 31))


def _grouped(session: Session, event: str, dimension: str, start: date, end: date,
             minimum: int = 1) -> list[tuple[str, int]]:
    column = getattr(DailyCounter, dimension)
    total = func.sum(DailyCounter.count)
    rows = session.exec(
        select(column, total)
        .where(DailyCounter.event == event, DailyCounter.day >= start, DailyCounter.day <= end, column != "")
        .group_by(column)
        .having(total >= minimum)
        .order_by(total.desc(), column)
    ).all()
    return [(str(key), int(count)) for key, count in rows]


def build_report(session: Session, start: date, end: date) -> HalfYearReport:
    """Aggregate the counters between two days (inclusive)."""
    totals = dict(session.exec(
        select(DailyCounter.event, func.sum(DailyCounter.count))
        .where(DailyCounter.day >= start, DailyCounter.day <= end)
        .group_by(DailyCounter.event)
    ).all())
    return HalfYearReport(
        start=start,
        end=end,
        totals={event: int(count) for event, count in totals.items()},
        entry_views_by_topic=_grouped(session, "entry_view", "topic", start, end),
        entry_views_by_entry=_grouped(session, "entry_view", "entry", start, end),
        searches_by_lang=_grouped(session, "search", "lang", start, end),
        unanswered_queries=_grouped(session, "search_empty", "query", start, end, MIN_QUERY_COUNT)[:50],
        bookings_by_kita=_grouped(session, "booking", "kita", start, end),
        cancellations_by_kita=_grouped(session, "cancel", "kita", start, end),
        no_shows_by_kita=_grouped(session, "no_show", "kita", start, end),
        bookings_by_lang=_grouped(session, "booking", "lang", start, end),
        shares_by_source=_grouped(session, "share_open", "source", start, end),
        care=care_figures(session, start, end),
    )


def to_markdown(report: HalfYearReport, names: dict[str, str] | None = None) -> str:
    """The report as a Markdown document (German, for the committee paper)."""
    names = names or {}

    def table(title: str, rows: list[tuple[str, int]], head: str) -> list[str]:
        lines = [f"## {title}", ""]
        if not rows:
            return lines + ["(keine)", ""]
        lines += [f"| {head} | Anzahl |", "|---|---:|"]
        lines += [f"| {names.get(key, key)} | {count} |" for key, count in rows]
        return lines + [""]

    t = report.totals
    lines = [
        f"# Kita-Wegweiser: Halbjahresbericht {report.start:%d.%m.%Y} – {report.end:%d.%m.%Y}",
        "",
        "Alle Zahlen sind anonyme Tageszählungen; es werden keine Personen erfasst.",
        "",
        f"- Suchanfragen: {t.get('search', 0)}, davon ohne passendes Ergebnis: {t.get('search_empty', 0)}",
        f"- Aufrufe von Einträgen: {t.get('entry_view', 0)}, über geteilte Links/QR-Codes: {t.get('share_open', 0)}",
        f"- Gebuchte Beratungstermine: {t.get('booking', 0)}, abgesagt: {t.get('cancel', 0)}, "
        f"nicht wahrgenommen: {t.get('no_show', 0)}",
        "",
    ]
    lines += table("Gefragte Themen (Aufrufe nach Thema)", report.entry_views_by_topic, "Thema")
    lines += table("Meistgelesene Einträge", report.entry_views_by_entry[:15], "Eintrag")
    lines += table("Suchen nach Sprache", report.searches_by_lang, "Sprache")
    lines += table(f"Suchen ohne Ergebnis (mindestens {MIN_QUERY_COUNT}-mal)", report.unanswered_queries, "Suchbegriff")
    lines += table("Buchungen je Kita", report.bookings_by_kita, "Kita")
    lines += table("Absagen je Kita", report.cancellations_by_kita, "Kita")
    lines += table("Nicht wahrgenommene Termine je Kita", report.no_shows_by_kita, "Kita")
    lines += table("Buchungen nach Sprache", report.bookings_by_lang, "Sprache")
    lines += ["## Pflege des Wegweisers", ""]
    lines += [f"- {label}: {report.care.get(key, 0)}" for key, label in CARE_LABELS] + [""]
    return "\n".join(lines)
