"""Facts of an entry (social workers and admin), a new entry, and the topics' names on one form."""

from __future__ import annotations

from typing import Any

import yaml
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlmodel import select

from service.accounts.access import may_edit_facts, may_edit_language
from service.accounts.audit import record
from service.curation import operations
from service.curation.records import read_record
from service.directory import schema
from service.directory.export import dump_yaml
from service.directory.models import Topic
from service.errors import Conflict, InvalidInput
from service.i18n import DEFAULT_LANG, LANGUAGE_CODES
from service.web.database import db
from service.web.staff import bp
from service.web.staff.auth import STAFF, current_user, require_role
from service.web.staff.content import ANY

AMOUNT_KEYS = tuple(k for k in ("label_key", "amount", "amount_max", "per", "as_of", "valid_until")
                    if k in schema.AmountData.model_fields)
YAML_GROUPS = ("deadlines", "phones", "emails", "locations", "links", "sources", "legal_basis", "eligibility")


def _amounts_from_form(errors: dict[str, str]) -> list[dict[str, Any]]:
    amounts = []
    try:
        count = min(int(request.form.get("amounts-count", "0")), 50)
    except ValueError:
        count = 0
    for index in range(count + 1):
        item = {key: request.form.get(f"amounts-{index}-{key}", "").strip() for key in AMOUNT_KEYS}
        if not item.get("label_key") and not item.get("amount"):
            continue
        if request.form.get(f"amounts-{index}-remove"):
            continue
        for key in ("amount", "amount_max"):
            if item.get(key):
                try:
                    item[key] = float(item[key].replace(",", "."))  # type: ignore[assignment]
                except ValueError:
                    errors[f"amounts-{index}-{key}"] = "invalid"
        amounts.append({k: v for k, v in item.items() if v not in ("", None)} | {"currency": "EUR"})
    return amounts


def _facts_from_form(current: dict[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    errors: dict[str, str] = {}
    values = dict(current)
    values["amounts"] = _amounts_from_form(errors)
    for group in YAML_GROUPS:
        raw = request.form.get(group, "")
        try:
            values[group] = yaml.safe_load(raw) if raw.strip() else []
        except yaml.YAMLError:
            errors[group] = "invalid"
    values["verified_on"] = request.form.get("verified_on", "").strip() or None
    values["verified"] = request.form.get("verified") == "yes"
    return values, errors


@bp.route("/content/entries/<slug>/facts", methods=["GET", "POST"])
@require_role(*STAFF)
def content_facts(slug: str):
    """Amounts with as_of, deadlines, phones, places and hours, links, sources, verified_on."""
    session = db()
    current = read_record(session, "facts", slug)
    if current is None:
        abort(404)
    values, errors, status = current, {}, 200
    if request.method == "POST":
        values, errors = _facts_from_form(current)
        if not errors:
            try:
                saved = operations.edit_entry_facts(session, slug, values, current_user().username,
                                                    request.form.get("comment", "")[:500])
            except InvalidInput as exc:
                errors = dict(exc.fields)
            else:
                if saved.revision is not None:
                    record(session, current_user(), "content.facts", f"entry:{slug}",
                           detail=",".join(saved.revision.fields))
                session.commit()
                flash(_("Saved.") if saved.revision else _("Nothing was changed."), "ok")
                return redirect(url_for("staff.content_facts", slug=slug), code=303)
        status = 422
    groups = {g: (request.form.get(g, "") if request.method == "POST" else
                  (dump_yaml(values.get(g)) if values.get(g) else "")) for g in YAML_GROUPS}
    return render_template("staff/content/facts.html", slug=slug, values=values, errors=errors, groups=groups,
                           amount_keys=AMOUNT_KEYS, may_facts=True,
                           title=(read_record(session, "entry", slug, DEFAULT_LANG) or {}).get("title", slug)), status


@bp.route("/content/new", methods=["GET", "POST"])
@require_role(*STAFF)
def content_new():
    """A new entry: slug, kind, topics, a German title and summary, and a source."""
    session = db()
    topics = list(session.exec(select(Topic).order_by(Topic.position)))
    form = {k: request.form.get(k, "").strip() for k in ("slug", "kind", "title", "summary", "source_title",
                                                           "source_url")}
    chosen = [t for t in request.form.getlist("topics") if t in {x.slug for x in topics}]
    errors: dict[str, str] = {}
    if request.method == "POST":
        facts = {"kind": form["kind"] or "service", "topics": chosen,
                 "sources": [{"title": form["source_title"], **({"url": form["source_url"]} if form["source_url"]
                                                                else {})}]}
        try:
            operations.create_entry(session, form["slug"], facts, {"title": form["title"], "summary": form["summary"]},
                                    current_user().username, request.form.get("comment", "")[:500])
        except InvalidInput as exc:
            errors = {key.split(".")[0]: code for key, code in exc.fields.items()}
        except Conflict:
            errors = {"slug": "taken"}
        else:
            record(session, current_user(), "content.create", f"entry:{form['slug']}")
            session.commit()
            flash(_("The entry was created. Now write its texts and facts."), "ok")
            return redirect(url_for("staff.content_text", kinds="entries", slug=form["slug"], lang=DEFAULT_LANG),
                            code=303)
    return render_template("staff/content/new.html", form=form, chosen=chosen, topics=topics, errors=errors,
                           may_facts=True), 422 if errors else 200


@bp.route("/content/topics", methods=["GET", "POST"])
@require_role(*ANY)
def content_topics():
    """Every topic's name and description in every language on one form (editors: their languages)."""
    session = db()
    user = current_user()
    editable = [code for code in LANGUAGE_CODES if may_edit_language(user, code)]
    topics = list(session.exec(select(Topic).order_by(Topic.position)))
    if request.method == "POST":
        changed = 0
        try:
            for topic in topics:
                values = read_record(session, "topic", topic.slug) or {}
                names, descriptions = dict(values.get("names") or {}), dict(values.get("descriptions") or {})
                for code in editable:
                    for target, field in ((names, "name"), (descriptions, "description")):
                        text = " ".join(request.form.get(f"{topic.slug}-{field}-{code}", "").split())
                        if text:
                            target[code] = text
                        elif code != DEFAULT_LANG:
                            target.pop(code, None)
                saved = operations.edit_topic(session, topic.slug, {"names": names, "descriptions": descriptions},
                                              user.username, request.form.get("comment", "")[:500])
                if saved.revision is not None:
                    changed += 1
                    record(session, user, "content.edit", f"topic:{topic.slug}", detail=",".join(saved.revision.fields))
        except InvalidInput:
            session.rollback()
            flash(_("Every topic needs a German name."), "error")
            return redirect(url_for("staff.content_topics"), code=303)
        session.commit()
        flash(_("Saved.") if changed else _("Nothing was changed."), "ok")
        return redirect(url_for("staff.content_topics"), code=303)
    return render_template("staff/content/topics.html", topics=topics, editable=editable, langs=LANGUAGE_CODES,
                           may_facts=may_edit_facts(user))
