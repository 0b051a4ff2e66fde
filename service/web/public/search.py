"""The search page's engine: the search core when it is installed, else a plain word match over titles and keywords."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlmodel import Session

from service.directory.queries import list_entries
from service.errors import InvalidInput

MAX_QUERY = 200

try:  # the search core lands separately; until then a simple match keeps the page useful
    from service.search import search as _core_search
except ImportError:  # pragma: no cover - depends on what is installed
    _core_search = None


@dataclass
class Hit:
    slug: str
    title: str
    summary: str
    score: float
    lang: str


@dataclass
class Result:
    hits: list = field(default_factory=list)
    suggestions: list[str] = field(default_factory=list)
    weak: bool = False


def _simple(session: Session, query: str, lang: str, limit: int) -> Result:
    words = [w for w in query.casefold().split() if len(w) > 1]
    hits = []
    views = {v.slug: v for v in list_entries(session, lang)}
    german = {v.slug: v for v in list_entries(session, "de")} if lang != "de" else views
    for slug, view in views.items():
        haystack = " ".join([view.title, view.summary, *view.texts.get("keywords", []), german[slug].title,
                             *german[slug].texts.get("keywords", [])]).casefold()
        found = sum(1 for w in words if w in haystack)
        if words and found:
            hits.append(Hit(slug, view.title, view.summary, found / len(words), lang))
    hits.sort(key=lambda h: -h.score)
    return Result(hits[:limit])


def run_search(session: Session, query: str, lang: str, limit: int = 20, record: bool = False) -> Result:
    """Search in the parent's language (and German), counting it when `record`; the caller commits."""
    if _core_search is not None:
        try:
            return _core_search(session, query[:MAX_QUERY], lang, limit, record=record)
        except InvalidInput:
            return Result(weak=True)
    return _simple(session, query, lang, limit)
