"""Kita-Wegweiser: the family-information service of the Erkelenz kita social workers."""
