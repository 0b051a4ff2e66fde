"""Content pages: the list of everything with its translation status, and the text edit pages (entries, kitas,
pages) with the German text beside the translation, a preview, plain-language hints, history and review."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlmodel import select

from service.accounts.access import may_edit_facts, may_edit_language
from service.accounts.audit import record
from service.accounts.models import ADMIN, EDITOR, SOCIAL_WORKER
from service.curation import operations
from service.curation.hints import text_hints
from service.curation.overview import content_rows, filter_rows
from service.curation.records import read_record
from service.directory.models import Kita, Topic
from service.directory.queries import get_entry
from service.errors import InvalidInput, NotFound
from service.i18n import DEFAULT_LANG, LANGUAGE_CODES, LANGUAGES, language
from service.present import entries as present
from service.web.database import db
from service.web.staff import bp
from service.web.staff.auth import current_user, require_language, require_role
from service.web.staff.content_forms import FIELDS, STATUS_CHOICES, parse_text_form, shown

ANY = (ADMIN, SOCIAL_WORKER, EDITOR)
KINDS = {"entries": "entry", "kitas": "kita", "pages": "page"}
STATUSES = ("machine", "reviewed", "outdated", "missing")


def visible_languages() -> list[str]:
    """German and the languages this user may edit (all for social workers and admin)."""
    user = current_user()
    return [code for code in LANGUAGE_CODES if code == DEFAULT_LANG or may_edit_language(user, code)]


def record_url(kind: str, slug: str, lang: str = "") -> str:
    if kind == "facts":
        return url_for("staff.content_facts", slug=slug)
    if kind == "topic":
        return url_for("staff.content_topics")
    if kind == "glossary":
        return url_for("staff.content_glossary")
    plural = {v: k for k, v in KINDS.items()}[kind]
    return url_for("staff.content_text", kinds=plural, slug=slug, lang=lang)


@bp.get("/content")
@require_role(*ANY)
def content():
    """Every entry, kita and page with its status per language; filters by language, status and topic."""
    session = db()
    langs = visible_languages()
    lang = request.args.get("lang", "") if request.args.get("lang", "") in langs else ""
    status = request.args.get("status", "") if request.args.get("status", "") in STATUSES else ""
    topics = list(session.exec(select(Topic).order_by(Topic.position)))
    topic = request.args.get("topic", "")
    topic = topic if topic in {t.slug for t in topics} else ""
    rows = filter_rows(content_rows(session), lang, status, topic)
    columns = [lang] if lang else langs
    return render_template("staff/content/list.html", rows=rows, columns=columns, langs=langs, filter_lang=lang,
                           status=status, topic=topic, topics=topics, statuses=STATUSES,
                           topic_names={t.slug: t.names.get(DEFAULT_LANG, t.slug) for t in topics},
                           record_url=record_url, may_facts=may_edit_facts(current_user()))


def _target(kinds: str, slug: str, lang: str) -> str:
    kind = KINDS.get(kinds)
    if kind is None or lang not in LANGUAGE_CODES:
        abort(404)
    require_language(lang)
    if kind == "entry" and read_record(db(), "facts", slug) is None:
        abort(404)
    if kind == "kita" and db().exec(select(Kita).where(Kita.slug == slug)).first() is None:
        abort(404)
    if kind == "page" and read_record(db(), "page", slug, DEFAULT_LANG) is None:
        abort(404)
    return kind


def _preview(kind: str, slug: str, lang: str, values: dict[str, Any]) -> dict[str, Any]:
    """What a parent would see: the entry's sections with amounts and phones filled in, or the page text."""
    if kind != "entry":
        return {"paragraphs": [p for p in "\n\n".join(str(v) for v in values.values() if isinstance(v, str))
                               .split("\n\n") if p.strip()]}
    view = get_entry(db(), slug, lang)
    texts = dict(view.texts)
    texts.update({k: v for k, v in values.items() if k in texts and v})
    view.texts = texts
    view.labels = {**view.labels, **(values.get("labels") or {})}
    return {"title": texts.get("title"), "summary": texts.get("summary"),
            "amounts": present.amounts(view, lang), "sections": present.sections(view, lang)}


@bp.route("/content/<kinds>/<slug>/<lang>", methods=["GET", "POST"])
@require_role(*ANY)
def content_text(kinds: str, slug: str, lang: str):
    """Edit the texts of an entry, kita or page in one language, the German text beside them."""
    kind = _target(kinds, slug, lang)
    session = db()
    current = read_record(session, kind, slug, lang) or {}
    german = read_record(session, kind, slug, DEFAULT_LANG) or {}
    values, errors = dict(current), {}
    comment, status_code, preview = "", 200, None
    if request.method == "POST":
        values, errors = parse_text_form(kind, lang)
        values.setdefault("status", current.get("status", "machine"))
        comment = request.form.get("comment", "")[:500]
        if request.form.get("action") == "preview":
            preview = _preview(kind, slug, lang, values)
        elif not errors:
            try:
                saved = operations.save_record(session, kind, slug, lang, values, current_user().username, comment)
            except InvalidInput as exc:
                errors = dict(exc.fields)
            else:
                if saved.revision is not None:
                    record(session, current_user(), "content.edit", f"{kind}:{slug}/{lang}",
                           detail=",".join(saved.revision.fields))
                session.commit()
                flash(_("Saved.") if saved.revision else _("Nothing was changed."), "ok")
                if saved.outdated:
                    flash(_("The translations into %(langs)s are now marked as outdated.",
                            langs=", ".join(saved.outdated)), "ok")
                return redirect(record_url(kind, slug, lang), code=303)
        status_code = 422 if errors else 200
    hints = text_hints(session, slug, lang, {f.name: values.get(f.name) for f in FIELDS[kind]}, german)
    review = operations.last_review(session, kind, slug, lang)
    return render_template(
        "staff/content/edit.html", kind=kind, kinds=kinds, slug=slug, edit_lang=language(lang), values=values,
        german=german, fields=FIELDS[kind], shown=shown, errors=errors, hints=hints, comment=comment,
        preview=preview or _preview(kind, slug, lang, values), status_choices=STATUS_CHOICES, review=review,
        languages=[item for item in LANGUAGES if item.code in visible_languages()], exists=bool(current),
        may_facts=may_edit_facts(current_user()),
    ), status_code


@bp.post("/content/<kinds>/<slug>/<lang>/review")
@require_role(*ANY)
def content_review(kinds: str, slug: str, lang: str):
    """Mark a translation as checked by a person against the current German text."""
    kind = _target(kinds, slug, lang)
    try:
        operations.mark_reviewed(db(), kind, slug, lang, current_user().username, request.form.get("comment", ""))
    except NotFound:
        abort(404)
    record(db(), current_user(), "content.edit", f"{kind}:{slug}/{lang}", detail="reviewed")
    db().commit()
    flash(_("Marked as reviewed."), "ok")
    return redirect(record_url(kind, slug, lang), code=303)
