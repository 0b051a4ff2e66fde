"""GET /api/v1/entries and /api/v1/entries/<slug>."""

from __future__ import annotations

from flask import jsonify

from service.directory.queries import EntryView, get_entry, list_entries
from service.web.api import bp
from service.web.api.common import entry_url, query_lang
from service.web.database import db


def _brief(view: EntryView) -> dict:
    return {
        "slug": view.slug,
        "kind": view.kind,
        "title": view.title,
        "summary": view.summary,
        "url": entry_url(view.lang, view.slug),
        "lang": view.lang,
        "fallback": view.fallback,
    }


@bp.get("/entries")
def entries():
    """All entries in the requested language."""
    return jsonify([_brief(v) for v in list_entries(db(), query_lang())])


@bp.get("/entries/<slug>")
def entry(slug: str):
    """One whole entry: texts in the requested language (German per missing field), facts and labels."""
    view = get_entry(db(), slug, query_lang())
    return jsonify(
        _brief(view)
        | {key: view.texts[key] for key in view.texts}
        | {"status": view.status, "topics": view.topics, "organisation": view.organisation,
           "labels": view.labels}
        | view.facts
    )
