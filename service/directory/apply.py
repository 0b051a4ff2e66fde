"""Write validated directory data into the database (upsert by slug, archive what is gone)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from sqlmodel import Session, delete, select

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


def _dump(items: list[Any]) -> list[dict[str, Any]]:
    return [item.model_dump(mode="json", exclude_none=True) for item in items]


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
    version = session.get(DirectoryVersion, 1) or DirectoryVersion(id=1, version=0)
    version.version += 1
    version.loaded_at = utcnow()
    session.add(version)
    session.flush()
    return LoadSummary(version.version, len(data.entries), sorted(archived), sorted(outdated))


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


def _apply_entry(session: Session, parsed: Any, topics: dict[str, Topic]) -> list[str]:
    facts: schema.EntryData = parsed.facts
    entry = session.exec(select(Entry).where(Entry.slug == parsed.slug)).first() or Entry(slug=parsed.slug)
    entry.kind = facts.kind
    entry.organisation_id = _organisation(session, facts.organisation)
    entry.legal_basis = list(facts.legal_basis)
    entry.amounts = _dump(facts.amounts)
    entry.deadlines = _dump(facts.deadlines)
    entry.eligibility = list(facts.eligibility)
    entry.cost = facts.cost
    entry.languages_spoken = list(facts.languages_spoken)
    entry.locations = _dump(facts.locations)
    entry.phones = _dump(facts.phones)
    entry.emails = _dump(facts.emails)
    entry.links = _dump(facts.links)
    entry.sources = _dump(facts.sources)
    entry.verified_on = facts.verified_on
    entry.verified = facts.verified
    entry.archived = False
    entry.updated_at = utcnow()
    session.add(entry)
    session.flush()
    session.exec(delete(EntryTopic).where(EntryTopic.entry_id == entry.id))
    for position, slug in enumerate(facts.topics):
        session.add(EntryTopic(entry_id=entry.id, topic_id=topics[slug].id, position=position))

    german = german_hashes(parsed)

    def fill(row: EntryTranslation, lang: str, text: schema.EntryTextData) -> None:
        for name in ("title", "short_title", "summary", "for_whom", "what_you_get", "where", "source_hash"):
            setattr(row, name, getattr(text, name))
        row.how_to_apply, row.what_to_bring = list(text.how_to_apply), list(text.what_to_bring)
        row.keywords, row.labels = list(text.keywords), dict(text.labels)
        row.status = translation_status(text, german, lang)

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
