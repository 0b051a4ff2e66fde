"""The in-memory search index: terms of every language with postings; built once, then only read."""

from __future__ import annotations

import gc
import heapq
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import product
from operator import itemgetter

import numpy as np

from service.search import build as builder
from service.search.build import LANG_INDEX, MAX_PHRASE, EntryTexts, phrase_key
from service.search.greetings import is_greeting, without_greetings
from service.search.match import Matcher, Slot
from service.search.normalize import tokens
from service.search.score import (
    BODY,
    KEYWORD,
    P_WHOLE_KEYWORD,
    REFERENCE,
    SECOND_MATCH,
    SUMMARY,
    TITLE,
    Evidence,
    entry_range,
    value_table,
)
from service.search.stopwords import STOPWORDS

__all__ = ["BODY", "KEYWORD", "REFERENCE", "SUMMARY", "TITLE", "EntryTexts", "Ranked", "Ranking", "SearchIndex"]

SCRIPT_LANGS = {"cyrillic": ("ru", "uk"), "arabic": ("ar", "fa")}
COMMON_SHARE = 0.02  # terms in more entries than this share are only probed for entries found otherwise
MAX_PROBED = 200  # at most this many leading candidates are probed in the postings of common terms
PROBE_COST = 4  # looking up one entry in a postings list costs about as much as reading this many postings
MAX_SCAN = 5_000  # a query of nothing but very common words reads at most this many postings per term
MAX_TOKENS = 12
MAX_TERMS = 16  # the most similar index terms read per query word
MINOR_SHARE = 0.04
NEAR = 0.78  # a query word stands for a phrase's word from this similarity on (typos, inflections)
PHRASE_OPTIONS = 3  # the most similar terms per query word tried for phrases
MAX_COMBINATIONS = 81
MAX_WHOLE = 20  # the best-scoring entries looked at for a keyword line of the one query word
SOLID = 0.74  # a term matched at least this well (and not as the beginning of a word) is a real match


@dataclass
class Ranked:
    """One ranked entry: slug, score in 0..1."""

    slug: str
    score: float


@dataclass
class Ranking:
    """The answer of the index to one query."""

    hits: list[Ranked]
    suggestions: list[str] = field(default_factory=list)
    matched: int = 0  # query words that matched anything at all
    greeting: bool = False  # the query only greets or thanks
    phrase: bool = False  # the best hit has a title, short title or keyword phrase equal to the query
    coverage: float = 0.0  # share of the query's meaning-bearing words the best hit really contains (by weight)
    meaning: float = 0.0  # idf of the rarest content word's best match (a word in many entries, like "help", says
    # little)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector paused (if it runs): a build makes hundreds of thousands of lasting objects and no
    cycles, and every full collection would walk all of them again, and all else the process holds (0.3 s of an 11 s
    build at 100,000 entries). Reference counting frees what is dropped meanwhile all the same."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


