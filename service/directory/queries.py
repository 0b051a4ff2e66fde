"""Read the directory in one language, with per-field fallback to German."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlmodel import Session, select

from service.directory.bidi import isolate_ltr
from service.directory.models import (
    DirectoryVersion,
    Entry,
    EntryTopic,
    EntryTranslation,
    Kita,
    KitaTranslation,
    Organisation,
    PageTranslation,
    SocialWorker,
    SocialWorkerKita,
    Topic,
)
from service.errors import NotFound
from service.i18n import DEFAULT_LANG, language

CONFIDENTIAL_TOPIC = "crisis-protection"  # named only in the staff area: never in feeds, e-mails or shared links
TEXT_FIELDS = ("title", "summary", "for_whom", "what_you_get", "how_to_apply", "what_to_bring", "where", "keywords")


@dataclass
class EntryView:
    """An entry as a reader sees it in one language."""

    slug: str
    kind: str
    lang: str
    texts: dict[str, Any]
    fallback: list[str]
    status: str
    labels: dict[str, str]
    topics: list[str]
    organisation: dict[str, Any] | None
    facts: dict[str, Any] = field(default_factory=dict)

    @property
    def title(self) -> str:
        return self.texts["title"]

    @property
    def summary(self) -> str:
        return self.texts["summary"]

    def label(self, key: str) -> str:
        return self.labels.get(key, key.replace("_", " "))


def _merge(rows: dict[str, EntryTranslation], lang: str) -> tuple[dict[str, Any], list[str], str, dict[str, str]]:
    """Texts in `lang`, each empty field taken from German and reported in `fallback`."""
    own, german = rows.get(lang), rows.get(DEFAULT_LANG)
    texts: dict[str, Any] = {}
    fallback: list[str] = []
    for name in TEXT_FIELDS:
        value = getattr(own, name, None) if own else None
        if not value and german is not None and lang != DEFAULT_LANG:
            value = getattr(german, name)
            if value:
                fallback.append(name)
        texts[name] = value if value else ([] if name in ("how_to_apply", "what_to_bring", "keywords") else "")
    # the short title for buttons and lists; never reported as a fallback (a missing one is shortened instead)
    texts["short_title"] = getattr(own, "short_title", "") or getattr(german, "short_title", "") or ""
    labels = dict(german.labels if german else {})
    labels.update(own.labels if own else {})
    status = own.status if own else "missing"
    if language(lang).rtl:
        texts = {name: _isolated(value) if name != "keywords" else value for name, value in texts.items()}
    return texts, fallback, status, labels


def _isolated(value: Any) -> Any:
    """Right-to-left texts keep spaced numbers (phones) in reading order."""
    if isinstance(value, list):
        return [isolate_ltr(item) for item in value]
    return isolate_ltr(value)


def directory_version(session: Session) -> int:
    """The number the loader bumps on every load (0 before the first)."""
    row = session.get(DirectoryVersion, 1)
    return row.version if row else 0


def _topics_by_entry(session: Session, entry_ids: list[int]) -> dict[int, list[str]]:
    rows = session.exec(
        select(EntryTopic.entry_id, Topic.slug)
        .join(Topic, Topic.id == EntryTopic.topic_id)
        .where(EntryTopic.entry_id.in_(entry_ids))  # type: ignore[attr-defined]
        .order_by(EntryTopic.position)
    ).all()
    result: dict[int, list[str]] = {}
    for entry_id, slug in rows:
        result.setdefault(entry_id, []).append(slug)
    return result


def _translations(session: Session, entry_ids: list[int], langs: set[str]) -> dict[int, dict[str, EntryTranslation]]:
    rows = session.exec(
        select(EntryTranslation).where(
            EntryTranslation.entry_id.in_(entry_ids), EntryTranslation.lang.in_(langs)  # type: ignore[attr-defined]
        )
    ).all()
    result: dict[int, dict[str, EntryTranslation]] = {}
    for row in rows:
        result.setdefault(row.entry_id, {})[row.lang] = row
    return result


def _view(entry: Entry, rows: dict[str, EntryTranslation], lang: str, topics: list[str],
          organisation: Organisation | None) -> EntryView:
    texts, fallback, status, labels = _merge(rows, lang)
    facts = entry.model_dump(exclude={"id", "slug", "kind", "organisation_id", "archived", "updated_at"})
    org = {"slug": organisation.slug, "name": organisation.name, "url": organisation.url} if organisation else None
    return EntryView(entry.slug, entry.kind, lang, texts, fallback, status, labels, topics, org, facts)


def list_entries(session: Session, lang: str, topic: str | None = None) -> list[EntryView]:
    """All active entries in one language (one query per table, no N+1), sorted by title."""
    query = select(Entry).where(Entry.archived == False)  # noqa: E712
    if topic:
        query = query.join(EntryTopic, EntryTopic.entry_id == Entry.id).join(
            Topic, Topic.id == EntryTopic.topic_id).where(Topic.slug == topic)
    entries = session.exec(query).all()
    ids = [e.id for e in entries if e.id is not None]
    translations = _translations(session, ids, {lang, DEFAULT_LANG})
    topics = _topics_by_entry(session, ids)
    orgs = {o.id: o for o in session.exec(select(Organisation))}
    views = [
        _view(e, translations.get(e.id, {}), lang, topics.get(e.id, []), orgs.get(e.organisation_id))
        for e in entries
    ]
    return sorted(views, key=lambda v: v.title.casefold())


def get_entry(session: Session, slug: str, lang: str) -> EntryView:
    """One active entry in one language; NotFound when unknown or archived."""
    entry = session.exec(select(Entry).where(Entry.slug == slug, Entry.archived == False)).first()  # noqa: E712
    if entry is None or entry.id is None:
        raise NotFound("entry not found", slug=slug)
    rows = _translations(session, [entry.id], {lang, DEFAULT_LANG}).get(entry.id, {})
    topics = _topics_by_entry(session, [entry.id]).get(entry.id, [])
    org = session.get(Organisation, entry.organisation_id) if entry.organisation_id else None
    return _view(entry, rows, lang, topics, org)


def all_translations(session: Session) -> list[tuple[Entry, EntryTranslation]]:
    """Every active entry with every translation (for building the search index)."""
    return list(session.exec(
        select(Entry, EntryTranslation)
        .join(EntryTranslation, EntryTranslation.entry_id == Entry.id)
        .where(Entry.archived == False)  # noqa: E712
    ).all())


def list_topics(session: Session) -> list[Topic]:
    """The topics in their fixed order."""
    return list(session.exec(select(Topic).order_by(Topic.position)).all())


def get_topic(session: Session, slug: str) -> Topic:
    topic = session.exec(select(Topic).where(Topic.slug == slug)).first()
    if topic is None:
        raise NotFound("topic not found", slug=slug)
    return topic


def list_kitas(session: Session) -> list[Kita]:
    """The five plusKITAs, by name."""
    return list(session.exec(select(Kita).order_by(Kita.name)).all())


def get_kita(session: Session, slug: str) -> Kita:
    kita = session.exec(select(Kita).where(Kita.slug == slug)).first()
    if kita is None:
        raise NotFound("kita not found", slug=slug)
    return kita


def kita_texts(session: Session, kita: Kita, lang: str) -> tuple[KitaTranslation | None, bool]:
    """The kita's texts in `lang`, else German; the flag says whether German was used instead."""
    rows = {t.lang: t for t in session.exec(select(KitaTranslation).where(KitaTranslation.kita_id == kita.id))}
    if lang in rows:
        return rows[lang], False
    return rows.get(DEFAULT_LANG), lang != DEFAULT_LANG


