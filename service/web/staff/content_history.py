"""History pages of every content record: revisions with word diffs, and restoring one as a new revision."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request
from flask_babel import gettext as _

from service.accounts.access import may_edit_facts, may_edit_language
from service.accounts.audit import record
from service.curation import operations
from service.curation.diff import diff_words
from service.curation.models import Revision
from service.i18n import DEFAULT_LANG
from service.web.database import db
from service.web.staff import bp
from service.web.staff.auth import current_user, require_role
from service.web.staff.content import ANY, KINDS, record_url


def _may_touch(kind: str, lang: str) -> bool:
    user = current_user()
    if kind == "facts":
        return may_edit_facts(user)
    if kind in ("topic", "glossary"):
        return may_edit_language(user, DEFAULT_LANG) or any(may_edit_language(user, code) for code in user.languages)
    return may_edit_language(user, lang)


def _history(kind: str, slug: str, lang: str = ""):  # noqa: ANN202 - a response
    if not _may_touch(kind, lang or DEFAULT_LANG):
        abort(403)
    revisions = operations.history(db(), kind, slug, lang)
    changes = [(rev, [(name, diff_words((rev.before or {}).get(name), rev.after.get(name))) for name in rev.fields])
               for rev in revisions]
    return render_template("staff/content/history.html", kind=kind, slug=slug, lang=lang, changes=changes,
                           back=record_url(kind, slug, lang or DEFAULT_LANG), may_facts=may_edit_facts(current_user()))


@bp.get("/content/<kinds>/<slug>/<lang>/history")
@require_role(*ANY)
def content_text_history(kinds: str, slug: str, lang: str):
    if kinds not in KINDS:
        abort(404)
    return _history(KINDS[kinds], slug, lang)


@bp.get("/content/entries/<slug>/facts/history")
@require_role(*ANY)
def content_facts_history(slug: str):
    return _history("facts", slug)


@bp.get("/content/topics/<slug>/history")
@require_role(*ANY)
def content_topic_history(slug: str):
    return _history("topic", slug)


@bp.get("/content/glossary/<slug>/history")
@require_role(*ANY)
def content_glossary_history(slug: str):
    return _history("glossary", slug)


@bp.post("/content/revisions/<int:revision_id>/restore")
@require_role(*ANY)
def content_restore(revision_id: int):
    """Bring a record back to an earlier revision (kept as a new revision, in the audit log)."""
    old = db().get(Revision, revision_id)
    if old is None:
        abort(404)
    if not _may_touch(old.kind, old.lang or DEFAULT_LANG) or (old.kind in ("topic", "glossary")
                                                             and not may_edit_facts(current_user())):
        abort(403)
    saved = operations.restore_revision(db(), revision_id, current_user().username,
                                        request.form.get("comment", "")[:500])
    lang = f"/{old.lang}" if old.lang else ""
    record(db(), current_user(), "content.restore", f"{old.kind}:{old.slug}{lang}", detail=f"revision {old.id}")
    db().commit()
    flash(_("Restored.") if saved.revision else _("Nothing was changed."), "ok")
    return redirect(record_url(old.kind, old.slug, old.lang or DEFAULT_LANG), code=303)
