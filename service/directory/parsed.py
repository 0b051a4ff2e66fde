"""What the loader reads from `directory_data/` and what a load reports (shared by loader.py and apply.py)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from service.directory import schema
from service.directory.hashing import ENTRY_HASHED_FIELDS, PAGE_HASHED_FIELDS, source_hash
from service.i18n import DEFAULT_LANG


@dataclass
class ParsedEntry:
    slug: str
    facts: schema.EntryData
    texts: dict[str, schema.EntryTextData]


@dataclass
class DirectoryData:
    """Everything read from the files, validated."""

    topics: list[schema.TopicData] = field(default_factory=list)
    entries: dict[str, ParsedEntry] = field(default_factory=dict)
    kitas: dict[str, schema.KitaData] = field(default_factory=dict)
    pages: dict[str, dict[str, schema.PageData]] = field(default_factory=dict)
    staff: dict[str, schema.StaffData] = field(default_factory=dict)
    glossary: list[schema.GlossaryData] = field(default_factory=list)
    root: Path | None = None
    finder: Any = None  # service.finder.rules.FinderData from finder.yaml (None: no such file)


@dataclass
class LoadSummary:
    version: int
    entries: int
    archived: list[str]
    outdated: list[str]


def translation_status(text: schema.EntryTextData | schema.PageData, german_hash: str, lang: str) -> str:
    """A translation whose source hash no longer matches the German text is outdated."""
    if lang == DEFAULT_LANG:
        return text.status
    if text.source_hash != german_hash:
        return "outdated"
    return text.status


def german_hashes(entry: ParsedEntry) -> str:
    return source_hash(entry.texts[DEFAULT_LANG].model_dump(), ENTRY_HASHED_FIELDS)


def page_hash(texts: dict[str, schema.PageData]) -> str | None:
    german = texts.get(DEFAULT_LANG)
    return source_hash(german.model_dump(), PAGE_HASHED_FIELDS) if german else None
