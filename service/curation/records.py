"""One directory record read from and written to the database in the form the YAML files have.

A record is the entry texts in one language (`entry`), an entry's facts (`facts`), a kita's texts in one
language (`kita`), a page in one language (`page`) or a topic (`topic`). Revisions, the export and the load's
conflict check all see records as plain dicts of the schema's fields, so they compare like with like.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel, ValidationError
from sqlmodel import Session, select

from service.directory import schema
from service.directory.apply import fill_entry_text, write_entry_facts
from service.directory.hashing import ENTRY_HASHED_FIELDS, PAGE_HASHED_FIELDS, source_hash
from service.directory.models import (
    Entry,
    EntryTopic,
    EntryTranslation,
    GlossaryConcept,
    Kita,
    KitaTranslation,
    Organisation,
    PageTranslation,
    Topic,
)
from service.errors import InvalidInput, NotFound
from service.i18n import DEFAULT_LANG

SCHEMAS: dict[str, type[BaseModel]] = {
    "entry": schema.EntryTextData,
    "facts": schema.EntryData,
    "kita": schema.KitaTextData,
    "page": schema.PageData,
    "topic": schema.TopicData,
    "glossary": schema.GlossaryData,
}
# Fields that travel with a translation's texts rather than being edited themselves.
BOOKKEEPING = ("status", "source_hash")


def plain(value: Any) -> Any:
    """Dates as ISO text and whole floats as ints, so records compare and store as JSON alike."""
    if isinstance(value, BaseModel):
        return plain(value.model_dump(exclude_none=True))
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items() if v is not None}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def validate(kind: str, values: dict[str, Any]) -> BaseModel:
    """The record as its schema model; InvalidInput names each bad field."""
    try:
        return SCHEMAS[kind].model_validate(values)
    except ValidationError as exc:
        fields = {}
        for error in exc.errors():
            name = ".".join(str(part) for part in error["loc"]) or "record"
            fields[name] = "unknown_field" if error["type"] == "extra_forbidden" else "invalid"
        raise InvalidInput(fields) from None


def as_record(model: BaseModel) -> dict[str, Any]:
    """A validated schema model as a record dict (every field, in schema order)."""
    return {name: plain(getattr(model, name)) for name in type(model).model_fields}


def _entry(session: Session, slug: str) -> Entry:
    entry = session.exec(select(Entry).where(Entry.slug == slug)).first()
    if entry is None:
        raise NotFound("entry")
    return entry


def _row_values(row: Any, model: type[BaseModel], skip: tuple[str, ...] = ()) -> dict[str, Any]:
    return {name: getattr(row, name) for name in model.model_fields
            if name not in skip and name in type(row).model_fields}


def _as_record_lenient(kind: str, values: dict[str, Any]) -> dict[str, Any]:
    try:
        return as_record(SCHEMAS[kind].model_validate(values))
    except ValidationError:
        return {name: plain(values.get(name)) for name in SCHEMAS[kind].model_fields}


def read_record(session: Session, kind: str, slug: str, lang: str = "") -> dict[str, Any] | None:
    """The record as it is in the database now, or None when it does not exist."""
    if kind == "entry":
        entry = session.exec(select(Entry).where(Entry.slug == slug)).first()
        row = entry and session.exec(select(EntryTranslation).where(
            EntryTranslation.entry_id == entry.id, EntryTranslation.lang == lang)).first()
        return _as_record_lenient(kind, _row_values(row, schema.EntryTextData)) if row else None
    if kind == "facts":
        entry = session.exec(select(Entry).where(Entry.slug == slug)).first()
        if entry is None:
            return None
        values = _row_values(entry, schema.EntryData)
        values["topics"] = list(session.exec(
            select(Topic.slug).join(EntryTopic, EntryTopic.topic_id == Topic.id)
            .where(EntryTopic.entry_id == entry.id).order_by(EntryTopic.position)))
        org = session.get(Organisation, entry.organisation_id) if entry.organisation_id else None
        values["organisation"] = {"slug": org.slug, "name": org.name, "url": org.url} if org else None
        return _as_record_lenient(kind, values)
    if kind == "kita":
        row = session.exec(select(KitaTranslation).join(Kita, Kita.id == KitaTranslation.kita_id)
                           .where(Kita.slug == slug, KitaTranslation.lang == lang)).first()
        return _as_record_lenient(kind, _row_values(row, schema.KitaTextData)) if row else None
    if kind == "page":
        row = session.exec(select(PageTranslation).where(PageTranslation.page == slug,
                                                         PageTranslation.lang == lang)).first()
        return _as_record_lenient(kind, _row_values(row, schema.PageData)) if row else None
    if kind == "topic":
        topic = session.exec(select(Topic).where(Topic.slug == slug)).first()
        return _as_record_lenient(kind, _row_values(topic, schema.TopicData)) if topic else None
    if kind == "glossary":
        row = session.exec(select(GlossaryConcept).where(GlossaryConcept.concept == slug)).first()
        return _as_record_lenient(kind, _row_values(row, schema.GlossaryData)) if row else None
    raise NotFound("record")


def german_hash(session: Session, kind: str, slug: str) -> str | None:
    """The source hash of the German texts of an entry or page, as translations record it."""
    german = read_record(session, kind, slug, DEFAULT_LANG)
    if german is None:
        return None
    return source_hash(german, ENTRY_HASHED_FIELDS if kind == "entry" else PAGE_HASHED_FIELDS)


def write_record(session: Session, kind: str, slug: str, lang: str, model: BaseModel) -> None:
    """Write one validated record into its rows (creating the translation row when missing)."""
    if kind == "entry":
        entry = _entry(session, slug)
        row = session.exec(select(EntryTranslation).where(
            EntryTranslation.entry_id == entry.id, EntryTranslation.lang == lang)).first()
        row = row or EntryTranslation(entry_id=entry.id, lang=lang)
        fill_entry_text(row, model, model.status)  # type: ignore[arg-type, attr-defined]
        session.add(row)
    elif kind == "facts":
        entry = session.exec(select(Entry).where(Entry.slug == slug)).first() or Entry(slug=slug)
        topics = {t.slug: t for t in session.exec(select(Topic))}
        missing = [t for t in model.topics if t not in topics]  # type: ignore[attr-defined]
        if missing:
            raise InvalidInput({"topics": "unknown"})
        write_entry_facts(session, entry, model, topics)  # type: ignore[arg-type]
    elif kind == "kita":
        kita = session.exec(select(Kita).where(Kita.slug == slug)).first()
        if kita is None:
            raise NotFound("kita")
        row = session.exec(select(KitaTranslation).where(
            KitaTranslation.kita_id == kita.id, KitaTranslation.lang == lang)).first()
        row = row or KitaTranslation(kita_id=kita.id, lang=lang)
        row.summary, row.description, row.status = model.summary, model.description, model.status  # type: ignore
        session.add(row)
    elif kind == "page":
        row = session.exec(select(PageTranslation).where(PageTranslation.page == slug,
                                                         PageTranslation.lang == lang)).first()
        row = row or PageTranslation(page=slug, lang=lang)
        for name in ("title", "body", "status", "source_hash"):
            setattr(row, name, getattr(model, name))
        session.add(row)
    elif kind == "topic":
        topic = session.exec(select(Topic).where(Topic.slug == slug)).first()
        if topic is None:
            raise NotFound("topic")
        topic.icon = model.icon  # type: ignore[attr-defined]
        topic.names, topic.descriptions = dict(model.names), dict(model.descriptions)  # type: ignore[attr-defined]
        session.add(topic)
    elif kind == "glossary":
        row = session.exec(select(GlossaryConcept).where(GlossaryConcept.concept == slug)).first()
        if row is None:
            last = session.exec(select(GlossaryConcept.position).order_by(GlossaryConcept.position.desc())).first()
            row = GlossaryConcept(concept=slug, de=model.de, position=(last or 0) + 1)  # type: ignore[attr-defined]
        row.de, row.note, row.terms = model.de, model.note, dict(model.terms)  # type: ignore[attr-defined]
        row.avoid = {lang: list(words) for lang, words in model.avoid.items()}  # type: ignore[attr-defined]
        session.add(row)
    else:
        raise NotFound("record")
    session.flush()


def outdate_translations(session: Session, kind: str, slug: str) -> list[str]:
    """After a German edit: translations made from another German text become `outdated`; returns languages."""
    digest = german_hash(session, kind, slug)
    if kind == "entry":
        rows = list(session.exec(select(EntryTranslation).join(Entry, Entry.id == EntryTranslation.entry_id)
                                 .where(Entry.slug == slug, EntryTranslation.lang != DEFAULT_LANG)))
    elif kind == "page":
        rows = list(session.exec(select(PageTranslation).where(PageTranslation.page == slug,
                                                               PageTranslation.lang != DEFAULT_LANG)))
    elif kind == "kita":
        rows = list(session.exec(select(KitaTranslation).join(Kita, Kita.id == KitaTranslation.kita_id)
                                 .where(Kita.slug == slug, KitaTranslation.lang != DEFAULT_LANG)))
        for row in rows:
            row.status = "outdated"
            session.add(row)
        return sorted(row.lang for row in rows)
    else:
        return []
    changed = []
    for row in rows:
        if row.source_hash != digest and row.status != "outdated":
            row.status = "outdated"
            session.add(row)
            changed.append(row.lang)
    session.flush()
    return sorted(changed)
