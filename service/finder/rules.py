"""The shape of `directory_data/finder.yaml` (pydantic; unknown keys are errors) and its cross-checks."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from service.finder.answers import CHILD_SUPPORT_CHOICES, INCOME_CHOICES, WORRY_CHOICES
from service.finder.reasons import REASONS

LEVELS = ("likely", "possible", "not_fitting", "skip")
Names = str | list[str]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class SourceData(_Strict):
    url: str
    title: str
    accessed: dt.date | None = None


class ThresholdData(_Strict):
    """A monthly amount in whole euros for one adult (`single`) and for two (`couple`)."""

    single: Annotated[int, Field(ge=0)]
    couple: Annotated[int, Field(ge=0)]
    legal_basis: str | None = None
    as_of: dt.date


class When(_Strict):
    """Conditions that must all hold; an unanswered question makes a condition about it false."""

    child_aged: str | None = None            # some child's age lies in this named range
    no_child_aged: str | None = None         # ages known and none lies in this range
    children_known: bool | None = None
    pregnant: bool | None = None
    adults: int | list[int | None] | None = None
    income_any: Names | None = None          # income answered and includes one of these (or a group)
    income_none_of: Names | None = None      # income answered and includes none of these
    income_only: Names | None = None         # income answered and exactly these
    earned_at_least: str | int | None = None  # a threshold name (value for this family) or whole euros
    earned_below: str | int | None = None
    child_support: Names | None = None       # only read when one adult raises the children
    disability: bool | None = None
    worries_any: Names | None = None
    fits_any: list[str] | None = None        # one of these entries came out likely or possible above
    any_of: list[When] | None = None


class Outcome(_Strict):
    when: When = Field(default_factory=When)
    level: Literal["likely", "possible", "not_fitting", "skip"]
    reason: str | None = None
    params: dict[str, str] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _reason_needed(self) -> Outcome:
        if self.level != "skip" and not self.reason:
            raise ValueError("a reason is required unless the level is skip")
        if self.reason and self.reason not in REASONS:
            raise ValueError(f"unknown reason {self.reason!r}; reasons live in service/finder/reasons.py")
        return self


class Rule(_Strict):
    entry: Names                              # a slug, or slugs of which the first existing entry is used
    outcomes: list[Outcome]

    @property
    def slugs(self) -> list[str]:
        return [self.entry] if isinstance(self.entry, str) else list(self.entry)


class FinderData(_Strict):
    """The whole finder.yaml."""

    as_of: dt.date
    verified_on: dt.date | None = None
    sources: list[SourceData] = Field(min_length=1)
    thresholds: dict[str, ThresholdData] = Field(default_factory=dict)
    ages: dict[str, tuple[int, int]] = Field(default_factory=dict)
    income_groups: dict[str, list[str]] = Field(default_factory=dict)
    rules: list[Rule]

    @field_validator("income_groups")
    @classmethod
    def _known_incomes(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        for name, members in value.items():
            if name in INCOME_CHOICES:
                raise ValueError(f"group {name!r} has the name of an income")
            for member in members:
                if member not in INCOME_CHOICES:
                    raise ValueError(f"group {name!r}: unknown income {member!r}")
        return value

    def income_set(self, names: Names) -> frozenset[str]:
        items = [names] if isinstance(names, str) else names
        result: set[str] = set()
        for item in items:
            result.update(self.income_groups.get(item, [item]))
        return frozenset(result)

    def problems(self, entry_slugs: set[str] | None = None) -> list[tuple[str, str]]:
        """Cross-checks pydantic cannot do: (field, message) for every name that points nowhere."""
        found: list[tuple[str, str]] = []
        for index, rule in enumerate(self.rules):
            where = f"rules[{index}]"
            if entry_slugs is not None and not any(slug in entry_slugs for slug in rule.slugs):
                found.append((f"{where}.entry", f"no entry {' or '.join(rule.slugs)} in entries/"))
            for number, outcome in enumerate(rule.outcomes):
                place = f"{where}.outcomes[{number}]"
                found += [(f"{place}.{name}", message) for name, message in self._when_problems(outcome.when)]
                for param, ref in outcome.params.items():
                    if ref.split(".")[0] not in self.thresholds or ref.count(".") > 1 or (
                            "." in ref and ref.split(".")[1] not in ("single", "couple")):
                        found.append((f"{place}.params.{param}", f"unknown threshold {ref!r}"))
        return found

    def _when_problems(self, when: When) -> list[tuple[str, str]]:
        found: list[tuple[str, str]] = []
        for name in ("child_aged", "no_child_aged"):
            value = getattr(when, name)
            if value is not None and value not in self.ages:
                found.append((f"when.{name}", f"unknown age range {value!r}"))
        for name in ("income_any", "income_none_of", "income_only"):
            value = getattr(when, name)
            if value is not None:
                unknown = self.income_set(value) - set(INCOME_CHOICES)
                if unknown:
                    found.append((f"when.{name}", f"unknown income {sorted(unknown)}"))
        for name in ("earned_at_least", "earned_below"):
            value = getattr(when, name)
            if isinstance(value, str) and value not in self.thresholds:
                found.append((f"when.{name}", f"unknown threshold {value!r}"))
        if when.child_support is not None:
            values = [when.child_support] if isinstance(when.child_support, str) else when.child_support
            if set(values) - set(CHILD_SUPPORT_CHOICES):
                found.append(("when.child_support", f"values are {', '.join(CHILD_SUPPORT_CHOICES)}"))
        if when.worries_any is not None:
            values = [when.worries_any] if isinstance(when.worries_any, str) else when.worries_any
            if set(values) - set(WORRY_CHOICES):
                found.append(("when.worries_any", f"values are {', '.join(WORRY_CHOICES)}"))
        for sub in when.any_of or []:
            found += self._when_problems(sub)
        return found


def validate_rules(raw: Any, entry_slugs: set[str] | None = None) -> tuple[FinderData | None, list[tuple[str, str]]]:
    """Parse raw YAML data; (rules, []) when sound, else (None, [(field, message), ...])."""
    if not isinstance(raw, dict):
        return None, [("", "must be a mapping of field: value")]
    try:
        data = FinderData.model_validate(raw)
    except ValidationError as exc:
        return None, [(".".join(str(p) for p in err["loc"]),
                       "unknown field" if err["type"] == "extra_forbidden" else err["msg"]) for err in exc.errors()]
    problems = data.problems(entry_slugs)
    return (None, problems) if problems else (data, [])


def dump_rules(data: FinderData) -> dict[str, Any]:
    """JSON-ready data in the file's key order (stored in the database, exported again)."""
    return data.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