def get_page(session: Session, page: str, lang: str) -> tuple[PageTranslation, bool]:
    """A static page in `lang`, else German; NotFound when neither exists."""
    rows = {t.lang: t for t in session.exec(select(PageTranslation).where(PageTranslation.page == page))}
    if lang in rows:
        return rows[lang], False
    if DEFAULT_LANG in rows:
        return rows[DEFAULT_LANG], lang != DEFAULT_LANG
    raise NotFound("page not found", page=page)


def kita_social_workers(session: Session, kita: Kita) -> list[SocialWorker]:
    """The active social workers who hold consultation hours at this kita, by name."""
    return list(session.exec(
        select(SocialWorker)
        .join(SocialWorkerKita, SocialWorkerKita.social_worker_id == SocialWorker.id)
        .where(SocialWorkerKita.kita_id == kita.id, SocialWorker.active == True)  # noqa: E712
        .order_by(SocialWorker.name)
    ).all())


def kita_summaries(session: Session, lang: str) -> list[tuple[Kita, str]]:
    """Every kita with its summary in `lang` (else German), in two queries."""
    kitas = list_kitas(session)
    rows = session.exec(select(KitaTranslation).where(
        KitaTranslation.lang.in_({lang, DEFAULT_LANG}))).all()  # type: ignore[attr-defined]
    texts = {(row.kita_id, row.lang): row.summary for row in rows}
    return [(kita, texts.get((kita.id, lang)) or texts.get((kita.id, DEFAULT_LANG), "")) for kita in kitas]


def confidential_slugs(session: Session) -> set[str]:
    """Entries of the crisis-and-protection topic (shown as "confidential" outside the staff pages)."""
    return set(session.exec(select(Entry.slug).join(EntryTopic, EntryTopic.entry_id == Entry.id)
                            .join(Topic, Topic.id == EntryTopic.topic_id)
                            .where(Topic.slug == CONFIDENTIAL_TOPIC)).all())


def is_confidential(session: Session, slug: str | None) -> bool:
    return bool(slug) and slug in confidential_slugs(session)
