"""Edit verbs over directory records: each keeps a revision, marks the record and moves the directory version."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, select

from service.curation.models import EditMark, Revision
from service.curation.records import (
    BOOKKEEPING,
    as_record,
    german_hash,
    outdate_translations,
    read_record,
    validate,
    write_record,
)
from service.directory import schema
from service.directory.apply import bump_directory_version
from service.directory.models import Entry, utcnow
from service.errors import Conflict, InvalidInput, NotFound
from service.i18n import DEFAULT_LANG, LANGUAGE_CODES

TRANSLATED = ("entry", "kita", "page")


@dataclass
class Saved:
    """What a save did: the revision (None when nothing changed) and translations it made outdated."""

    revision: Revision | None
    outdated: list[str]


def _check_lang(kind: str, lang: str) -> str:
    if kind in TRANSLATED:
        if lang not in LANGUAGE_CODES:
            raise NotFound("language")
        return lang
    return ""


def _mark(session: Session, kind: str, slug: str, lang: str, fields: list[str], author: str,
          created: bool = False) -> None:
    mark = session.exec(select(EditMark).where(EditMark.kind == kind, EditMark.slug == slug,
                                               EditMark.lang == lang)).first()
    mark = mark or EditMark(kind=kind, slug=slug, lang=lang, author=author, fields=[])
    mark.fields = sorted(set(mark.fields) | set(fields))
    mark.created = mark.created or created
    mark.author, mark.changed_at = author, utcnow()
    session.add(mark)


def save_record(session: Session, kind: str, slug: str, lang: str, values: dict[str, Any], author: str,
                comment: str = "", action: str = "edit", stamp: bool = True) -> Saved:
    """Change the given fields of one record; `stamp` records the current German text as a translation's source."""
    lang = _check_lang(kind, lang)
    before = read_record(session, kind, slug, lang)
    if before is None and kind in ("facts", "topic", "glossary"):
        raise NotFound(kind)
    if before is None and kind == "page" and slug not in schema.PAGE_SLUGS:
        raise NotFound(kind)
    merged = {**(before or {}), **values}
    if kind in ("entry", "page") and lang != DEFAULT_LANG:
        digest = german_hash(session, kind, slug)
        if stamp:
            merged["source_hash"] = digest
            if merged.get("status") == "outdated":
                merged["status"] = "machine"
        elif merged.get("source_hash") != digest:
            merged["status"] = "outdated"
    after = as_record(validate(kind, merged))
    if kind == "facts":
        _check_labels(session, slug, after)
    fields = [name for name in after if (before or {}).get(name) != after[name]]
    if action == "review" or (after.get("status") == "reviewed" and "status" in fields):
        action = "review" if action == "edit" else action
    if not fields and action != "review":
        return Saved(None, [])
    write_record(session, kind, slug, lang, validate(kind, after))
    revision = Revision(kind=kind, slug=slug, lang=lang, action=action, author=author,
                        comment=comment.strip()[:500], fields=fields, before=before, after=after)
    session.add(revision)
    edited = [name for name in fields if name != "source_hash"]
    if edited:
        _mark(session, kind, slug, lang, edited, author, created=action == "create")
    outdated: list[str] = []
    texts_changed = [name for name in fields if name not in BOOKKEEPING]
    if lang == DEFAULT_LANG and kind in TRANSLATED and texts_changed and before is not None:
        outdated = outdate_translations(session, kind, slug)
        if kind == "kita":  # no source hash tells a load that these are outdated: their status is a browser edit
            for other in outdated:
                _mark(session, kind, slug, other, ["status"], author)
    bump_directory_version(session)
    session.flush()
    return Saved(revision, outdated)


def _check_labels(session: Session, slug: str, facts: dict[str, Any]) -> None:
    """Every label_key of the facts needs a German label text (the loader demands the same)."""
    german = read_record(session, "entry", slug, DEFAULT_LANG)
    labels = set((german or {}).get("labels") or {})
    keys = schema.EntryData.model_validate(facts).label_keys()
    missing = sorted(keys - labels)
    if german is not None and missing:
        raise InvalidInput({"labels": "missing"}, "no German label for: " + ", ".join(missing))


def edit_entry_text(session: Session, slug: str, lang: str, values: dict[str, Any], author: str,
                    comment: str = "") -> Saved:
    """Save the texts of one entry in one language (German edits make other languages outdated)."""
    return save_record(session, "entry", slug, lang, values, author, comment)


