"""Finder operations with an explicit session: store and read the rules, answer a family in its language."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from sqlmodel import Session, select

from service import counters
from service.directory.amounts import berlin_today
from service.directory.bidi import isolate_ltr
from service.directory.models import Entry, utcnow
from service.directory.queries import CONFIDENTIAL_TOPIC, list_entries
from service.errors import InvalidInput
from service.finder.answers import Answers
from service.finder.engine import Finding, evaluate
from service.finder.models import FinderRules
from service.finder.reasons import DISCLAIMER, REASONS
from service.finder.rules import FinderData, dump_rules, validate_rules
from service.i18n import language, translator
from service.present.entries import button_title
from service.present.formats import format_money

FILE_NAME = "finder.yaml"


@dataclass(frozen=True)
class FinderItem:
    """One entry in the answer, with its texts in the family's language."""

    slug: str
    level: str                      # likely | possible | not_fitting
    reason: str
    title: str
    summary: str
    apply: str                      # where to apply, from the entry's `where` text
    topics: tuple[str, ...]
    button: str = ""                # the entry's name on a button (short title, else the title shortened)

    @property
    def confidential(self) -> bool:
        """Entries about crisis and violence never go into a shared link."""
        return CONFIDENTIAL_TOPIC in self.topics


@dataclass(frozen=True)
class FinderAnswer:
    """What the finder tells a family: results (likely first), what does not fit, and the disclaimer."""

    lang: str
    results: list[FinderItem] = field(default_factory=list)
    not_fitting: list[FinderItem] = field(default_factory=list)
    disclaimer: str = ""

    @property
    def shareable_slugs(self) -> list[str]:
        return [item.slug for item in self.results if not item.confidential]


# --- the rules in the database -----------------------------------------------------------------------------

def read_rules_file(root: Path, entry_slugs: set[str] | None = None) -> tuple[FinderData | None, list[tuple[str, str]]]:
    """Parse `<root>/finder.yaml`; (None, []) when there is no such file (a directory without a finder)."""
    path = Path(root) / FILE_NAME
    if not path.exists():
        return None, []
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        return None, [("", f"is not valid YAML: {exc}")]
    return validate_rules(raw, entry_slugs)


def store_rules(session: Session, rules: FinderData) -> None:
    """Replace the live rules (the loader calls this inside its transaction)."""
    row = session.get(FinderRules, 1) or FinderRules(id=1, as_of=rules.as_of)
    row.as_of, row.data, row.updated_at = rules.as_of, dump_rules(rules), utcnow()
    session.add(row)


def export_rules(session: Session) -> dict[str, Any] | None:
    """The live rules as plain data in the file's layout (for `directory export`), or None when never loaded."""
    row = session.get(FinderRules, 1)
    return dict(row.data) if row else None


def finder_yaml(session: Session) -> dict[str, Any] | None:
    """What `directory export` writes to finder.yaml (curation's export hook)."""
    return export_rules(session)


def load_finder_yaml(session: Session, raw: Any) -> None:
    """Validate raw finder.yaml data against the live entries and store it; InvalidInput names each problem."""
    slugs = set(session.exec(select(Entry.slug).where(Entry.archived == False)).all())  # noqa: E712
    rules, problems = validate_rules(raw, slugs)
    if rules is None:
        raise InvalidInput({field or "finder": message for field, message in problems})
    store_rules(session, rules)


_cache_lock = threading.Lock()
_cache: dict[str, tuple[object, FinderData]] = {}


def live_rules(session: Session) -> FinderData | None:
    """The rules from the database, parsed again only when a load or an edit wrote them."""
    row = session.get(FinderRules, 1)
    if row is None:
        return None
    key, stamp = str(session.get_bind().url), (row.updated_at, row.as_of)
    cached = _cache.get(key)
    if cached and cached[0] == stamp:
        return cached[1]
    rules = FinderData.model_validate(row.data)
    with _cache_lock:
        _cache[key] = (stamp, rules)
    return rules


# --- answering a family ---------------------------------------------------------------------------------------

def find_help(session: Session, answers: Answers, lang: str, source: str | None = None) -> FinderAnswer:
    """Apply the live rules to `answers`; texts in `lang` (German per field where missing).

    With a `source` (web, api, bot) the anonymous `finder` counter notes which entries were shown, by language.
    """
    answer = _answer(session, answers, lang)
    if source:
        day = berlin_today()
        for item in answer.results or [None]:
            counters.count("finder", day, lang=lang, entry=item.slug if item else None, source=source)
    return answer


def _answer(session: Session, answers: Answers, lang: str) -> FinderAnswer:
    _ = translator(lang)
    rules = live_rules(session)
    if rules is None:
        return FinderAnswer(lang, disclaimer=_(DISCLAIMER))
    available = set(session.exec(select(Entry.slug).where(Entry.archived == False)).all())  # noqa: E712
    findings = evaluate(rules, answers, available)
    views = {view.slug: view for view in list_entries(session, lang)}
    items = [_item(finding, views[finding.slug], lang) for finding in findings if finding.slug in views]
    results = [i for i in items if i.level == "likely"] + [i for i in items if i.level == "possible"]
    return FinderAnswer(lang, results, [i for i in items if i.level == "not_fitting"], _(DISCLAIMER))


def _item(finding: Finding, view: Any, lang: str) -> FinderItem:
    _ = translator(lang)
    params = {name: format_money(value, "EUR", language(lang).code) for name, value in finding.params.items()}
    reason = _(REASONS[finding.reason], **params) if params else _(REASONS[finding.reason])
    if language(lang).rtl:
        reason = isolate_ltr(reason)
    return FinderItem(finding.slug, finding.level, reason, view.title, view.summary, view.texts.get("where", ""),
                      tuple(view.topics), button_title(view))
