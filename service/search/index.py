"""The in-memory search index: terms of every language with postings, Latin keys, phonetic codes and buckets."""

from __future__ import annotations

import math
from array import array
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, field

from service.i18n import LANGUAGE_CODES
from service.search.match import Matcher
from service.search.normalize import script, tokens

TITLE, KEYWORD, REFERENCE, SUMMARY, BODY = range(5)
FIELD_WEIGHTS = (1.0, 0.95, 0.9, 0.75, 0.5)
LANG_BITS = {code: 1 << i for i, code in enumerate(LANGUAGE_CODES)}
SCRIPT_LANGS = {"cyrillic": ("ru", "uk"), "arabic": ("ar", "fa")}
OTHER_LANGUAGE = 0.85  # a match only in a language the parent did not choose still counts, a little less
COMMON_SHARE = 0.02  # terms in more entries than this share are only probed for entries found otherwise
MAX_TOKENS = 12


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
        index.matcher = Matcher.build(list(term_ids), surfaces)
        return index

    def __len__(self) -> int:
        return len(self.slugs)

    def search(self, query: str, lang: str, limit: int = 10) -> Ranking:
        """Rank entries for a query typed by a parent whose interface language is `lang`."""
        words = tokens(query)[:MAX_TOKENS]
        if not words or not self.slugs:
            return Ranking([])
        slots = self.matcher.expand(words, self.term_ids, self.idf)
        matched = sum(1 for slot in slots if any(part.matches for part in slot.parts))
        total_weight = sum(slot.weight for slot in slots)
        scores = self._score(slots, lang)
        ranked = sorted(((score / total_weight, entry) for entry, score in scores.items()), reverse=True)[:limit]
        hits = [Ranked(self.slugs[entry], round(min(1.0, score), 4)) for score, entry in ranked if score > 0]
        return Ranking(hits, [], matched)

    def _score(self, slots: list, lang: str) -> dict[int, float]:
        """Sum over query words of weight × best (similarity × field weight × language factor) per entry."""
        common = max(50, int(len(self.slugs) * COMMON_SHARE))
        per_part: list[tuple[float, dict[int, float]]] = []
        deferred: list[tuple[dict[int, float], int, float, int]] = []
        for slot in slots:
            pref = LANG_BITS.get(lang, 0) | LANG_BITS["de"]
            for other in SCRIPT_LANGS.get(slot.script, ()):
                pref |= LANG_BITS[other]
            pref <<= 4
            share = slot.weight / len(slot.parts)
            for part in slot.parts:
                best: dict[int, float] = {}
                per_part.append((share, best))
                for tid, sim in part.matches.items():
                    plist = self.postings[tid]
                    if len(plist) > common:
                        deferred.append((best, tid, sim, pref))
                        continue
                    _accumulate(best, plist, sim, pref)
        candidates = set().union(*(best for _share, best in per_part))
        for best, tid, sim, pref in deferred:
            plist = self.postings[tid]
            if not candidates:
                _accumulate(best, plist, sim, pref)
                continue
            for entry in candidates:
                i = bisect_left(plist, entry << 16)
                if i < len(plist) and plist[i] >> 16 == entry:
                    value = _value(plist[i], sim, pref)
                    if value > best.get(entry, 0.0):
                        best[entry] = value
        scores: dict[int, float] = {}
        for share, best in per_part:
            for entry, value in best.items():
                scores[entry] = scores.get(entry, 0.0) + share * value
        return scores


def _value(posting: int, sim: float, pref: int) -> float:
    return sim * FIELD_WEIGHTS[posting & 15] * (1.0 if posting & pref else OTHER_LANGUAGE)


def _accumulate(best: dict[int, float], plist: array, sim: float, pref: int) -> None:
    weights = FIELD_WEIGHTS
    for posting in plist:
        value = sim * weights[posting & 15] * (1.0 if posting & pref else OTHER_LANGUAGE)
        entry = posting >> 16
        if value > best.get(entry, 0.0):
            best[entry] = value


def preferred_script(word: str) -> str:
    return script(word)