def edit_entry_facts(session: Session, slug: str, values: dict[str, Any], author: str, comment: str = "") -> Saved:
    """Save an entry's facts (amounts, deadlines, phones, places, links, sources, verified_on)."""
    return save_record(session, "facts", slug, "", values, author, comment)


def edit_kita_text(session: Session, slug: str, lang: str, values: dict[str, Any], author: str,
                   comment: str = "") -> Saved:
    return save_record(session, "kita", slug, lang, values, author, comment)


def edit_page(session: Session, slug: str, lang: str, values: dict[str, Any], author: str,
              comment: str = "") -> Saved:
    return save_record(session, "page", slug, lang, values, author, comment)


def edit_topic(session: Session, slug: str, values: dict[str, Any], author: str, comment: str = "") -> Saved:
    """Save a topic's names and descriptions (a dict per field, language -> text)."""
    return save_record(session, "topic", slug, "", values, author, comment)


def edit_glossary(session: Session, concept: str, values: dict[str, Any], author: str, comment: str = "") -> Saved:
    """Save a glossary concept's chosen terms and variants to avoid (a new concept when it does not exist)."""
    if read_record(session, "glossary", concept) is None:
        values = {"concept": concept, **values}
        model = validate("glossary", values)
        write_record(session, "glossary", concept, "", model)
        after = as_record(model)
        session.add(Revision(kind="glossary", slug=concept, action="create", author=author,
                             comment=comment.strip()[:500], fields=list(after), before=None, after=after))
        _mark(session, "glossary", concept, "", list(after), author, created=True)
        bump_directory_version(session)
        return Saved(None, [])
    return save_record(session, "glossary", concept, "", values, author, comment)


def mark_reviewed(session: Session, kind: str, slug: str, lang: str, author: str, comment: str = "") -> Saved:
    """A person checked this translation against the current German text."""
    if read_record(session, kind, slug, lang) is None:
        raise NotFound(kind)
    return save_record(session, kind, slug, lang, {"status": "reviewed"}, author, comment, action="review")


def create_entry(session: Session, slug: str, facts: dict[str, Any], texts: dict[str, Any], author: str,
                 comment: str = "") -> Saved:
    """A new entry made in the browser: its facts and German texts (it is never archived by a load)."""
    try:
        schema.check_slug(slug)
    except ValueError:
        raise InvalidInput({"slug": "invalid"}) from None
    if session.exec(select(Entry).where(Entry.slug == slug)).first() is not None:
        raise Conflict("slug_taken")
    german = as_record(validate("entry", {**texts, "status": "reviewed", "source_hash": None}))
    model = validate("facts", facts)
    missing = sorted(model.label_keys() - set(german["labels"]))  # type: ignore[attr-defined]
    if missing:
        raise InvalidInput({"labels": "missing"}, "no German label for: " + ", ".join(missing))
    after = as_record(model)
    write_record(session, "facts", slug, "", model)
    session.add(Revision(kind="facts", slug=slug, action="create", author=author, comment=comment.strip()[:500],
                         fields=list(after), before=None, after=after))
    _mark(session, "facts", slug, "", list(after), author, created=True)
    saved = save_record(session, "entry", slug, DEFAULT_LANG, german, author, comment, action="create")
    return saved


def restore_revision(session: Session, revision_id: int, author: str, comment: str = "") -> Saved:
    """Bring a record back to how it was after an earlier revision (kept as a new revision)."""
    old = session.get(Revision, revision_id)
    if old is None:
        raise NotFound("revision")
    note = comment or f"restored revision {old.id}"
    return save_record(session, old.kind, old.slug, old.lang, dict(old.after), author, note, action="restore",
                       stamp=False)


def history(session: Session, kind: str, slug: str, lang: str = "") -> list[Revision]:
    """The revisions of one record, newest first."""
    return list(session.exec(select(Revision).where(Revision.kind == kind, Revision.slug == slug,
                                                    Revision.lang == lang)
                             .order_by(Revision.created_at.desc(), Revision.id.desc())))  # type: ignore[attr-defined]


def last_review(session: Session, kind: str, slug: str, lang: str) -> Revision | None:
    """Who last marked this record reviewed, and when."""
    return session.exec(select(Revision).where(Revision.kind == kind, Revision.slug == slug, Revision.lang == lang,
                                               Revision.action == "review")
                        .order_by(Revision.id.desc())).first()  # type: ignore[attr-defined]
