"""One term per concept per language: check texts against `glossary.yaml`.

A text *uses* a variant when it contains one of the concept's `avoid` words for its language; it *lacks* the
term when the German title, short title or summary names the concept and the translation of that field contains
neither the chosen term nor the German word itself (as letters name it). Matching goes through the search normaliser
(`service.search.normalize`: case, diacritics, letter variants of every script) plus a light stem, so inflected forms
count ("детских денег" is "детские деньги").

The CLI `flask --app service.web directory glossary-check` wraps `check_database` and `check_files`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlmodel import Session, select

from service.directory.models import Entry, EntryTranslation, GlossaryConcept
from service.i18n import DEFAULT_LANG
from service.search.normalize import light_stem, script, tokens

# A translation must carry the chosen term where the German names the concept in these fields (the first things
# a parent reads); in the body texts a concept may be paraphrased, but an avoided variant is a finding everywhere.
LACKS_FIELDS = ("title", "short_title", "summary")
MAX_ENDING = 4
_ARABIC_CLITICS = frozenset("وبلف")  # "and", "with", "for", "so" written onto the next word, even a short one
# Turkish stacks suffixes ("Gençlik Dairesindeki", "kreşlerdir"): a longer ending still inflects the same word.
LONG_ENDINGS = {"tr": 8}
CHECKED_FIELDS = ("title", "short_title", "summary", "for_whom", "what_you_get", "how_to_apply", "what_to_bring",
                  "where")


@dataclass(frozen=True)
class Concept:
    """A concept as the check needs it (from the file or from the database)."""

    concept: str
    de: str
    terms: Mapping[str, str] = field(default_factory=dict)
    avoid: Mapping[str, list[str]] = field(default_factory=dict)


@dataclass(frozen=True)
class TextField:
    """One field of one entry in one language, with the German text of the same field."""

    slug: str
    lang: str
    field: str
    text: str
    german: str = ""


@dataclass(frozen=True)
class Finding:
    slug: str
    lang: str
    field: str
    term: str
    variant: str | None = None

    def __str__(self) -> str:
        where = f"{self.slug} {self.lang} {self.field}"
        if self.variant is not None:
            return f'{where}: uses "{self.variant}" (use "{self.term}")'
        return f'{where}: lacks "{self.term}"'


def _stem(token: str) -> str:
    if script(token) == "arabic":
        return light_stem(token)
    return token[: max(3, len(token) - 2)] if len(token) > 4 else token


def _phrase(text: str) -> list[str]:
    return [_stem(token) for token in tokens(text)]


def count(phrase: str, text: str, lang: str = "") -> int:
    """How often `phrase` occurs in `text`, word by word, each word of the text starting like the stem."""
    wanted = _phrase(phrase)
    if not wanted:
        return 0
    words = tokens(text)
    stems = [light_stem(w) if script(w) == "arabic" else w for w in words]
    hits = 0
    for start in range(len(words) - len(wanted) + 1):
        if all(_inflected(words[start + i], stems[start + i], stem, LONG_ENDINGS.get(lang, MAX_ENDING))
               for i, stem in enumerate(wanted)):
            hits += 1
    return hits


def _inflected(word: str, stemmed: str, stem: str, ending: int) -> bool:
    """The word is the stem plus at most an ending ("детских" of "детск"), not a compound ("Kindergesundheit")."""
    forms = (word, stemmed, word[1:]) if word[:1] in _ARABIC_CLITICS else (word, stemmed)
    return any(form.startswith(stem) and len(form) - len(stem) <= ending for form in forms)


def check_texts(concepts: Iterable[Concept], texts: Iterable[TextField]) -> list[Finding]:
    """Every use of an avoided variant, and every translation that drops the chosen term."""
    concepts = list(concepts)
    terms: dict[str, list[str]] = {}
    for concept in concepts:
        for lang, chosen in concept.terms.items():
            terms.setdefault(lang, []).append(chosen)
    findings: list[Finding] = []
    for item in texts:
        for concept in concepts:
            term = concept.de if item.lang == DEFAULT_LANG else concept.terms.get(item.lang)
            if term is None:
                continue
            used = count(term, item.text, item.lang)
            for variant in concept.avoid.get(item.lang, []):
                # a variant inside a chosen term (ar "حضانة" in "حق الحضانة", custody) counts only beyond those uses
                allowed = sum(count(variant, chosen, item.lang) * count(chosen, item.text, item.lang)
                              for chosen in terms.get(item.lang, ()))
                if count(variant, item.text, item.lang) > allowed:
                    findings.append(Finding(item.slug, item.lang, item.field, term, variant))
            if (item.lang != DEFAULT_LANG and item.field in LACKS_FIELDS and not used
                    and count(concept.de, item.german) and not count(concept.de, item.text)):
                findings.append(Finding(item.slug, item.lang, item.field, term))
    return findings


def _joined(value: Any) -> str:
    return "\n".join(value) if isinstance(value, list) else str(value or "")


def _fields(slug: str, by_lang: Mapping[str, Mapping[str, Any]]) -> list[TextField]:
    german = by_lang.get(DEFAULT_LANG, {})
    return [TextField(slug, lang, name, _joined(texts.get(name)), _joined(german.get(name)))
            for lang, texts in sorted(by_lang.items()) for name in CHECKED_FIELDS]


def check_files(root: Path) -> list[Finding]:
    """Check the YAML files below `root` against their `glossary.yaml`."""
    from service.directory.loader import parse_directory

    data = parse_directory(Path(root))
    concepts = [Concept(c.concept, c.de, dict(c.terms), dict(c.avoid)) for c in data.glossary]
    texts = [f for slug, parsed in data.entries.items()
             for f in _fields(slug, {lang: t.model_dump() for lang, t in parsed.texts.items()})]
    return check_texts(concepts, texts)


def check_database(session: Session) -> list[Finding]:
    """Check the live entry texts against the live glossary."""
    concepts = [Concept(row.concept, row.de, dict(row.terms), dict(row.avoid))
                for row in session.exec(select(GlossaryConcept).order_by(GlossaryConcept.position))]
    rows = session.exec(select(Entry.slug, EntryTranslation).join(Entry, Entry.id == EntryTranslation.entry_id)
                        .where(Entry.archived == False).order_by(Entry.slug))  # noqa: E712
    by_entry: dict[str, dict[str, dict[str, Any]]] = {}
    for slug, row in rows:
        by_entry.setdefault(slug, {})[row.lang] = row.model_dump()
    return check_texts(concepts, [f for slug, langs in by_entry.items() for f in _fields(slug, langs)])
