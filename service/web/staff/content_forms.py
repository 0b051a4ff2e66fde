"""The fields of the content edit forms (named like the YAML keys) and how a posted form becomes a record."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import request
from flask_babel import lazy_gettext as _l

from service.curation.records import SCHEMAS
from service.i18n import DEFAULT_LANG


@dataclass(frozen=True)
class FormField:
    name: str
    kind: str  # line | text | lines | labels
    label: Any
    hint: Any = ""


_ENTRY = (
    FormField("title", "line", _l("Title")),
    FormField("short_title", "line", _l("Short title"), _l("On buttons and in lists; at most 32 characters.")),
    FormField("summary", "text", _l("Summary")),
    FormField("for_whom", "text", _l("For whom")),
    FormField("what_you_get", "text", _l("What you get"),
              _l("Refer to the amounts (“the amount shown above”); never write the figure itself.")),
    FormField("how_to_apply", "lines", _l("How to apply"), _l("One step per line.")),
    FormField("what_to_bring", "lines", _l("What to bring"), _l("One item per line.")),
    FormField("where", "text", _l("Where")),
    FormField("keywords", "lines", _l("Search words"), _l("One word or phrase per line, as parents type them.")),
    FormField("labels", "labels", _l("Labels of amounts, phones and links"),
              _l("One “key: text” per line; the keys come from the facts.")),
)
FIELDS: dict[str, tuple[FormField, ...]] = {
    "entry": tuple(f for f in _ENTRY if f.name in SCHEMAS["entry"].model_fields),
    "kita": (FormField("summary", "text", _l("Summary")), FormField("description", "text", _l("Description"))),
    "page": (FormField("title", "line", _l("Title")),
             FormField("body", "text", _l("Text"), _l("Paragraphs separated by an empty line; “## ” starts a "
                                                      "heading, “- ” a list item."))),
}
STATUS_CHOICES = ("machine", "reviewed")


def shown(value: Any, kind: str) -> str:
    """A record's value as the form shows it."""
    if kind == "lines":
        return "\n".join(value or [])
    if kind == "labels":
        return "\n".join(f"{key}: {text}" for key, text in (value or {}).items())
    return value or ""


def parse_text_form(kind: str, lang: str) -> tuple[dict[str, Any], dict[str, str]]:
    """The posted fields of a text form as record values, and field errors."""
    values: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for item in FIELDS[kind]:
        raw = request.form.get(item.name, "").replace("\r\n", "\n")
        if item.kind == "line":
            values[item.name] = " ".join(raw.split())
        elif item.kind == "text":
            values[item.name] = raw.strip()
        elif item.kind == "lines":
            values[item.name] = [line.strip() for line in raw.split("\n") if line.strip()]
        else:
            labels = {}
            for line in (part.strip() for part in raw.split("\n")):
                key, sep, text = line.partition(":")
                if not line:
                    continue
                if not sep or not key.strip() or not text.strip():
                    errors[item.name] = "labels"
                    continue
                labels[key.strip()] = text.strip()
            values[item.name] = labels
    status = request.form.get("status", "")
    if lang != DEFAULT_LANG and status in STATUS_CHOICES:
        values["status"] = status
    return values, errors
