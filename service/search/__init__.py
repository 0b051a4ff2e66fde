"""Multilingual fuzzy search over the directory: `search(session, query, lang)` for the web, the API and the bot."""

from service.search.engine import MAX_QUERY, Hit, SearchResponse, get_index, search

__all__ = ["MAX_QUERY", "Hit", "SearchResponse", "get_index", "search"]
