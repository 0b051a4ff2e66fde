"""POST /api/v1/feedback: a parent's anonymous answer (did an entry help; what a search was looking for)."""

from __future__ import annotations

from flask import jsonify, request

from service.curation.feedback import give_feedback
from service.errors import InvalidInput
from service.i18n import normalize_lang
from service.web.api import bp
from service.web.database import db
from service.web.errors import render_error
from service.web.extensions import csrf, limiter

csrf.exempt(bp)  # JSON without cookies, like the rest of the API
FIELDS = {"kind", "lang", "entry", "helpful", "text"}


@bp.post("/feedback")
@limiter.limit("30/hour;6/minute")
def feedback():
    """{kind: entry|search, lang, entry (kind entry), helpful (kind entry), text (kind search)} -> 201."""
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        return render_error(400, "bad_request")
    unknown = set(body) - FIELDS
    if unknown:
        return render_error(422, "invalid", {name: "unknown" for name in sorted(unknown)})
    kind, lang, entry, helpful, text = (body.get(k) for k in ("kind", "lang", "entry", "helpful", "text"))
    errors = {name: "invalid" for name, value, kind_ in (("kind", kind, str), ("lang", lang, str),
                                                          ("entry", entry, str), ("helpful", helpful, bool),
                                                          ("text", text, str))
              if value is not None and not isinstance(value, kind_)}
    if errors:
        return render_error(422, "invalid", errors)
    try:
        give_feedback(db(), kind or "", normalize_lang(lang or "") or (lang or ""), entry=entry, helpful=helpful,
                      text=(text or "")[:2000], channel="api")
    except InvalidInput as exc:
        return render_error(422, "invalid", exc.fields)
    db().commit()
    return jsonify(stored=True), 201
