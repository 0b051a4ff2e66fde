"""Scoring postings: what one index term is worth for one query word in each entry."""

from __future__ import annotations

from array import array
from bisect import bisect_left

TITLE, KEYWORD, REFERENCE, SUMMARY, BODY = range(5)  # the fields of EntryTexts
# In postings a field is stored by strength (the strongest is kept per term, entry and language); a keyword line of
# a single content word ("Schulden") is a field of its own: a query of just that word finds a curated phrase.
P_WHOLE_KEYWORD, P_TITLE, P_KEYWORD, P_REFERENCE, P_SUMMARY, P_BODY = range(6)
POSTING_FIELD = (P_TITLE, P_KEYWORD, P_REFERENCE, P_SUMMARY, P_BODY)  # by field of EntryTexts
FIELD_WEIGHTS = (1.0, 1.0, 0.9, 0.85, 0.7, 0.45, 0.45, 0.45)  # by posting field
# A term in several of an entry's languages is central to it (the German name kept in every translation).
SPREAD = tuple(0.7 + 0.3 * min(count, 3) / 3 for count in range(17))
OTHER_LANGUAGE = 0.85  # a match only in a language the parent did not choose still counts, a little less
SECOND_MATCH = 0.3  # a second, different term of the same word in an entry adds a little evidence
ENTRY_SHIFT = 7  # a posting is entry << 7 | language (4 bits) << 3 | field (3 bits)


def value_table(preferred: int) -> list[float]:
    """Field weight × language factor for the low 7 bits of a posting, given the preferred languages' bits."""
    return [FIELD_WEIGHTS[low & 7] * (1.0 if preferred >> (low >> 3) & 1 else OTHER_LANGUAGE) for low in range(128)]


def entry_range(plist: memoryview | array, entry: int) -> tuple[int, int]:
    """Positions of one entry's postings in a sorted postings list."""
    start = bisect_left(plist, entry << ENTRY_SHIFT)
    return start, bisect_left(plist, (entry + 1) << ENTRY_SHIFT, start)


class Evidence:
    """The best and second-best value per entry for one query word (or one part of a compound)."""

    __slots__ = ("best", "second")

    def __init__(self) -> None:
        self.best: dict[int, float] = {}
        self.second: dict[int, float] = {}

    def scan(self, postings: memoryview | array | list[int], sim: float, table: list[float]) -> None:
        """Add one term's postings: similarity × table[field and language] × spread over the entry's languages."""
        spread, best_of, second_of = SPREAD, self.best, self.second
        current, best, count = -1, 0.0, 0
        for posting in postings:
            entry = posting >> ENTRY_SHIFT
            amount = table[posting & 127]
            if entry == current:
                count += 1
                if amount > best:
                    best = amount
                continue
            if count:
                self._add(current, sim * best * spread[count], best_of, second_of)
            current, best, count = entry, amount, 1
        if count:
            self._add(current, sim * best * spread[count], best_of, second_of)

    @staticmethod
    def _add(entry: int, amount: float, best_of: dict[int, float], second_of: dict[int, float]) -> None:
        old = best_of.get(entry)
        if old is None:
            best_of[entry] = amount
        elif amount > old:
            best_of[entry] = amount
            if old > second_of.get(entry, 0.0):
                second_of[entry] = old
        elif amount > second_of.get(entry, 0.0):
            second_of[entry] = amount

    def value(self, entry: int) -> float:
        """Best plus a share of the second best, scaled back to 0..1."""
        return (self.best.get(entry, 0.0) + SECOND_MATCH * self.second.get(entry, 0.0)) / (1 + SECOND_MATCH)
