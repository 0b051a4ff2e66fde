"""What the content pages list: every record with its translation status per language, and what is due."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, select

from service.curation.models import Feedback, Revision
from service.directory.models import (
    Entry,
    EntryTopic,
    EntryTranslation,
    Kita,
    KitaTranslation,
    PageTranslation,
    Topic,
)
from service.i18n import DEFAULT_LANG, LANGUAGE_CODES
from service.reports.counters import DailyCounter

TRANSLATIONS = [code for code in LANGUAGE_CODES if code != DEFAULT_LANG]
UNMET_DAYS = 90
CONTACT_MONTHS = 12


@dataclass
class Cell:
    """One record in one language: its status and the last review."""

    status: str
    reviewer: str = ""
    reviewed_at: datetime | None = None


@dataclass
class Row:
    kind: str
    slug: str
    title: str
    topics: list[str] = field(default_factory=list)
    cells: dict[str, Cell] = field(default_factory=dict)


def _reviews(session: Session) -> dict[tuple[str, str, str], Revision]:
    latest: dict[tuple[str, str, str], Revision] = {}
    for rev in session.exec(select(Revision).where(Revision.action == "review").order_by(Revision.id)):
        latest[(rev.kind, rev.slug, rev.lang)] = rev
    return latest


def _cells(kind: str, slug: str, statuses: dict[str, str], reviews: dict) -> dict[str, Cell]:
    cells = {}
    for lang in LANGUAGE_CODES:
        status = statuses.get(lang, "missing")
        review = reviews.get((kind, slug, lang)) if status == "reviewed" else None
        cells[lang] = Cell(status, review.author if review else "", review.created_at if review else None)
    return cells


def content_rows(session: Session) -> list[Row]:
    """Entries, kitas and pages with a cell per language (German first)."""
    reviews = _reviews(session)
    rows: list[Row] = []
    entries = list(session.exec(select(Entry).where(Entry.archived == False).order_by(Entry.slug)))  # noqa: E712
    texts: dict[int, dict[str, EntryTranslation]] = {}
    for row in session.exec(select(EntryTranslation)):
        texts.setdefault(row.entry_id, {})[row.lang] = row
    topics: dict[int, list[str]] = {}
    for entry_id, slug in session.exec(select(EntryTopic.entry_id, Topic.slug)
                                       .join(Topic, Topic.id == EntryTopic.topic_id).order_by(EntryTopic.position)):
        topics.setdefault(entry_id, []).append(slug)
    for entry in entries:
        by_lang = texts.get(entry.id, {})
        title = by_lang[DEFAULT_LANG].title if DEFAULT_LANG in by_lang else entry.slug
        rows.append(Row("entry", entry.slug, title, topics.get(entry.id, []),
                        _cells("entry", entry.slug, {k: v.status for k, v in by_lang.items()}, reviews)))
    kita_texts: dict[int, dict[str, str]] = {}
    for row in session.exec(select(KitaTranslation)):
        kita_texts.setdefault(row.kita_id, {})[row.lang] = row.status
    for kita in session.exec(select(Kita).order_by(Kita.name)):
        rows.append(Row("kita", kita.slug, kita.name, [], _cells("kita", kita.slug, kita_texts.get(kita.id, {}),
                                                                 reviews)))
    pages: dict[str, dict[str, PageTranslation]] = {}
    for row in session.exec(select(PageTranslation)):
        pages.setdefault(row.page, {})[row.lang] = row
    for page, by_lang in sorted(pages.items()):
        title = by_lang[DEFAULT_LANG].title if DEFAULT_LANG in by_lang else page
        rows.append(Row("page", page, title, [], _cells("page", page, {k: v.status for k, v in by_lang.items()},
                                                        reviews)))
    return rows


def filter_rows(rows: list[Row], lang: str = "", status: str = "", topic: str = "") -> list[Row]:
    """Rows of one topic, and/or with the given status (in `lang`, or in any translation)."""
    result = []
    for row in rows:
        if topic and (row.kind != "entry" or topic not in row.topics):
            continue
        if status:
            langs = [lang] if lang else TRANSLATIONS
            if not any(row.cells[code].status == status for code in langs):
                continue
        result.append(row)
    return result


@dataclass
class Progress:
    lang: str
    reviewed: int
    total: int

    @property
    def percent(self) -> int:
        return round(100 * self.reviewed / self.total) if self.total else 100


@dataclass
class Due:
    """Everything that needs care, each item with where to fix it."""

    outdated: list[tuple[str, str, str]] = field(default_factory=list)
    never_reviewed: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    progress: list[Progress] = field(default_factory=list)
    old_amounts: list[tuple[str, str, str]] = field(default_factory=list)
    contacts: list[tuple[str, str, str]] = field(default_factory=list)
    not_helpful: list[tuple[str, int]] = field(default_factory=list)
    wishes: list[tuple[str, str, datetime]] = field(default_factory=list)
    unmet: list[tuple[str, int]] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {"outdated": len(self.outdated),
                "never_reviewed": sum(len(v) for v in self.never_reviewed.values()),
                "old_amounts": len(self.old_amounts), "contacts": len(self.contacts),
                "not_helpful": sum(n for _, n in self.not_helpful), "unmet": len(self.unmet)}


def due(session: Session, today: date, with_feedback: bool = True) -> Due:
    """What is due on `today`; `with_feedback` False leaves parents' feedback out (editors)."""
    result = Due()
    rows = content_rows(session)
    for lang in TRANSLATIONS:
        reviewed = total = 0
        result.never_reviewed[lang] = []
        for row in rows:
            cell = row.cells[lang]
            if cell.status == "missing":
                continue
            total += 1
            reviewed += cell.status == "reviewed"
            if cell.status == "outdated":
                result.outdated.append((row.kind, row.slug, lang))
            elif cell.status == "machine":
                result.never_reviewed[lang].append((row.kind, row.slug))
        result.progress.append(Progress(lang, reviewed, total))
    limit = today - timedelta(days=365 * CONTACT_MONTHS // 12)
    for entry in session.exec(select(Entry).where(Entry.archived == False).order_by(Entry.slug)):  # noqa: E712
        for amount in entry.amounts:
            as_of = str(amount.get("as_of", ""))
            if as_of[:4].isdigit() and int(as_of[:4]) < today.year:
                result.old_amounts.append((entry.slug, amount.get("label_key", ""), as_of))
        if not entry.verified:
            result.contacts.append(("entry", entry.slug, "unverified"))
        elif entry.verified_on is None or entry.verified_on < limit:
            result.contacts.append(("entry", entry.slug, str(entry.verified_on or "")))
    for kita in session.exec(select(Kita).where(Kita.verified == False).order_by(Kita.slug)):  # noqa: E712
        result.contacts.append(("kita", kita.slug, "unverified"))
    if with_feedback:
        result.not_helpful = list(session.exec(
            select(Feedback.entry_slug, func.count()).where(Feedback.helpful == False)  # noqa: E712
            .group_by(Feedback.entry_slug).order_by(func.count().desc(), Feedback.entry_slug)).all())
        result.wishes = [(f.lang, f.text, f.created_at) for f in session.exec(
            select(Feedback).where(Feedback.kind == "search", Feedback.text != "")
            .order_by(Feedback.created_at.desc()).limit(30))]  # type: ignore[attr-defined]
    result.unmet = unmet_searches(session, today)
    return result


def unmet_searches(session: Session, today: date, limit: int = 15) -> list[tuple[str, int]]:
    """The most frequent unmet searches of the last 90 days, as the terms the anonymous counters keep."""
    column: Any = getattr(DailyCounter, "terms", None) or DailyCounter.query
    total = func.sum(DailyCounter.count)
    rows = session.exec(select(column, total).where(
        DailyCounter.event == "search_empty", DailyCounter.day > today - timedelta(days=UNMET_DAYS), column != "")
        .group_by(column).order_by(total.desc(), column).limit(limit)).all()
    return [(str(term), int(count)) for term, count in rows]