class SearchIndex:
    """Entries' terms in all languages. A posting is one int: entry << 7 | language << 3 | field.

    Built once and never changed afterwards, so any number of threads may search it at the same time.
    """

    def __init__(self, built: builder.Built) -> None:
        self.slugs = built.slugs
        self.term_ids = built.term_ids
        self.flat = built.flat
        self.view = memoryview(built.flat)  # plain Python ints when read, no copies when sliced
        self.offsets = memoryview(built.offsets)
        self.idf = built.idf
        self.strengths = built.strength
        self.phrase_hashes = built.phrase_hashes
        self.phrase_values = built.phrase_values
        self.stop = built.stop
        self.lexicon: frozenset[str] = frozenset()  # correct words beyond the indexed ones (never "corrected")
        self.matcher = Matcher.build(built.term_ids, built.surfaces, built.german)

    @classmethod
    def build(cls, entries: Iterable[EntryTexts]) -> SearchIndex:
        """Index entries, each once with all its languages together."""
        with collector_paused():
            return cls(builder.build(entries))

    def postings(self, tid: int) -> memoryview:
        """The sorted postings of one term (a view, no copy)."""
        return self.view[self.offsets[tid]:self.offsets[tid + 1]]

    @property
    def posting_count(self) -> int:
        return len(self.flat)

    def strength(self, tid: int) -> float:
        """The weight of the strongest field a term appears in."""
        return self.strengths[tid]

    def __len__(self) -> int:
        return len(self.slugs)

    def known_terms(self, text: str) -> list[str]:
        """The query's words that are words of the directory (folded, no function words): what an unmet search may
        be counted as without keeping free text."""
        words = tokens(text)[:MAX_TOKENS]
        return list(dict.fromkeys(word for word in words if word in self.term_ids and word not in STOPWORDS))

    def search(self, query: str, lang: str, limit: int = 10) -> Ranking:
        """Rank entries for a query typed by a parent whose interface language is `lang`."""
        words = tokens(query)[:MAX_TOKENS]
        if words and is_greeting(words):
            return Ranking([], greeting=True)
        if not words or not self.slugs:
            return Ranking([])
        kept = without_greetings(words)
        typed = query.split()
        typed = typed if len(typed) == len(words) and len(kept) == len(words) else kept
        words = kept
        slots = self.matcher.expand(words, self.idf, self.strength)
        matched = sum(1 for slot in slots if any(part.matches for part in slot.parts))
        total_weight = sum(slot.weight for slot in slots)
        scores = self._score(slots, lang)
        phrases = self._phrases(slots, scores)
        for entry in phrases:
            scores.setdefault(entry, 0.0)
        best_scored = dict(heapq.nlargest(limit, scores.items(), key=itemgetter(1)))  # not a sort of all found
        best_scored.update((entry, scores[entry]) for entry in phrases)
        ranked = sorted(((entry in phrases, phrases.get(entry, 0.0), score / total_weight, entry)
                         for entry, score in best_scored.items()), reverse=True)[:limit]
        best = max((score for _p, _q, score, _e in ranked), default=0.0)
        hits = [Ranked(self.slugs[entry], round(min(1.0, max(score, best) if phrase else score), 4))
                for phrase, _quality, score, entry in ranked if score > 0 or phrase]
        coverage = self._coverage(slots, ranked[0][3]) if ranked else 0.0
        meaning = max((self.idf[max(part.solid.items(), key=lambda item: (item[1], -self.idf[item[0]]))[0]]
                       for slot in self._content(slots) for part in slot.parts if part.solid), default=0.0)
        return Ranking(hits, self.matcher.suggest(slots, typed, self.idf, self.lexicon), matched,
                       phrase=bool(ranked and ranked[0][0]), coverage=coverage, meaning=meaning)

    def _content(self, slots: list[Slot]) -> list[Slot]:
        return [slot for slot in slots if slot.word not in STOPWORDS]

    def _phrases(self, slots: list[Slot], scores: dict[int, float]) -> dict[int, float]:
        """Entries with a title line or keyword phrase of the same content words: entry -> closeness (title +1)."""
        options: list[list[tuple[int, float]]] = []
        for slot in self._content(slots):
            for part in slot.parts:
                near = heapq.nlargest(PHRASE_OPTIONS, ((tid, sim) for tid, sim in part.solid.items() if sim >= NEAR),
                                      key=itemgetter(1))
                if not near:
                    return {}
                options.append(near)
        if not options or len(options) > MAX_PHRASE or len(self.phrase_hashes) == 0:
            return {}
        keys: dict[int, float] = {}
        for count, combination in enumerate(product(*options)):
            if count >= MAX_COMBINATIONS:
                break
            key = phrase_key({tid for tid, _sim in combination})
            closeness = min(sim for _tid, sim in combination)
            if closeness > keys.get(key, 0.0):
                keys[key] = closeness
        found = self._whole_keywords(options[0], scores) if len(options) == 1 else {}
        wanted = np.fromiter(keys, dtype=np.uint64, count=len(keys))
        starts = np.searchsorted(self.phrase_hashes, wanted)
        for key, start in zip(keys, starts.tolist(), strict=True):
            position = start
            while position < len(self.phrase_hashes) and int(self.phrase_hashes[position]) == key:
                value = int(self.phrase_values[position])
                entry, closeness = value >> 1, keys[key] + (value & 1)
                if closeness > found.get(entry, 0.0):
                    found[entry] = closeness
                position += 1
        return found

    def _whole_keywords(self, near: list[tuple[int, float]], scores: dict[int, float]) -> dict[int, float]:
        """Among the best-scoring entries, those with a keyword line of just this word (or a close form of it)."""
        found: dict[int, float] = {}
        for entry in heapq.nlargest(MAX_WHOLE, scores, key=scores.__getitem__):
            for tid, sim in near:
                plist = self.postings(tid)
                start, end = entry_range(plist, entry)
                if any(posting & 7 == P_WHOLE_KEYWORD for posting in plist[start:end]):
                    found[entry] = max(found.get(entry, 0.0), sim)
        return found

    def _coverage(self, slots: list[Slot], entry: int) -> float:
        """The weighted share of the meaning-bearing query words an entry contains as such (or with a typo)."""
        total = covered = 0.0
        for slot in self._content(slots):
            total += slot.weight
            found = 0.0
            for part in slot.parts:
                for tid, sim in sorted(part.solid.items(), key=itemgetter(1), reverse=True)[:MAX_TERMS]:
                    if sim < SOLID:
                        break
                    start, end = entry_range(self.postings(tid), entry)
                    if start < end:
                        found += sim / len(slot.parts)
                        break
            covered += slot.weight * found
        return covered / total if total else 0.0

    def _score(self, slots: list[Slot], lang: str) -> dict[int, float]:
        """Sum over query words of weight × evidence per entry; common terms are only probed for candidates."""
        common = max(50, int(len(self.slugs) * COMMON_SHARE))
        minor = MINOR_SHARE * sum(slot.weight for slot in slots)
        tables: dict[int, list[float]] = {}
        parts: list[tuple[float, Evidence]] = []
        deferred: list[tuple[int, Evidence, memoryview, float, list[float]]] = []
        for slot in slots:
            preferred = 1 << LANG_INDEX.get(lang, 0) | 1 << LANG_INDEX["de"]
            for other in SCRIPT_LANGS.get(slot.script, ()):
                preferred |= 1 << LANG_INDEX[other]
            share = slot.weight / len(slot.parts)
            table = tables.get(preferred) or tables.setdefault(preferred, value_table(preferred))
            for part in slot.parts:
                evidence = Evidence()
                parts.append((share, evidence))
                for tid, sim in heapq.nlargest(MAX_TERMS, part.matches.items(), key=itemgetter(1)):
                    plist = self.postings(tid)
                    if len(plist) > common:
                        if share * sim >= minor:  # a common term that can hardly change the order is left out
                            deferred.append((len(plist), evidence, plist, sim, table))
                    else:
                        evidence.scan(plist, sim, table)
        deferred.sort(key=lambda item: item[0])
        if deferred and not any(evidence.best for _share, evidence in parts):
            _size, evidence, plist, sim, table = deferred.pop(0)
            evidence.scan(plist[:MAX_SCAN], sim, table)
        partial = _totals(parts)
        candidates = sorted(partial, key=partial.__getitem__, reverse=True)[:MAX_PROBED]
        for size, evidence, plist, sim, table in deferred:
            if size <= PROBE_COST * len(candidates):  # reading the whole list is cheaper than looking up each
                evidence.scan(plist, sim, table)
                continue
            for entry in candidates:
                start, end = entry_range(plist, entry)
                if start < end:
                    evidence.scan(plist[start:end], sim, table)
        return _totals(parts)


def _totals(parts: list[tuple[float, Evidence]]) -> dict[int, float]:
    """Sum over query words of share × Evidence.value (inlined: this runs for every entry found)."""
    scores: dict[int, float] = {}
    get = scores.get
    for share, evidence in parts:
        scale, second = share / (1 + SECOND_MATCH), evidence.second
        if second:
            for entry, best in evidence.best.items():
                scores[entry] = get(entry, 0.0) + scale * (best + SECOND_MATCH * second.get(entry, 0.0))
        else:
            for entry, best in evidence.best.items():
                scores[entry] = get(entry, 0.0) + scale * best
    return scores
