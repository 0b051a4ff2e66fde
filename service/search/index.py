"""The in-memory search index: terms of every language with postings, Latin keys, phonetic codes and buckets."""

from __future__ import annotations

import math
from array import array
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, field

from service.i18n import LANGUAGE_CODES
from service.search.match import Matcher
from service.search.normalize import tokens

TITLE, KEYWORD, REFERENCE, SUMMARY, BODY = range(5)
FIELD_WEIGHTS = (1.0, 0.9, 0.85, 0.7, 0.45)
# A term in many of an entry's languages is central to it (the German name kept in every translation).
SPREAD = tuple(0.7 + 0.3 * min(bin(mask).count("1"), 3) / 3 for mask in range(1 << 10))
LANG_BITS = {code: 1 << i for i, code in enumerate(LANGUAGE_CODES)}
SCRIPT_LANGS = {"cyrillic": ("ru", "uk"), "arabic": ("ar", "fa")}
OTHER_LANGUAGE = 0.85  # a match only in a language the parent did not choose still counts, a little less
COMMON_SHARE = 0.02  # terms in more entries than this share are only probed for entries found otherwise
MAX_TOKENS = 12
SECOND_MATCH = 0.3  # a second, different term of the same word in an entry adds a little evidence


@dataclass
class EntryTexts:
    """What the index reads of one entry: (lang, field, text) triples."""

    slug: str
    texts: list[tuple[str, int, str]]


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


class SearchIndex:
    """Entries' terms in all languages; built once, read by many threads (no mutation after build)."""

    def __init__(self) -> None:
        self.slugs: list[str] = []
        self.term_ids: dict[str, int] = {}
        self.postings: list[array] = []
        self.idf: list[float] = []
        self.strength: list[float] = []  # weight of the strongest field each term appears in
        self.matcher = Matcher()

    @classmethod
    def build(cls, entries: Iterable[EntryTexts]) -> SearchIndex:
        """Index entries (each entry once, all its languages together)."""
        index = cls()
        term_ids, postings, surfaces = index.term_ids, [], {}
        for entry_id, entry in enumerate(entries):
            index.slugs.append(entry.slug)
            seen: dict[int, int] = {}
            for lang, field_code, text in entry.texts:
                bit = LANG_BITS.get(lang, 0) << 4
                words = tokens(text)
                if field_code <= KEYWORD and text and len(words) < 12:
                    surfaces.update((w, o) for w, o in zip(words, text.split(), strict=False) if w not in surfaces)
                for word in words:
                    tid = term_ids.get(word)
                    if tid is None:
                        tid = term_ids[word] = len(postings)
                        postings.append([])
                    old = seen.get(tid)
                    seen[tid] = (bit | field_code) if old is None else (old | bit) & ~15 | min(old & 15, field_code)
            base = entry_id << 16
            for tid, packed in seen.items():
                postings[tid].append(base | packed)
        total = len(index.slugs)
        index.postings = [array("q", p) for p in postings]
        index.idf = [max(0.05, math.log(1 + (total - len(p) + 0.5) / (len(p) + 0.5))) for p in postings]
        index.strength = [FIELD_WEIGHTS[min(posting & 15 for posting in p)] for p in postings]
        index.matcher = Matcher.build(term_ids, surfaces)
        return index

    def __len__(self) -> int:
        return len(self.slugs)

    def search(self, query: str, lang: str, limit: int = 10) -> Ranking:
        """Rank entries for a query typed by a parent whose interface language is `lang`."""
        words = tokens(query)[:MAX_TOKENS]
        if not words or not self.slugs:
            return Ranking([])
        slots = self.matcher.expand(words, self.idf, self.strength)
        matched = sum(1 for slot in slots if any(part.matches for part in slot.parts))
        total_weight = sum(slot.weight for slot in slots)
        scores = self._score(slots, lang)
        ranked = sorted(((score / total_weight, entry) for entry, score in scores.items()), reverse=True)[:limit]
        hits = [Ranked(self.slugs[entry], round(min(1.0, score), 4)) for score, entry in ranked if score > 0]
        return Ranking(hits, [], matched)

    def _score(self, slots: list, lang: str) -> dict[int, float]:
        """Sum over query words of weight × evidence per entry (best match plus a little of the second best)."""
        common = max(50, int(len(self.slugs) * COMMON_SHARE))
        per_part: list[tuple[float, Evidence]] = []
        deferred: list[tuple[Evidence, int, float, int]] = []
        for slot in slots:
            pref = LANG_BITS.get(lang, 0) | LANG_BITS["de"]
            for other in SCRIPT_LANGS.get(slot.script, ()):
                pref |= LANG_BITS[other]
            pref <<= 4
            share = slot.weight / len(slot.parts)
            for part in slot.parts:
                evidence = Evidence()
                per_part.append((share, evidence))
                for tid, sim in part.matches.items():
                    plist = self.postings[tid]
                    if len(plist) > common:
                        deferred.append((evidence, tid, sim, pref))
                    else:
                        evidence.scan(plist, sim, pref)
        candidates = set().union(*(evidence.best for _share, evidence in per_part))
        for evidence, tid, sim, pref in deferred:
            plist = self.postings[tid]
            if not candidates:
                evidence.scan(plist, sim, pref)
                continue
            for entry in candidates:
                i = bisect_left(plist, entry << 16)
                if i < len(plist) and plist[i] >> 16 == entry:
                    evidence.add(entry, value(plist[i], sim, pref))
        scores: dict[int, float] = {}
        for share, evidence in per_part:
            second = evidence.second
            for entry, best in evidence.best.items():
                total = (best + SECOND_MATCH * second.get(entry, 0.0)) / (1 + SECOND_MATCH)
                scores[entry] = scores.get(entry, 0.0) + share * total
        return scores


def value(posting: int, sim: float, pref: int) -> float:
    """What one posting is worth for a query word: similarity × spread × field weight × language factor."""
    spread = SPREAD[(posting >> 4) & 1023]
    return sim * spread * FIELD_WEIGHTS[posting & 15] * (1.0 if posting & pref else OTHER_LANGUAGE)


class Evidence:
    """The best and second-best match value per entry for one query word."""

    __slots__ = ("best", "second")

    def __init__(self) -> None:
        self.best: dict[int, float] = {}
        self.second: dict[int, float] = {}

    def add(self, entry: int, amount: float) -> None:
        old = self.best.get(entry)
        if old is None:
            self.best[entry] = amount
        elif amount > old:
            self.best[entry] = amount
            if old > self.second.get(entry, 0.0):
                self.second[entry] = old
        elif amount > self.second.get(entry, 0.0):
            self.second[entry] = amount

    def scan(self, plist: array, sim: float, pref: int) -> None:
        weights, spread, add = FIELD_WEIGHTS, SPREAD, self.add
        for posting in plist:
            add(posting >> 16, sim * spread[(posting >> 4) & 1023] * weights[posting & 15] * (
                1.0 if posting & pref else OTHER_LANGUAGE))
