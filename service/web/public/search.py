"""The search page's call into the search core: bad input becomes "nothing found", never an error page."""

from __future__ import annotations

from sqlmodel import Session

from service.errors import InvalidInput
from service.search import MAX_QUERY, SearchResponse, search


def run_search(session: Session, query: str, lang: str, limit: int = 20) -> SearchResponse:
    """Search in the parent's language (and German); the caller counts it (service.search.record_search)."""
    text = query[:MAX_QUERY]
    try:
        return search(session, text, lang, limit, record=False)
    except InvalidInput:
        return SearchResponse(text, [], [])
