"""POST /api/v1/finder: which help fits a family (contract: ../shared/CONTRACTS.md, "Finder")."""

from __future__ import annotations

from flask import jsonify, request

from service.errors import InvalidInput
from service.finder import find_help, parse_answers
from service.i18n import normalize_lang
from service.web.api import bp
from service.web.api.common import entry_url
from service.web.database import db
from service.web.errors import render_error
from service.web.extensions import csrf
from service.web.state import settings

csrf.exempt(bp)
FIELDS = {"lang", "answers"}


@bp.post("/finder")
def finder():
    """{lang, answers} -> {results: [{slug, level, reason, apply, url}], not_fitting: [{slug, reason}], disclaimer}."""
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        return render_error(400, "bad_request")
    errors = {str(name)[:40]: "unknown" for name in body if name not in FIELDS}
    lang = normalize_lang(body["lang"]) if isinstance(body.get("lang"), str) else None
    if "lang" in body and lang is None:
        errors["lang"] = "invalid"
    try:
        answers = parse_answers(body.get("answers"))
    except InvalidInput as exc:
        errors.update({name if name == "answers" else f"answers.{name}": code for name, code in exc.fields.items()})
    if errors:
        return render_error(422, "invalid", errors)
    lang = lang or "de"
    answer = find_help(db(), answers, lang, source="api" if settings().analytics_enabled else None)
    return jsonify(
        results=[{"slug": item.slug, "level": item.level, "reason": item.reason, "apply": item.apply,
                  "url": entry_url(lang, item.slug)} for item in answer.results],
        not_fitting=[{"slug": item.slug, "reason": item.reason} for item in answer.not_fitting],
        disclaimer=answer.disclaimer,
    )
