"""Plain-language hints for a text being edited: long sentences, jargon from a list, glossary findings.

Hints never block a save; the edit page shows them next to the field.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, select

from service.directory.glossary import Concept, TextField, check_texts
from service.directory.models import GlossaryConcept
from service.directory.readability import MAX_SENTENCE, sentences, word_count
from service.i18n import DEFAULT_LANG

# Office words that have a plain alternative; matched case-insensitively as whole words or phrases.
JARGON = {
    "de": ("gemäß", "bezüglich", "seitens", "zwecks", "hinsichtlich", "vorbehaltlich", "nachweislich",
           "unverzüglich", "Leistungsberechtigte", "Antragsteller", "Antragstellerin", "Bedarfsgemeinschaft",
           "im Rahmen", "Inanspruchnahme", "fristgerecht", "obliegt"),
    "en": ("pursuant", "hereby", "in accordance with", "aforementioned", "notwithstanding", "thereof",
           "eligible persons", "in respect of"),
}


@dataclass(frozen=True)
class Hint:
    field: str
    kind: str  # long_sentence | jargon | glossary_variant | glossary_missing
    detail: str
    term: str = ""


def _text(value: Any) -> str:
    if isinstance(value, list):
        return "\n".join(str(v) for v in value)
    if isinstance(value, dict):
        return "\n".join(str(v) for v in value.values())
    return str(value or "")


def text_hints(session: Session, slug: str, lang: str, values: dict[str, Any],
               german: dict[str, Any] | None = None) -> list[Hint]:
    """Hints for one record's texts in `lang` (`german`: the German texts beside them, for the glossary)."""
    hints: list[Hint] = []
    for name, value in values.items():
        if name in ("keywords", "labels", "status", "source_hash"):
            continue
        text = _text(value)
        for sentence in sentences(text):
            if word_count(sentence) > MAX_SENTENCE:
                hints.append(Hint(name, "long_sentence", sentence[:80]))
        folded = f" {text.casefold()} "
        hints += [Hint(name, "jargon", word) for word in JARGON.get(lang, ()) if _whole(word.casefold(), folded)]
    concepts = [Concept(r.concept, r.de, dict(r.terms), dict(r.avoid))
                for r in session.exec(select(GlossaryConcept).order_by(GlossaryConcept.position))]
    fields = [TextField(slug, lang, name, _text(value), _text((german or {}).get(name)))
              for name, value in values.items() if name not in ("keywords", "labels", "status", "source_hash")]
    for finding in check_texts(concepts, fields):
        if finding.variant is not None:
            hints.append(Hint(finding.field, "glossary_variant", finding.variant, finding.term))
        elif lang != DEFAULT_LANG:
            hints.append(Hint(finding.field, "glossary_missing", "", finding.term))
    return hints


def _whole(word: str, text: str) -> bool:
    start = text.find(word)
    while start >= 0:
        before = text[start - 1] if start else " "
        after = text[start + len(word)] if start + len(word) < len(text) else " "
        if not before.isalnum() and not after.isalnum():
            return True
        start = text.find(word, start + 1)
    return False
