"""Kita-Wegweiser: the family-information service of the Erkelenz kita social workers."""

from service import machine  # noqa: F401  (first: it sets numpy up for the machine, before numpy is imported)
