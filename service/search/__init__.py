"""Multilingual fuzzy search over the directory: `search(session, query, lang)` for the web, the API and the bot."""

from service.search.engine import (
    GREETING,
    MATCH,
    MAX_QUERY,
    WEAK,
    Hit,
    SearchResponse,
    get_index,
    only_directory_words,
    record_search,
    search,
)

__all__ = ["GREETING", "MATCH", "MAX_QUERY", "WEAK", "Hit", "SearchResponse", "get_index", "only_directory_words",
           "record_search", "search"]
