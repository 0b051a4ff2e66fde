"""Factories for tests: small valid directory files, and rows made with overridable defaults."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

TOPICS = [
    {"slug": slug, "icon": "", "names": {"de": name_de, "en": name_en}}
    for slug, name_de, name_en in [
        ("money", "Geld", "Money"),
        ("kita-school", "Kita und Schule", "Kita and school"),
        ("health-development", "Gesundheit", "Health"),
        ("parenting-family", "Familie", "Family"),
        ("crisis-protection", "Schutz", "Protection"),
        ("language-integration", "Sprache", "Language"),
        ("debts-legal", "Schulden und Recht", "Debts and law"),
        ("daily-needs", "Alltag", "Daily needs"),
    ]
]


def entry_facts(**overrides: Any) -> dict[str, Any]:
    facts: dict[str, Any] = {
        "kind": "benefit",
        "topics": ["money"],
        "amounts": [{"label_key": "per_child", "amount": 259, "currency": "EUR", "per": "month",
                     "as_of": "2026-01-01"}],
        "phones": [{"number": "0800 4 5555 30", "label_key": "hotline", "free_of_charge": True}],
        "sources": [{"title": "Test source", "url": "https://example.org/source"}],
        "verified": True,
    }
    facts.update(overrides)
    return facts


def entry_texts(title: str = "Kindergeld", **overrides: Any) -> dict[str, Any]:
    texts: dict[str, Any] = {
        "status": "reviewed",
        "title": title,
        "summary": "Geld für jedes Kind.",
        "for_whom": "Für alle Familien.",
        "what_you_get": "Geld jeden Monat.",
        "how_to_apply": ["Antrag ausfüllen.", "Antrag abschicken."],
        "what_to_bring": ["Geburtsurkunde"],
        "where": "Familienkasse",
        "keywords": ["kindergeld", "geld"],
        "labels": {"per_child": "pro Kind", "hotline": "Hotline"},
    }
    texts.update(overrides)
    return texts


def write_yaml(path: Path, data: Any) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def write_entry(root: Path, slug: str, facts: dict[str, Any] | None = None,
                texts: dict[str, dict[str, Any]] | None = None) -> Path:
    """Write one entry folder; `texts` maps language to texts (German by default)."""
    folder = root / "entries" / slug
    write_yaml(folder / "entry.yaml", facts or entry_facts())
    for lang, data in (texts or {"de": entry_texts()}).items():
        write_yaml(folder / f"{lang}.yaml", data)
    return folder


def write_mini_directory(root: Path) -> Path:
    """Topics, two entries (one with an English translation) and one kita."""
    from service.directory.hashing import source_hash

    write_yaml(root / "topics.yaml", TOPICS)
    german = entry_texts()
    english = entry_texts("Child benefit", status="machine", summary="Money for every child.",
                          source_hash=source_hash(german), labels={"per_child": "per child"})
    write_entry(root, "kindergeld", texts={"de": german, "en": english})
    write_entry(root, "wohngeld", entry_facts(amounts=[], phones=[]),
                {"de": entry_texts("Wohngeld", labels={}, summary="Hilfe für die Miete.")})
    write_yaml(root / "kitas" / "loevenich.yaml", {
        "name": "Städt. Kita Lövenich", "address": {"city": "Erkelenz"}, "verified": False,
        "texts": {"de": {"status": "reviewed", "summary": "Kita in Lövenich.", "description": "Beschreibung."}},
    })
    return root
