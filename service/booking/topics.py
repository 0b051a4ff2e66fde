"""A booking's topic as staff-facing text: the entry's title, or "confidential" for the crisis-and-protection
topic (calendar feeds and e-mails to social workers never name those; the staff pages do)."""

from __future__ import annotations

from sqlmodel import Session, col, select

from service.directory.models import Entry, EntryTranslation
from service.directory.queries import is_confidential
from service.i18n import translator


def topic_title(session: Session, slug: str | None, lang: str) -> str | None:
    """The entry's title in a language (German when missing), or "confidential" for crisis topics."""
    if not slug:
        return None
    if is_confidential(session, slug):
        _ = translator(lang)
        return _("confidential")
    rows = session.exec(select(EntryTranslation.lang, EntryTranslation.title).join(
        Entry, col(Entry.id) == EntryTranslation.entry_id).where(Entry.slug == slug)).all()
    titles = dict(rows)
    return titles.get(lang) or titles.get("de") or slug
