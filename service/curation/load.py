"""`directory load` once the database is live: browser edits since the last load are conflicts, not overwritten.

A record changed in the browser carries an `EditMark` with the fields changed. On load, each marked field whose
file value differs from the database is a conflict: the database value is kept (with the translation's status
and source hash) and reported with who changed it and when, unless files are preferred. Marks whose fields the
files now agree with (the edit was exported and committed) are cleared. An entry created or edited in the
browser is never archived, even when its folder is missing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlmodel import Session, select

from service.curation.models import EditMark
from service.curation.records import BOOKKEEPING, as_record, read_record, validate
from service.directory import schema
from service.directory.apply import apply_directory
from service.directory.loader import DirectoryData, LoadSummary, ParsedEntry, parse_directory
from service.directory.models import Entry, EntryTranslation
from service.i18n import LANGUAGE_CODES


@dataclass(frozen=True)
class LoadConflict:
    """One field changed in the browser that the files would overwrite."""

    kind: str
    slug: str
    lang: str
    field: str
    author: str
    changed_at: datetime

    def __str__(self) -> str:
        what = {"entry": "entry", "facts": "entry", "kita": "kita", "page": "page", "topic": "topic",
                "glossary": "glossary concept"}[self.kind]
        lang = f", language {self.lang}" if self.lang else ""
        fld = ("facts." if self.kind == "facts" else "") + self.field
        when = self.changed_at.strftime("%Y-%m-%d %H:%M UTC")
        return f"{what} {self.slug}{lang}, field {fld}: changed in the browser by {self.author} on {when}"


@dataclass
class CuratedLoad:
    summary: LoadSummary
    conflicts: list[LoadConflict] = field(default_factory=list)
    overwritten: list[LoadConflict] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)


def load_curated(session: Session, root: Path, prefer_files: bool = False) -> CuratedLoad:
    """Validate `root` and load it, keeping browser edits unless `prefer_files`; the caller commits."""
    data = parse_directory(root)
    result = CuratedLoad(LoadSummary(0, 0, [], []))
    marks = list(session.exec(select(EditMark).order_by(EditMark.kind, EditMark.slug, EditMark.lang)))
    entry_marks = {m.slug for m in marks if m.kind in ("entry", "facts")}
    for slug in sorted(entry_marks - set(data.entries)):
        if _inject_entry(session, data, slug):
            result.kept.append(slug)
    for mark in marks:
        if mark.kind in ("entry", "facts") and mark.slug in result.kept:
            continue
        _reconcile(session, data, mark, prefer_files, result)
    result.summary = apply_directory(session, data)
    return result


def _reconcile(session: Session, data: DirectoryData, mark: EditMark, prefer_files: bool,
               result: CuratedLoad) -> None:
    current = read_record(session, mark.kind, mark.slug, mark.lang)
    if current is None:
        session.delete(mark)
        return
    if not _in_files(data, mark):
        return  # nothing in the files to compare with (a whole glossary or kita file is absent)
    from_file = _file_record(data, mark.kind, mark.slug, mark.lang)
    differing = [name for name in mark.fields
                 if name in current and (from_file or {}).get(name) != current[name]]
    if not differing:
        session.delete(mark)
        return
    found = [LoadConflict(mark.kind, mark.slug, mark.lang, name, mark.author, mark.changed_at)
             for name in differing]
    if prefer_files and from_file is not None:
        result.overwritten += found
        session.delete(mark)
        return
    merged = dict(from_file or current)
    merged.update({name: current[name] for name in differing})
    if mark.kind in ("entry", "page", "kita"):
        merged.update({name: current[name] for name in BOOKKEEPING if name in current})
    _put_record(data, mark.kind, mark.slug, mark.lang, merged)
    result.conflicts += found


def _in_files(data: DirectoryData, mark: EditMark) -> bool:
    if mark.kind == "glossary":
        return data.root is None or (data.root / "glossary.yaml").exists()
    if mark.kind == "kita":
        return mark.slug in data.kitas
    return True


def _file_record(data: DirectoryData, kind: str, slug: str, lang: str) -> dict[str, Any] | None:
    model: Any = None
    if kind == "entry" and slug in data.entries:
        model = data.entries[slug].texts.get(lang)
    elif kind == "facts" and slug in data.entries:
        model = data.entries[slug].facts
    elif kind == "kita" and slug in data.kitas:
        model = data.kitas[slug].texts.get(lang)
    elif kind == "page":
        model = data.pages.get(slug, {}).get(lang)
    elif kind == "topic":
        model = next((t for t in data.topics if t.slug == slug), None)
    elif kind == "glossary":
        model = next((c for c in data.glossary if c.concept == slug), None)
    return as_record(model) if model is not None else None


def _put_record(data: DirectoryData, kind: str, slug: str, lang: str, record: dict[str, Any]) -> None:
    model: Any = validate(kind, record)
    if kind == "entry":
        data.entries[slug].texts[lang] = model
    elif kind == "facts":
        data.entries[slug].facts = model
    elif kind == "kita":
        data.kitas[slug].texts[lang] = model
    elif kind == "page":
        data.pages.setdefault(slug, {})[lang] = model
    elif kind == "topic":
        data.topics = [model if t.slug == slug else t for t in data.topics]
        if all(t.slug != slug for t in data.topics):
            data.topics.append(model)
    elif kind == "glossary":
        concepts = data.glossary
        data.glossary = [model if c.concept == slug else c for c in concepts]
        if all(c.concept != slug for c in concepts):
            data.glossary.append(model)


def _inject_entry(session: Session, data: DirectoryData, slug: str) -> bool:
    """An entry made or edited in the browser whose folder is missing: load it as the database has it."""
    facts = read_record(session, "facts", slug)
    entry = session.exec(select(Entry).where(Entry.slug == slug)).first()
    if facts is None or entry is None:
        return False
    langs = set(session.exec(select(EntryTranslation.lang).where(EntryTranslation.entry_id == entry.id)))
    texts: dict[str, schema.EntryTextData] = {}
    for lang in LANGUAGE_CODES:
        if lang in langs:
            texts[lang] = validate("entry", read_record(session, "entry", slug, lang) or {})  # type: ignore
    data.entries[slug] = ParsedEntry(slug, validate("facts", facts), texts)  # type: ignore[arg-type]
    return True
