"""The benefit and help finder: a family's answers -> fitting directory entries, with plain reasons.

- `parse_answers(raw)` validates the answers of the contract ("Finder") and raises `InvalidInput` with one code
  per field: `unknown` (no such question), `type`, `range`, `choice`, `too_many` (more than 12 children),
  `none_alone` (income "none" together with another).
- The rules and thresholds are data: `directory_data/finder.yaml`, validated by `rules.validate_rules`, loaded
  into the `finder_rules` table with the directory (`store_rules`) and exported again (`export_rules`).
- `evaluate(rules, answers, available)` is pure; `find_help(session, answers, lang)` returns a `FinderAnswer`
  (results likely first, then possible; not fitting; the disclaimer) with texts in the family's language.
  Reasons are gettext sentences (`reasons.py`), never assembled from pieces. Nothing about a family is stored.
"""

from service.finder.answers import Answers, parse_answers
from service.finder.engine import Finding, evaluate
from service.finder.operations import FinderAnswer, FinderItem, export_rules, find_help, store_rules

__all__ = [
    "Answers", "FinderAnswer", "FinderItem", "Finding", "evaluate", "export_rules", "find_help", "parse_answers",
    "store_rules",
]
