"""Finding index terms for a query word: exact, cross-script keys, typos, phonetic codes, prefixes, compounds."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field

from rapidfuzz import process
from rapidfuzz.distance import OSA

from service.search.normalize import latin_keys, phonetic, script

EXACT, KEY, PHONETIC = 1.0, 0.95, 0.72
MAX_PREFIX = 40
UNMATCHED_WEIGHT = 2.0  # a word found nowhere weighs like a rare word, so the answer becomes weak


def typo_budget(length: int) -> int:
    """Edits tolerated in a word of this many letters."""
    return 0 if length <= 3 else 1 if length <= 5 else 2 if length <= 10 else 3


def typo_similarity(distance: int, length: int) -> float:
    return 0.9 - 0.5 * distance / max(length, 1)


@dataclass
class Part:
    """Index terms (id -> similarity) that one query word, or one part of a compound, stands for."""

    matches: dict[int, float] = field(default_factory=dict)

    def add(self, tid: int, sim: float) -> None:
        if sim > self.matches.get(tid, 0.0):
            self.matches[tid] = sim


@dataclass
class Slot:
    """One query word: its parts (more than one for a split compound), weight and script."""

    word: str
    script: str
    parts: list[Part]
    weight: float = UNMATCHED_WEIGHT


class Matcher:
    """Term lookups by Latin key, phonetic code, prefix and typo; built from the index's vocabulary."""

    def __init__(self) -> None:
        self.terms: list[str] = []
        self.surfaces: dict[str, str] = {}
        self.by_key: dict[str, list[int]] = {}
        self.by_sound: dict[str, list[int]] = {}
        self.heads: dict[str, list[str]] = {}
        self.tails: dict[str, list[str]] = {}
        self.sorted_terms: list[tuple[str, int]] = []
        self.sorted_keys: list[str] = []

    @classmethod
    def build(cls, terms: list[str], surfaces: dict[str, str]) -> Matcher:
        """Derived lookups over the vocabulary (term ids are positions in `terms`)."""
        matcher = cls()
        matcher.terms = terms
        matcher.surfaces = surfaces
        for tid, term in enumerate(terms):
            for key in latin_keys(term):
                bucket = matcher.by_key.get(key)
                if bucket is None:
                    matcher.by_key[key] = [tid]
                    if len(key) >= 4:
                        cut = 4 if len(key) >= 8 else 3
                        matcher.heads.setdefault(key[:cut], []).append(key)
                        matcher.tails.setdefault(key[-cut:], []).append(key)
                    sound = phonetic(key)
                    if len(sound) >= 3:
                        matcher.by_sound.setdefault(sound, []).append(tid)
                else:
                    bucket.append(tid)
        matcher.sorted_terms = sorted((term, tid) for tid, term in enumerate(terms))
        matcher.sorted_keys = sorted(matcher.by_key)
        return matcher

    def expand(self, words: list[str], term_ids: dict[str, int], idf: list[float]) -> list[Slot]:
        """One slot per query word; adjacent words that form one indexed word count for both."""
        slots = []
        for position, word in enumerate(words):
            last = position == len(words) - 1
            part = self.lookup(word, term_ids, prefix=last)
            parts = [part]
            if not any(sim >= KEY for sim in part.matches.values()):
                pieces = self.split(word)
                if pieces:
                    parts = [self.lookup(piece, term_ids, prefix=False) for piece in pieces]
            slots.append(Slot(word, script(word), parts))
        for left, right in zip(slots, slots[1:], strict=False):
            if len(left.parts) == 1 and len(right.parts) == 1:
                joined = self.lookup(left.word + right.word, term_ids, prefix=False, typos=False)
                for tid, sim in joined.matches.items():
                    left.parts[0].add(tid, sim)
                    right.parts[0].add(tid, sim)
        for slot in slots:
            weights = [_weight(part, idf) for part in slot.parts]
            slot.weight = sum(weights) / len(weights)
        return slots

    def lookup(self, word: str, term_ids: dict[str, int], prefix: bool, typos: bool = True) -> Part:
        """Terms a single word may mean, each with a similarity in 0..1."""
        part = Part()
        tid = term_ids.get(word)
        if tid is not None:
            part.add(tid, EXACT)
        keys = latin_keys(word)
        for key in keys:
            for tid in self.by_key.get(key, ()):
                part.add(tid, KEY)
        if typos:
            for key in keys:
                self._typos(key, part)
        if prefix or not part.matches:
            self._prefixes(word, keys, part)
        return part

    def _typos(self, key: str, part: Part) -> None:
        budget = typo_budget(len(key))
        if budget:
            cut = 4 if len(key) >= 8 else 3
            pool = set(self.heads.get(key[:cut], ())) | set(self.tails.get(key[-cut:], ()))
            if len(key) >= 8:  # a typo near the start or end of a long word must not hide it
                pool |= set(self.heads.get(key[:3], ())) | set(self.tails.get(key[-3:], ()))
            for other, distance, _ in process.extract(key, list(pool), scorer=OSA.distance,
                                                      score_cutoff=budget, limit=None):
                sim = typo_similarity(distance, max(len(key), len(other)))
                for tid in self.by_key[other]:
                    part.add(tid, sim)
        sound = phonetic(key)
        if len(sound) >= 3 and len(key) >= 4:
            for tid in self.by_sound.get(sound, ()):
                if abs(len(self.terms[tid]) - len(key)) <= 3:
                    part.add(tid, PHONETIC)

    def _prefixes(self, word: str, keys: tuple[str, ...], part: Part) -> None:
        if len(word) < 3:
            return
        start = bisect_left(self.sorted_terms, (word, -1))
        for term, tid in self.sorted_terms[start:start + MAX_PREFIX]:
            if not term.startswith(word):
                break
            part.add(tid, 0.7 + 0.25 * len(word) / len(term))
        for key in keys:
            start = bisect_left(self.sorted_keys, key)
            for other in self.sorted_keys[start:start + MAX_PREFIX]:
                if not other.startswith(key):
                    break
                for tid in self.by_key[other]:
                    part.add(tid, 0.65 + 0.25 * len(key) / len(other))

    def split(self, word: str) -> list[str]:
        """A compound as indexed words ("bildungspaketantrag" -> bildungspaket, antrag), or []."""
        keys = latin_keys(word)
        if not keys or len(keys[0]) < 7:
            return []
        key = keys[0]
        best: list[list[str] | None] = [None] * (len(key) + 1)
        best[0] = []
        for end in range(3, len(key) + 1):
            for start in range(0, end - 2):
                head = best[start]
                if head is None:
                    continue
                piece = key[start:end]
                if piece not in self.by_key and not (piece[0] == "s" and piece[1:] in self.by_key and start):
                    continue
                candidate = [*head, piece if piece in self.by_key else piece[1:]]
                if best[end] is None or len(candidate) < len(best[end]):
                    best[end] = candidate
        parts = best[len(key)]
        return parts if parts and len(parts) > 1 else []

    def surface(self, tid: int) -> str:
        term = self.terms[tid]
        return self.surfaces.get(term, term)


def _weight(part: Part, idf: list[float]) -> float:
    """How much a query word counts: the rarity of what it matched best (unmatched words count much)."""
    if not part.matches:
        return UNMATCHED_WEIGHT
    best = max(part.matches.items(), key=lambda item: (item[1], idf[item[0]]))
    return idf[best[0]]
