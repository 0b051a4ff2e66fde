"""GET /api/v1/search?q=&lang=&limit= (contract: ../shared/CONTRACTS.md)."""

from __future__ import annotations

from flask import jsonify, request

from service.errors import InvalidInput
from service.search import MAX_QUERY, search
from service.web.api import bp
from service.web.api.common import entry_url, query_lang
from service.web.database import db
from service.web.errors import render_error
from service.web.state import settings

MAX_LIMIT = 50


def _limit() -> int | None:
    """The `limit` parameter (1..50, default 10), or None when malformed."""
    raw = request.args.get("limit", "")
    if raw == "":
        return 10
    if not raw.isascii() or not raw.isdigit() or not 1 <= int(raw) <= MAX_LIMIT:
        return None
    return int(raw)


@bp.get("/search")
def search_entries():
    """Entries matching `q`, best first, texts in `lang`; `kind` match/weak/greeting, `confident`; suggestions when
    weak."""
    lang = query_lang()
    query = request.args.get("q", "")
    if not query.strip():
        return render_error(400, "bad_request", {"q": "empty"})
    if len(query) > MAX_QUERY:
        return render_error(400, "bad_request", {"q": "too_long"})
    limit = _limit()
    if limit is None:
        return render_error(400, "bad_request", {"limit": "invalid"})
    session = db()
    try:
        response = search(session, query, lang, limit, record=settings().analytics_enabled)
    except InvalidInput as exc:
        return render_error(400, "bad_request", exc.fields)
    session.commit()
    return jsonify(
        query=response.query,
        kind=response.kind,
        confident=response.confident,
        results=[
            {"slug": hit.slug, "title": hit.title, "summary": hit.summary, "score": hit.score,
             "url": entry_url(hit.lang, hit.slug), "lang": hit.lang}
            for hit in response.hits
        ],
        suggestions=response.suggestions,
    )
