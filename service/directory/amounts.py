"""Which figure of an amount applies on a given day (amounts change by law on set dates, mostly 1 January).

An entry may list one label_key several times: the figure for 2026 (`as_of: 2026-01-01`,
`valid_until: 2026-12-31`) and the one for 2027 (`as_of: 2027-01-01`). The page shows the figure valid on the
Europe/Berlin day; past `valid_until` with no successor it shows the last figure, flagged as possibly outdated.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from service.clock import berlin_today  # noqa: F401 - the one Berlin day, importable here too
from service.i18n import DEFAULT_LANG, normalize_lang, translator


def _day(value: Any) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


@dataclass(frozen=True)
class AmountOnDay:
    """The figure of one label_key that applies on a day; `stale` when its `valid_until` has passed."""

    amount: Mapping[str, Any]
    stale: bool = False

    @property
    def label_key(self) -> str:
        return str(self.amount["label_key"])

    @property
    def year(self) -> int:
        """The year the figure belongs to ("Stand 2026"): that of `valid_until`, else of `as_of`."""
        day = _day(self.amount.get("valid_until")) or _day(self.amount.get("as_of"))
        return day.year if day else 0


def _choose(group: list[Mapping[str, Any]], day: dt.date) -> AmountOnDay:
    started = [a for a in group if (_day(a.get("as_of")) or dt.date.min) <= day]
    if not started:  # only future figures: show the first one to come
        return AmountOnDay(min(group, key=lambda a: _day(a.get("as_of")) or dt.date.min))
    latest_first = sorted(started, key=lambda a: _day(a.get("as_of")) or dt.date.min, reverse=True)
    for amount in latest_first:
        until = _day(amount.get("valid_until"))
        if until is None or day <= until:
            return AmountOnDay(amount)
    return AmountOnDay(latest_first[0], stale=True)


def amounts_on(amounts: Iterable[Mapping[str, Any]], day: dt.date) -> list[AmountOnDay]:
    """One figure per label_key (in the order the keys first appear): the one valid on `day`."""
    groups: dict[str, list[Mapping[str, Any]]] = {}
    for amount in amounts:
        groups.setdefault(str(amount["label_key"]), []).append(amount)
    return [_choose(group, day) for group in groups.values()]


def stale_note(year: int, lang: str) -> str:
    """The warning beside a figure whose validity has ended: "Stand 2026 – may have changed …"."""
    _ = translator(normalize_lang(lang) or DEFAULT_LANG)
    return _("As of %(year)s — may have changed; ask your kita social worker.", year=year)
