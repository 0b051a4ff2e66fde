"""What is due (outdated and unreviewed translations, old amounts, unverified contacts, feedback, unmet searches)
and the glossary, whose columns the editors of each language keep."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlmodel import select

from service.accounts.access import may_edit_facts, may_edit_language
from service.accounts.audit import record
from service.clock import berlin_today
from service.curation import operations
from service.curation.overview import due
from service.directory.models import GlossaryConcept
from service.errors import InvalidInput
from service.i18n import DEFAULT_LANG, LANGUAGE_CODES
from service.web.database import db
from service.web.staff import bp
from service.web.staff.auth import current_user, require_role
from service.web.staff.content import ANY, record_url, visible_languages


@bp.get("/content/due")
@require_role(*ANY)
def content_due():
    """Each item with a link to where to fix it; parents' feedback only for social workers and admin."""
    user = current_user()
    staff = may_edit_facts(user)
    today = berlin_today()
    items = due(db(), today, with_feedback=staff)
    langs = [code for code in visible_languages() if code != DEFAULT_LANG]
    if staff:
        record(db(), user, "feedback.view", "due")
        db().commit()
    return render_template("staff/content/due.html", due=items, langs=langs, staff=staff, record_url=record_url,
                           may_facts=staff, year=today.year)


@bp.route("/content/glossary", methods=["GET", "POST"])
@require_role(*ANY)
def content_glossary():
    """Concepts with the chosen term per language and the variants to avoid."""
    session = db()
    user = current_user()
    editable = [code for code in LANGUAGE_CODES if may_edit_language(user, code)]
    concepts = list(session.exec(select(GlossaryConcept).order_by(GlossaryConcept.position)))
    if request.method == "POST":
        changed = 0
        try:
            for concept in concepts + ([None] if may_edit_facts(user) else []):
                slug = concept.concept if concept else request.form.get("new-concept", "").strip()
                if not slug:
                    continue
                terms = dict(concept.terms) if concept else {}
                avoid = {k: list(v) for k, v in (concept.avoid if concept else {}).items()}
                german = concept.de if concept else " ".join(request.form.get("new-de", "").split())
                for code in editable:
                    term = " ".join(request.form.get(f"{slug}-term-{code}", "").split())
                    words = [w.strip() for w in request.form.get(f"{slug}-avoid-{code}", "").split(",") if w.strip()]
                    if code == DEFAULT_LANG:
                        german = term or german
                        continue
                    terms = {**terms, code: term} if term else {k: v for k, v in terms.items() if k != code}
                    avoid = {**avoid, code: words} if words else {k: v for k, v in avoid.items() if k != code}
                saved = operations.edit_glossary(session, slug, {"de": german, "terms": terms, "avoid": avoid},
                                                 user.username, request.form.get("comment", "")[:500])
                if saved.revision is not None or concept is None:
                    changed += 1
                    record(session, user, "content.edit", f"glossary:{slug}")
        except InvalidInput:
            session.rollback()
            flash(_("A concept needs a short name (a-z, 0-9, hyphens) and a German word."), "error")
            return redirect(url_for("staff.content_glossary"), code=303)
        session.commit()
        flash(_("Saved.") if changed else _("Nothing was changed."), "ok")
        return redirect(url_for("staff.content_glossary"), code=303)
    return render_template("staff/content/glossary.html", concepts=concepts, editable=editable, langs=LANGUAGE_CODES,
                           may_facts=may_edit_facts(user))
