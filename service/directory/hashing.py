"""The hash of German source texts that a translation records as `source_hash`."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any

ENTRY_HASHED_FIELDS = (
    "title", "short_title", "summary", "for_whom", "what_you_get", "how_to_apply", "what_to_bring", "where", "labels",
)
PAGE_HASHED_FIELDS = ("title", "body")
# Fields added later: left out of the hash while empty, so that adding them did not outdate every translation.
_OPTIONAL_FIELDS = frozenset({"short_title"})


def _normal(value: Any) -> Any:
    """Strip strings and drop empties, so raw YAML and validated data hash alike."""
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, list):
        items = [_normal(v) for v in value]
        return [v for v in items if v is not None] or None
    if isinstance(value, Mapping):
        pairs = {str(k): _normal(v) for k, v in value.items()}
        return {k: v for k, v in pairs.items() if v is not None} or None
    return value


def source_hash(texts: Mapping[str, Any], fields: tuple[str, ...] = ENTRY_HASHED_FIELDS) -> str:
    """16 hex digits over the given fields of the German texts."""
    payload = {name: _normal(texts.get(name)) for name in fields}
    payload = {k: v for k, v in payload.items() if v is not None or k not in _OPTIONAL_FIELDS}
    blob = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]
