"""Kita-Wegweiser: the family-information service of the Erkelenz kita social workers."""

from service import cpu  # noqa: F401  (first: it may set numpy's CPU features, before numpy is imported)
