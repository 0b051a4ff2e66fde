"""Opening hours as data, formatted per language by Babel (weekday names, time formats, ranges).

`hours` on a phone or location (contract "Directory data") is one of
  [{days: [mo, tu, ...], from: "09:00", to: "17:00", label_key: ...}, ...]   rules, one line each
  {always: true}                                                           24/7
  {by_appointment: true}                                                   only by appointment
and, until the shipped content is converted, an old free-text string (shown as written).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from functools import cache
from typing import Any

from babel import Locale
from babel.dates import format_interval, format_time
from babel.lists import format_list

from service.i18n import DEFAULT_LANG, normalize_lang, translator

WEEKDAYS = ("mo", "tu", "we", "th", "fr", "sa", "su")


def _lang(lang: str) -> str:
    return normalize_lang(lang) or DEFAULT_LANG


@cache
def _locale(lang: str) -> Locale:
    return Locale.parse(lang)


def _twelve_hour(lang: str) -> bool:
    return "a" in _locale(lang).time_formats["short"].pattern


def _clock(value: str) -> dt.time | None:
    """'09:00' → time(9, 0); '24:00' (end of the day) → None."""
    hours, minutes = (int(part) for part in value.split(":"))
    return None if hours == 24 else dt.time(hours, minutes)


def format_time_range(start: str, end: str, lang: str) -> str:
    """'09:00'–'17:00' as the language writes a time interval ("09:00–17:00 Uhr", "9:00 AM – 5:00 PM")."""
    lang = _lang(lang)
    first, last = _clock(start), _clock(end)
    skeleton = "hm" if _twelve_hour(lang) else "Hm"
    if first is not None and last is not None:
        return format_interval(first, last, skeleton, locale=lang)
    _ = translator(lang)
    return _("%(start)s to midnight", start=format_time(first or dt.time(0), "short", locale=lang))


def format_days(days: list[str], lang: str) -> str:
    """Weekday codes as ranges in the language ("Mo.–Fr.", "Mon and Wed", "دوشنبه تا جمعه")."""
    lang = _lang(lang)
    _ = translator(lang)
    names = _locale(lang).days["format"]["abbreviated"]
    indexes = sorted({WEEKDAYS.index(day) for day in days if day in WEEKDAYS})
    runs: list[list[int]] = []
    for index in indexes:
        if runs and index == runs[-1][-1] + 1:
            runs[-1].append(index)
        else:
            runs.append([index])
    parts: list[str] = []
    for run in runs:
        if len(run) < 3:
            parts.extend(names[i] for i in run)
        else:
            parts.append(_("%(first)s–%(last)s", first=names[run[0]], last=names[run[-1]]))
    return format_list(parts, style="standard", locale=lang) if len(parts) > 1 else "".join(parts)


def _with_note(line: str, item: Mapping[str, Any], labels: Mapping[str, str], lang: str) -> str:
    note = labels.get(item.get("label_key") or "")
    if not note:
        return line
    _ = translator(lang)
    return _("%(hours)s (%(note)s)", hours=line, note=note)


def format_hours(hours: Any, lang: str, labels: Mapping[str, str] | None = None) -> list[str]:
    """One line per rule in `lang`; [] for no hours; `labels` resolves each `label_key` note."""
    lang = _lang(lang)
    labels = labels or {}
    _ = translator(lang)
    if not hours:
        return []
    if isinstance(hours, str):  # the old free text, until the data is converted
        return [hours]
    if isinstance(hours, Mapping):
        if hours.get("always"):
            return [_with_note(_("Around the clock, every day"), hours, labels, lang)]
        if hours.get("by_appointment"):
            return [_with_note(_("By appointment only"), hours, labels, lang)]
        return []
    lines = []
    for rule in hours:
        line = _("%(days)s, %(times)s", days=format_days(list(rule.get("days") or []), lang),
                 times=format_time_range(rule["from"], rule["to"], lang))
        lines.append(_with_note(line, rule, labels, lang))
    return lines


def hours_text(hours: Any, lang: str, labels: Mapping[str, str] | None = None) -> str:
    """All lines of `format_hours` on one line, separated by a middle dot (neutral in every script)."""
    return " · ".join(format_hours(hours, lang, labels))


def is_structured(hours: Any) -> bool:
    """True unless `hours` is the old free-text string (content tests forbid those)."""
    return not isinstance(hours, str)
