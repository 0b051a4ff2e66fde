"""Write validated directory data into the database (upsert by slug, archive what is gone)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from pydantic import BaseModel
from sqlalchemy import event
from sqlmodel import Session, delete, select, update

from service.directory import schema
from service.directory.models import (
    DirectoryVersion,
    Entry,
    EntryTopic,
    EntryTranslation,
    GlossaryConcept,
    Kita,
    KitaTranslation,
    Organisation,
    PageTranslation,
    SocialWorker,
    SocialWorkerKita,
    Topic,
    utcnow,
)
from service.directory.parsed import DirectoryData, LoadSummary, german_hashes, page_hash, translation_status
from service.finder.operations import store_rules


def apply_directory(session: Session, data: DirectoryData) -> LoadSummary:
    """Upsert topics, organisations, entries, kitas and pages; seed staff into an empty database."""
    topics = _apply_topics(session, data)
    outdated: list[str] = []
    seen: set[str] = set()
    for slug, parsed in data.entries.items():
        seen.add(slug)
        outdated += _apply_entry(session, parsed, topics)
    archived = []
    for entry in session.exec(select(Entry).where(Entry.archived == False)):  # noqa: E712
        if entry.slug not in seen:
            entry.archived = True
            archived.append(entry.slug)
            session.add(entry)
    kitas = _apply_kitas(session, data)
    outdated += _apply_pages(session, data)
    _seed_staff(session, data, kitas)
    _apply_glossary(session, data)
    if data.finder is not None:  # hook for the finder: its rules are stored with the directory
        store_rules(session, data.finder)
    version = bump_directory_version(session, loaded=True)
    return LoadSummary(version, len(data.entries), sorted(archived), sorted(outdated))


# Called after a commit that moved the directory version in this process (caches read the version again at once).
CHANGE_LISTENERS: list[Callable[[], None]] = []


_BUMPED = "directory_version_bumped"


def _changed(session: Session) -> None:
    if session.info.pop(_BUMPED, False):
        for listener in CHANGE_LISTENERS:
            listener()


def bump_directory_version(session: Session, loaded: bool = False) -> int:
    """Move the directory version (in SQL, so concurrent edits never lose a step); every process then rebuilds,
    this one as soon as the session commits."""
    session.info[_BUMPED] = True
    if not event.contains(session, "after_commit", _changed):
        event.listen(session, "after_commit", _changed)
    row = session.get(DirectoryVersion, 1)
    if row is None:
        row = DirectoryVersion(id=1, version=0)
        session.add(row)
        session.flush()
    values: dict[str, Any] = {"version": DirectoryVersion.version + 1}
    if loaded:
        values["loaded_at"] = utcnow()
    session.exec(update(DirectoryVersion).where(DirectoryVersion.id == 1).values(**values))  # type: ignore[call-overload]
    session.refresh(row)
    return row.version


def _apply_topics(session: Session, data: DirectoryData) -> dict[str, Topic]:
    existing = {t.slug: t for t in session.exec(select(Topic))}
    for position, item in enumerate(data.topics):
        topic = existing.get(item.slug) or Topic(slug=item.slug)
        topic.position, topic.icon = position, item.icon
        topic.names, topic.descriptions = dict(item.names), dict(item.descriptions)
        session.add(topic)
        existing[item.slug] = topic
    session.flush()
    return existing


def _organisation(session: Session, item: schema.OrganisationData | None) -> int | None:
    if item is None:
        return None
    org = session.exec(select(Organisation).where(Organisation.slug == item.slug)).first()
    org = org or Organisation(slug=item.slug, name=item.name)
    org.name, org.url = item.name, item.url
    session.add(org)
    session.flush()
    return org.id


def write_entry_facts(session: Session, entry: Entry, facts: schema.EntryData, topics: dict[str, Topic]) -> None:
    """Copy every fact of `facts` onto `entry` (fields by name, so new schema fields need only a column)."""
    for name in schema.EntryData.model_fields:
        if name in ("topics", "organisation") or name not in Entry.model_fields:
            continue
        value = getattr(facts, name)
        if isinstance(value, list):
            value = [item.model_dump(mode="json", exclude_none=True) if isinstance(item, BaseModel) else item
                     for item in value]
        setattr(entry, name, value)
    entry.organisation_id = _organisation(session, facts.organisation)
    entry.archived = False
    entry.updated_at = utcnow()
    session.add(entry)
    session.flush()
    session.exec(delete(EntryTopic).where(EntryTopic.entry_id == entry.id))
    for position, slug in enumerate(facts.topics):
        session.add(EntryTopic(entry_id=entry.id, topic_id=topics[slug].id, position=position))


def fill_entry_text(row: EntryTranslation, text: schema.EntryTextData, status: str) -> None:
    """Copy the texts of one language onto its row (fields by name, like the facts)."""
    for name in schema.EntryTextData.model_fields:
        if name != "status" and name in EntryTranslation.model_fields:
            value = getattr(text, name)
            setattr(row, name, list(value) if isinstance(value, list) else dict(value) if isinstance(value, dict)
                    else value)
    row.status = status


def _apply_entry(session: Session, parsed: Any, topics: dict[str, Topic]) -> list[str]:
    entry = session.exec(select(Entry).where(Entry.slug == parsed.slug)).first() or Entry(slug=parsed.slug)
    write_entry_facts(session, entry, parsed.facts, topics)
    german = german_hashes(parsed)

    def fill(row: EntryTranslation, lang: str, text: schema.EntryTextData) -> None:
        fill_entry_text(row, text, translation_status(text, german, lang))

    existing = session.exec(select(EntryTranslation).where(EntryTranslation.entry_id == entry.id))
    outdated = _sync_translations(session, existing, parsed.texts,
                                  lambda lang: EntryTranslation(entry_id=entry.id, lang=lang), fill)
    session.flush()
    return [f"{parsed.slug}/{lang}" for lang in outdated]


def _sync_translations(session: Session, existing: Iterable[Any], texts: dict[str, Any],
                       new_row: Callable[[str], Any], fill: Callable[[Any, str, Any], None]) -> list[str]:
    """One row per language in `texts` (updated or new), rows of vanished languages deleted; returns outdated."""
    rows = {row.lang: row for row in existing}
    outdated = []
    for lang, text in texts.items():
        row = rows.pop(lang, None) or new_row(lang)
        fill(row, lang, text)
        if row.status == "outdated":
            outdated.append(lang)
        session.add(row)
    for row in rows.values():
        session.delete(row)
    return outdated


def _apply_kitas(session: Session, data: DirectoryData) -> dict[str, Kita]:
    existing = {k.slug: k for k in session.exec(select(Kita))}
    for slug, item in data.kitas.items():
        kita = existing.get(slug) or Kita(slug=slug, name=item.name)
        kita.name, kita.phone, kita.verified = item.name, item.phone, item.verified
        kita.address = item.address.model_dump(exclude_none=True)
        session.add(kita)
        session.flush()
        existing[slug] = kita
        _sync_translations(
            session,
            session.exec(select(KitaTranslation).where(KitaTranslation.kita_id == kita.id)),
            item.texts,
            lambda lang, kita_id=kita.id: KitaTranslation(kita_id=kita_id, lang=lang),
            _fill_kita,
        )
    session.flush()
    return existing


def _apply_pages(session: Session, data: DirectoryData) -> list[str]:
    outdated = []
    for page, texts in data.pages.items():
        german = page_hash(texts) or ""

        def fill(row: PageTranslation, lang: str, text: schema.PageData, german: str = german) -> None:
            row.title, row.body, row.source_hash = text.title, text.body, text.source_hash
            row.status = translation_status(text, german, lang)

        existing = session.exec(select(PageTranslation).where(PageTranslation.page == page))
        stale = _sync_translations(session, existing, texts,
                                   lambda lang, page=page: PageTranslation(page=page, lang=lang), fill)
        outdated += [f"pages/{page}/{lang}" for lang in stale]
    session.flush()
    return outdated


def _fill_kita(row: KitaTranslation, _lang: str, text: schema.KitaTextData) -> None:
    row.summary, row.description, row.status = text.summary, text.description, text.status


def _seed_staff(session: Session, data: DirectoryData, kitas: dict[str, Kita]) -> None:
    """Staff live in the database; the example files only seed an empty one."""
    if session.exec(select(SocialWorker)).first() is not None:
        return
    for slug, item in data.staff.items():
        worker = SocialWorker(slug=slug, name=item.name, is_example=item.example,
                              languages=list(item.languages), email=item.email)
        session.add(worker)
        session.flush()
        for kita_slug in item.kitas:
            if kita_slug in kitas:
                session.add(SocialWorkerKita(social_worker_id=worker.id, kita_id=kitas[kita_slug].id))
    session.flush()


def _apply_glossary(session: Session, data: DirectoryData) -> None:
    """The glossary as in the file (when there is one): concepts upserted in order, vanished ones deleted."""
    if data.root is not None and not (data.root / "glossary.yaml").exists():
        return
    existing = {row.concept: row for row in session.exec(select(GlossaryConcept))}
    for position, item in enumerate(data.glossary):
        row = existing.pop(item.concept, None) or GlossaryConcept(concept=item.concept, de=item.de)
        row.position, row.de, row.note = position, item.de, item.note
        row.terms = dict(item.terms)
        row.avoid = {lang: list(words) for lang, words in item.avoid.items()}
        session.add(row)
    for row in existing.values():
        session.delete(row)
    session.flush()
