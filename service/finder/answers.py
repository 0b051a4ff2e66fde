"""A family's answers to the finder: the fields, their allowed values, and validation into `Answers`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from service.errors import InvalidInput

INCOME_CHOICES = (
    "work", "buergergeld", "sozialhilfe", "asylblg", "wohngeld", "kinderzuschlag", "unemployment", "pension",
    "elterngeld", "none",
)
CHILD_SUPPORT_CHOICES = ("yes", "partly", "no")
WORRY_CHOICES = (
    "debts", "violence", "parenting", "addiction", "separation", "housing", "language", "health", "kita_place",
    "school_start",
)
FIELDS = (
    "children", "pregnant", "adults", "income", "earned_income", "rent", "child_support", "disability", "worries",
)
MAX_CHILDREN = 12
MAX_CHILD_AGE = 24
MAX_EUROS = 100_000


@dataclass(frozen=True)
class Answers:
    """What a family told the finder; None (or an absent list) means the question was skipped."""

    children: tuple[int, ...] | None = None
    pregnant: bool | None = None
    adults: int | None = None
    income: frozenset[str] | None = None
    earned_income: int | None = None
    rent: int | None = None
    child_support: str | None = None
    disability: bool | None = None
    worries: frozenset[str] = field(default_factory=frozenset)

    @property
    def support(self) -> str | None:
        """Child support is only read for one adult raising the children."""
        return self.child_support if self.adults == 1 else None


def _is_int(value: Any) -> bool:
    """A whole number; JSON's 23.0 counts (JSON Schema calls it an integer), True does not."""
    if isinstance(value, float):
        return value.is_integer()
    return isinstance(value, int) and not isinstance(value, bool)


def _euros(value: Any) -> tuple[int | None, str | None]:
    if value is None:
        return None, None
    if not _is_int(value):
        return None, "type"
    if not 0 <= value <= MAX_EUROS:
        return None, "range"
    return int(value), None


def _choices(value: Any, allowed: tuple[str, ...]) -> tuple[frozenset[str] | None, str | None]:
    if value is None:
        return None, None
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        return None, "type"
    if any(item not in allowed for item in value):
        return None, "choice"
    return frozenset(value), None


def _flag(value: Any) -> tuple[bool | None, str | None]:
    if value is None or isinstance(value, bool):
        return value, None
    return None, "type"


def parse_answers(raw: Any) -> Answers:
    """Validate raw answers (a JSON object); InvalidInput names every wrong field with a code."""
    if raw is None:
        return Answers()
    if not isinstance(raw, dict):
        raise InvalidInput({"answers": "type"})
    errors: dict[str, str] = {}
    for key in raw:
        if key not in FIELDS:
            errors[str(key)[:40]] = "unknown"
    values: dict[str, Any] = {}

    children = raw.get("children")
    if children is not None:
        if not isinstance(children, list) or not all(_is_int(age) for age in children):
            errors["children"] = "type"
        elif len(children) > MAX_CHILDREN:
            errors["children"] = "too_many"
        elif any(not 0 <= age <= MAX_CHILD_AGE for age in children):
            errors["children"] = "range"
        else:
            values["children"] = tuple(sorted(int(age) for age in children))

    adults = raw.get("adults")
    if adults is not None:
        if not _is_int(adults):
            errors["adults"] = "type"
        elif adults not in (1, 2):
            errors["adults"] = "range"
        else:
            values["adults"] = int(adults)

    income, problem = _choices(raw.get("income"), INCOME_CHOICES)
    if problem:
        errors["income"] = problem
    elif income is not None and "none" in income and len(income) > 1:
        errors["income"] = "none_alone"
    else:
        values["income"] = income

    worries, problem = _choices(raw.get("worries"), WORRY_CHOICES)
    if problem:
        errors["worries"] = problem
    else:
        values["worries"] = worries or frozenset()

    support = raw.get("child_support")
    if support is not None and support not in CHILD_SUPPORT_CHOICES:
        errors["child_support"] = "choice" if isinstance(support, str) else "type"
    else:
        values["child_support"] = support

    for name in ("earned_income", "rent"):
        values[name], problem = _euros(raw.get(name))
        if problem:
            errors[name] = problem
    for name in ("pregnant", "disability"):
        values[name], problem = _flag(raw.get(name))
        if problem:
            errors[name] = problem
    if errors:
        raise InvalidInput(errors)
    return Answers(**values)


def answers_to_dict(answers: Answers) -> dict[str, Any]:
    """The answers as JSON-ready values (lists sorted), for forms that show them again."""
    return {
        "children": list(answers.children) if answers.children is not None else None,
        "pregnant": answers.pregnant,
        "adults": answers.adults,
        "income": sorted(answers.income) if answers.income is not None else None,
        "earned_income": answers.earned_income,
        "rent": answers.rent,
        "child_support": answers.child_support,
        "disability": answers.disability,
        "worries": sorted(answers.worries),
    }
