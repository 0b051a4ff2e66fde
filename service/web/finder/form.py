"""The finder form: its choices with translated labels, and form fields -> the core's raw answers."""

from __future__ import annotations

import re
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from werkzeug.datastructures import MultiDict

ERRORS = {
    "type": _l("Please enter whole numbers only."),
    "range": _l("This number is outside what the finder can use."),
    "too_many": _l("Please enter at most 12 children."),
    "choice": _l("Please choose from the list."),
    "none_alone": _l("“No income” cannot be chosen together with other income."),
    "unknown": _l("Please choose from the list."),
}
_NUMBER = re.compile(r"\d+")


class FinderForm(FlaskForm):
    """Only the CSRF token: the answers are read from the request form and validated by the core."""


def _whole(text: str) -> int | str | None:
    """A whole number typed in any script ("2.100", "٢١٠٠"), None when empty, the text itself when not a number."""
    cleaned = text.strip().replace(".", "").replace(" ", "").replace("\u00a0", "").replace("€", "")
    if not cleaned:
        return None
    return int(cleaned) if cleaned.isdecimal() else text


def _ages(text: str) -> list[Any] | None:
    if not text.strip():
        return None
    if re.sub(r"[\d\s,;،/+]", "", text):
        return [text]  # not a list of numbers: the core answers "type"
    return [int(match) for match in _NUMBER.findall(text)]


def raw_answers(form: MultiDict) -> dict[str, Any]:
    """The posted form as the core's raw answers (unanswered questions left out)."""
    raw: dict[str, Any] = {
        "children": _ages(form.get("children", "")[:200]),
        "pregnant": True if form.get("pregnant") else None,
        "adults": {"1": 1, "2": 2}.get(form.get("adults", "")),
        "income": form.getlist("income") or None,
        "earned_income": _whole(form.get("earned_income", "")[:20]),
        "rent": _whole(form.get("rent", "")[:20]),
        "child_support": form.get("child_support") or None,
        "disability": True if form.get("disability") else None,
        "worries": form.getlist("worries") or None,
    }
    return {key: value for key, value in raw.items() if value is not None}
