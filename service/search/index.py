"""The in-memory search index: terms of every language with postings; built once, then only read."""

from __future__ import annotations

import heapq
import math
from array import array
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import chain, filterfalse
from operator import itemgetter

from service.i18n import LANGUAGE_CODES
from service.search.match import Matcher, Slot
from service.search.normalize import tokens
from service.search.score import (
    BODY,
    ENTRY_SHIFT,
    FIELD_WEIGHTS,
    KEYWORD,
    REFERENCE,
    SUMMARY,
    TITLE,
    Evidence,
    entry_range,
    value_table,
)

__all__ = ["BODY", "KEYWORD", "REFERENCE", "SUMMARY", "TITLE", "EntryTexts", "Ranked", "Ranking", "SearchIndex"]

LANG_INDEX = {code: i for i, code in enumerate(LANGUAGE_CODES)}
SCRIPT_LANGS = {"cyrillic": ("ru", "uk"), "arabic": ("ar", "fa")}
COMMON_SHARE = 0.02  # terms in more entries than this share are only probed for entries found otherwise
MAX_PROBED = 200  # at most this many leading candidates are probed in the postings of common terms
PROBE_COST = 4  # looking up one entry in a postings list costs about as much as reading this many postings
MAX_SCAN = 5_000  # a query of nothing but very common words reads at most this many postings per term
MAX_TOKENS = 12
MAX_TERMS = 16  # the most similar index terms read per query word
MINOR_SHARE = 0.04
MULTI, NOTHING = 1 << 40, -1
SEPARATOR_WORD = "qqxpieceqq"  # survives folding unchanged and is no word of any language
SEPARATOR = f" {SEPARATOR_WORD} "
PUNCTUATION = "()[]{}\"'.,;:!?«»„“”–-/§"


@dataclass
class EntryTexts:
    """What the index reads of one entry: (lang, field, text); one text per field and language is fastest."""

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


class _Pieces(dict):
    """Written form -> term id; new forms are folded together, once, however often they occur.

    A form that folds to several words (``Kita-Beitrag``) maps to MULTI + its position in `multi`, one that folds
    to none maps to NOTHING; both are rare and expanded by `expand` (plain ints keep the hot loop in C).
    """

    def __init__(self, index: SearchIndex, surfaces: dict[str, str]) -> None:
        super().__init__()
        self.index, self.surfaces = index, surfaces
        self.multi: list[tuple[int, ...]] = []

    def learn(self, pieces: set[str]) -> None:
        """Fold forms not seen before in one call (a separator word keeps them apart) and give new terms ids."""
        ordered = list(pieces)
        groups: list[list[str]] = [[]]
        for word in tokens(SEPARATOR.join(ordered)):
            if word == SEPARATOR_WORD:
                groups.append([])
            else:
                groups[-1].append(word)
        term_ids, postings, typecode = self.index.term_ids, self.index.postings, self.index.typecode
        for piece, words in zip(ordered, groups, strict=True):
            tids = []
            for word in words:
                tid = term_ids.get(word)
                if tid is None:
                    tid = term_ids[word] = len(postings)
                    postings.append(array(typecode))
                tids.append(tid)
            if len(words) == 1:
                written = piece.strip(PUNCTUATION)
                if written != words[0] and words[0] not in self.surfaces:
                    self.surfaces[words[0]] = written
                self[piece] = tids[0]
            elif words:
                self[piece] = MULTI + len(self.multi)
                self.multi.append(tuple(tids))
            else:
                self[piece] = NOTHING

    def expand(self, doc: dict[int, int]) -> None:
        """Replace the markers of multi-word and empty forms in a document by their terms."""
        if not doc or (min(doc) >= 0 and max(doc) < MULTI):
            return
        for key in [key for key in doc if key < 0 or key >= MULTI]:
            field_code = doc.pop(key)
            for tid in self.multi[key - MULTI] if key >= MULTI else ():
                if doc.get(tid, 99) > field_code:
                    doc[tid] = field_code


class SearchIndex:
    """Entries' terms in all languages. A posting is one int: entry << 7 | language << 3 | field."""

    def __init__(self) -> None:
        self.slugs: list[str] = []
        self.term_ids: dict[str, int] = {}
        self.postings: list[array] = []
        self.idf: list[float] = []
        self._strength: dict[int, float] = {}  # weight of the strongest field a term appears in, when first asked
        self.matcher = Matcher()
        self.typecode = "I"

    @classmethod
    def build(cls, entries: Iterable[EntryTexts], large: bool = False) -> SearchIndex:
        """Index entries, each once with all its languages (`large`: more than 33 million entries)."""
        index = cls()
        index.typecode = "Q" if large else "I"
        surfaces: dict[str, str] = {}
        pieces = _Pieces(index, surfaces)
        lookup, postings, append = pieces.__getitem__, index.postings, array.append
        for entry_id, entry in enumerate(entries):
            index.slugs.append(entry.slug)
            words: dict[int, list[str]] = {}
            codes: dict[int, list[int]] = {}
            for lang, field_code, text in sorted(entry.texts, key=_weakest_first):  # stronger fields overwrite
                lang_index = LANG_INDEX.get(lang, 15)
                split = text.split()
                words.setdefault(lang_index, []).extend(split)
                codes.setdefault(lang_index, []).extend([field_code] * len(split))
            unseen = set(filterfalse(pieces.__contains__, set(chain.from_iterable(words.values()))))
            if unseen:
                pieces.learn(unseen)
            for lang_index in sorted(words):  # postings stay sorted: by entry, then language
                doc = dict(zip(map(lookup, words[lang_index]), codes[lang_index], strict=True))
                pieces.expand(doc)
                base = entry_id << ENTRY_SHIFT | lang_index << 3
                deque(map(append, map(postings.__getitem__, doc), map(base.__or__, doc.values())), maxlen=0)
        total, entry_of = len(index.slugs), ENTRY_SHIFT.__rrshift__
        entry_counts = (1 if len(plist) == 1 else len(set(map(entry_of, plist))) for plist in postings)
        index.idf = [max(0.05, math.log(1 + (total - df + 0.5) / (df + 0.5))) for df in entry_counts]
        index.matcher = Matcher.build(index.term_ids, surfaces)
        return index

    def strength(self, tid: int) -> float:
        """The weight of the strongest field a term appears in (computed on first use; safe across threads)."""
        found = self._strength.get(tid)
        if found is None:
            found = self._strength[tid] = FIELD_WEIGHTS[min(map((7).__and__, self.postings[tid]))]
        return found

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
        typed = query.split()
        return Ranking(hits, self.matcher.suggest(slots, typed if len(typed) == len(words) else words, self.idf),
                       matched)

    def _score(self, slots: list[Slot], lang: str) -> dict[int, float]:
        """Sum over query words of weight × evidence per entry; common terms are only probed for candidates."""
        common = max(50, int(len(self.slugs) * COMMON_SHARE))
        minor = MINOR_SHARE * sum(slot.weight for slot in slots)
        tables: dict[int, list[float]] = {}
        parts: list[tuple[float, Evidence]] = []
        deferred: list[tuple[int, Evidence, array, float, list[float]]] = []
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
                    plist = self.postings[tid]
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


def _weakest_first(text: tuple[str, int, str]) -> int:
    return -text[1]


def _totals(parts: list[tuple[float, Evidence]]) -> dict[int, float]:
    scores: dict[int, float] = {}
    for share, evidence in parts:
        for entry in evidence.best:
            scores[entry] = scores.get(entry, 0.0) + share * evidence.value(entry)
    return scores
