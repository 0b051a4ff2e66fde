"""Word-level differences between two revisions of a field, for the history pages."""

from __future__ import annotations

import difflib
import json
import re
from typing import Any

_TOKEN = re.compile(r"\s+|[^\s]+")


def as_text(value: Any) -> str:
    """A field value as plain text: lists one item per line, mappings "key: value" per line."""
    if value is None:
        return ""
    if isinstance(value, list):
        return "\n".join(as_text(v) if not isinstance(v, dict) else json.dumps(v, ensure_ascii=False)
                         for v in value)
    if isinstance(value, dict):
        return "\n".join(f"{k}: {as_text(v) if not isinstance(v, dict | list) else json.dumps(v, ensure_ascii=False)}"
                         for k, v in value.items())
    return str(value)


def diff_words(before: Any, after: Any) -> list[tuple[str, str]]:
    """Segments ("equal" | "insert" | "delete", text) turning `before` into `after`."""
    old, new = _TOKEN.findall(as_text(before)), _TOKEN.findall(as_text(after))
    result: list[tuple[str, str]] = []
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if op == "equal":
            result.append(("equal", "".join(old[a1:a2])))
            continue
        if a2 > a1:
            result.append(("delete", "".join(old[a1:a2])))
        if b2 > b1:
            result.append(("insert", "".join(new[b1:b2])))
    return result
