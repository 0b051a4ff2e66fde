"""Topic names in the reader's language with the German fallback, in one place."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from service.i18n import DEFAULT_LANG


def topic_name(names: Mapping[str, str] | None, lang: str, slug: str = "") -> str:
    """A topic's name in `lang`, else German, else its slug."""
    names = names or {}
    return names.get(lang) or names.get(DEFAULT_LANG) or slug


def name_of(topic: Any, lang: str) -> str:
    """The name of a Topic row (anything with `names` and `slug`)."""
    return topic_name(topic.names, lang, topic.slug)


def topic_names(topics: Iterable[Any], lang: str) -> dict[str, str]:
    """Slug -> name for Topic rows, in order."""
    return {topic.slug: name_of(topic, lang) for topic in topics}
