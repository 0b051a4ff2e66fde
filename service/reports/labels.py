"""Names instead of keys in the half-year report: kitas, topics, entry titles, languages and share sources."""

from __future__ import annotations

from dataclasses import dataclass, replace

from sqlmodel import Session, col, select

from service.directory.models import Entry, EntryTranslation, Kita, Topic
from service.i18n import DEFAULT_LANG, LANGUAGE_CODES, N_, translator
from service.present.formats import language_name
from service.present.topics import topic_names
from service.reports.halfyear import HalfYearReport

SOURCES = {"qr": N_("QR code"), "share": N_("Shared link"), "bot": N_("Telegram bot")}


@dataclass(frozen=True)
class ReportNames:
    """What each kind of key in the report is called, in one language."""

    kitas: dict[str, str]
    topics: dict[str, str]
    entries: dict[str, str]
    langs: dict[str, str]
    sources: dict[str, str]


def language_names(lang: str) -> dict[str, str]:
    """Our language codes named in `lang` ("Arabisch" in German), by Babel's CLDR data."""
    return {code: language_name(code, lang) for code in LANGUAGE_CODES}


def entry_titles(session: Session, lang: str) -> dict[str, str]:
    """Entry slug -> title in `lang`, else German; archived entries too (bookings and counters still name them)."""
    titles: dict[str, dict[str, str]] = {}
    rows = session.exec(
        select(Entry.slug, EntryTranslation.lang, EntryTranslation.title)
        .join(EntryTranslation, col(EntryTranslation.entry_id) == Entry.id)
        .where(col(EntryTranslation.lang).in_({lang, DEFAULT_LANG}))
    )
    for slug, row_lang, title in rows:
        if title:
            titles.setdefault(slug, {})[row_lang] = title
    return {slug: by_lang.get(lang) or by_lang.get(DEFAULT_LANG) or slug for slug, by_lang in titles.items()}


def report_names(session: Session, lang: str) -> ReportNames:
    """The names for one language (German where a name is missing)."""
    _ = translator(lang)
    return ReportNames(
        kitas={kita.slug: kita.name for kita in session.exec(select(Kita))},
        topics=topic_names(session.exec(select(Topic)), lang),
        entries=entry_titles(session, lang),
        langs=language_names(lang),
        sources={key: _(label) for key, label in SOURCES.items()},
    )


def _rename(rows: list[tuple[str, int]], names: dict[str, str]) -> list[tuple[str, int]]:
    return [(names.get(key, key), count) for key, count in rows]


def named_report(report: HalfYearReport, names: ReportNames) -> HalfYearReport:
    """The same figures with names instead of slugs and codes (search words stay as they were typed)."""
    return replace(
        report,
        entry_views_by_topic=_rename(report.entry_views_by_topic, names.topics),
        entry_views_by_entry=_rename(report.entry_views_by_entry, names.entries),
        searches_by_lang=_rename(report.searches_by_lang, names.langs),
        bookings_by_kita=_rename(report.bookings_by_kita, names.kitas),
        cancellations_by_kita=_rename(report.cancellations_by_kita, names.kitas),
        no_shows_by_kita=_rename(report.no_shows_by_kita, names.kitas),
        bookings_by_lang=_rename(report.bookings_by_lang, names.langs),
        shares_by_source=_rename(report.shares_by_source, names.sources),
    )


def bookings_per_kita(report: HalfYearReport, names: ReportNames) -> list[tuple[str, int, int, int]]:
    """(kita, bookings, cancellations, no-shows) for every kita, also those without any, most bookings first."""
    columns = (report.bookings_by_kita, report.cancellations_by_kita, report.no_shows_by_kita)
    counts = [dict(rows) for rows in columns]
    keys = set(names.kitas).union(*counts)
    rows = [(names.kitas.get(key, key), *(c.get(key, 0) for c in counts)) for key in keys]
    return sorted(rows, key=lambda row: (-row[1], row[0]))
