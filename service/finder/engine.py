"""Apply the finder rules to a family's answers: pure functions, no database, no texts."""

from __future__ import annotations

from dataclasses import dataclass, field

from service.finder.answers import Answers
from service.finder.rules import FinderData, Names, When

SHOWN = ("likely", "possible")


@dataclass(frozen=True)
class Finding:
    """One entry the rules decided on, with the reason code and the amounts its sentence names."""

    slug: str
    level: str                      # likely | possible | not_fitting
    reason: str
    params: dict[str, int] = field(default_factory=dict)


def _names(value: Names) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


class _Check:
    """Evaluates `When` conditions for one family against one rules file."""

    def __init__(self, rules: FinderData, answers: Answers, decided: dict[str, str]) -> None:
        self.rules, self.answers, self.decided = rules, answers, decided

    def amount(self, ref: str | int) -> int:
        """A threshold for this family; the lower value when the number of adults is unknown."""
        if isinstance(ref, int):
            return ref
        name, _, variant = ref.partition(".")
        threshold = self.rules.thresholds[name]
        if variant:
            return int(getattr(threshold, variant))
        if self.answers.adults == 1:
            return threshold.single
        if self.answers.adults == 2:
            return threshold.couple
        return min(threshold.single, threshold.couple)

    def aged(self, name: str) -> bool:
        low, high = self.rules.ages[name]
        return any(low <= age <= high for age in self.answers.children or ())

    def holds(self, when: When) -> bool:  # noqa: C901 - one branch per condition keeps the rules readable
        a = self.answers
        income = a.income
        if when.child_aged is not None and not self.aged(when.child_aged):
            return False
        if when.no_child_aged is not None and (a.children is None or self.aged(when.no_child_aged)):
            return False
        if when.children_known is not None and (a.children is not None) != when.children_known:
            return False
        if when.pregnant is not None and a.pregnant is not when.pregnant:
            return False
        if when.adults is not None:
            allowed = when.adults if isinstance(when.adults, list) else [when.adults]
            if a.adults not in allowed:
                return False
        if when.income_any is not None and not (income and income & self.rules.income_set(when.income_any)):
            return False
        if when.income_none_of is not None and (income is None or income & self.rules.income_set(when.income_none_of)):
            return False
        if when.income_only is not None and income != self.rules.income_set(when.income_only):
            return False
        if when.earned_at_least is not None and (
                a.earned_income is None or a.earned_income < self.amount(when.earned_at_least)):
            return False
        if when.earned_below is not None and (
                a.earned_income is None or a.earned_income >= self.amount(when.earned_below)):
            return False
        if when.child_support is not None and a.support not in _names(when.child_support):
            return False
        if when.disability is not None and a.disability is not when.disability:
            return False
        if when.worries_any is not None and not (a.worries & set(_names(when.worries_any))):
            return False
        if when.fits_any is not None and not any(self.decided.get(slug) in SHOWN for slug in when.fits_any):
            return False
        return when.any_of is None or any(self.holds(sub) for sub in when.any_of)


def evaluate(rules: FinderData, answers: Answers, available: set[str]) -> list[Finding]:
    """Every decided entry in rule order; the first rule block that decides an entry wins."""
    decided: dict[str, str] = {}
    findings: list[Finding] = []
    check = _Check(rules, answers, decided)
    for rule in rules.rules:
        slug = next((s for s in rule.slugs if s in available), None)
        if slug is None or slug in decided:
            continue
        for outcome in rule.outcomes:
            if not check.holds(outcome.when):
                continue
            decided[slug] = outcome.level
            if outcome.level != "skip" and outcome.reason:
                params = {name: check.amount(ref) for name, ref in outcome.params.items()}
                findings.append(Finding(slug, outcome.level, outcome.reason, params))
            break
    return findings
