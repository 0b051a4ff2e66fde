"""Building the index: every written form folded once, postings inverted by sorting (numpy), in chunks."""

from __future__ import annotations

from array import array
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from service.i18n import LANGUAGE_CODES
from service.search.normalize import tokens
from service.search.score import ENTRY_SHIFT, FIELD_WEIGHTS

LANG_INDEX = {code: i for i, code in enumerate(LANGUAGE_CODES)}
PUNCTUATION = "()[]{}\"'.,;:!?«»„“”–-/§"
SEPARATOR_WORD = "qqxpieceqq"  # survives folding unchanged and is no word of any language
SEPARATOR = f" {SEPARATOR_WORD} "
PENDING = 1 << 30  # ids from here on mark forms not folded yet (resolved per chunk)
MARK = 1 << 31  # ids from here on mark forms of several words (or none), expanded before sorting
MAX_ENTRIES = 1 << (32 - ENTRY_SHIFT)
CHUNK = 4096  # entries whose postings are sorted and de-duplicated together


@dataclass
class EntryTexts:
    """What the index reads of one entry: (lang, field, text); one text per field and language is fastest."""

    slug: str
    texts: list[tuple[str, int, str]]


@dataclass
class Built:
    """The parts of an index: postings of term t are flat[offsets[t]:offsets[t + 1]], sorted."""

    slugs: list[str]
    term_ids: dict[str, int]
    surfaces: dict[str, str]
    flat: np.ndarray  # uint32
    offsets: np.ndarray  # int64
    idf: list[float]
    strength: list[float]
    german: set[int]  # terms that occur in German texts (the phonetic code is German)


class Pieces(dict):
    """Written form -> term id, or a mark: PENDING + n for a form not folded yet, MARK + n for several words.

    New forms are collected while the texts are read and folded together once per chunk (one call for many
    forms); sort keys that carry a PENDING mark are then resolved with numpy.
    """

    def __init__(self) -> None:
        super().__init__()
        self.term_ids: dict[str, int] = {}
        self.surfaces: dict[str, str] = {}
        self.multi: list[tuple[int, ...]] = []
        self.pending: list[str] = []

    def __missing__(self, piece: str) -> int:
        self[piece] = mark = PENDING + len(self.pending)
        self.pending.append(piece)
        return mark

    def learn(self) -> np.ndarray:
        """Fold the pending forms in one call (a separator word keeps them apart); their resolved ids, in order."""
        ordered, self.pending = self.pending, []
        groups: list[list[str]] = [[]]
        for word in tokens(SEPARATOR.join(ordered)):
            if word == SEPARATOR_WORD:
                groups.append([])
            else:
                groups[-1].append(word)
        term_ids, resolved = self.term_ids, []
        for piece, words in zip(ordered, groups, strict=True):
            tids = [term_ids.setdefault(word, len(term_ids)) for word in words]
            if len(words) == 1:
                written = piece.strip(PUNCTUATION)
                if written != words[0] and words[0] not in self.surfaces:
                    self.surfaces[words[0]] = written
                self[piece] = tids[0]
            else:
                self[piece] = MARK + len(self.multi)
                self.multi.append(tuple(tids))
            resolved.append(self[piece])
        return np.array(resolved, dtype=np.uint64)

    def keys_of(self, tids: array, bases: list[int], lengths: list[int]) -> np.ndarray:
        """Sort keys (term id << 32 | posting) of a chunk, pending forms resolved, several-word forms expanded."""
        high = np.frombuffer(tids, dtype=np.uint32).astype(np.uint64)
        pending = (high >= PENDING) & (high < MARK)
        if pending.any():
            resolved = self.learn()
            high[pending] = resolved[high[pending] - np.uint64(PENDING)]
        keys = (high << np.uint64(32)) | np.repeat(np.array(bases, dtype=np.uint64), lengths)
        marked = high >= MARK
        if not marked.any():
            return keys
        extra = [tid << 32 | (key & 0xFFFFFFFF)
                 for key in keys[marked].tolist() for tid in self.multi[(key >> 32) - MARK]]
        return np.concatenate((keys[~marked], np.array(extra, dtype=np.uint64)))


def _dedupe(keys: np.ndarray) -> np.ndarray:
    """Sorted keys, one per term, entry and language: the one with the strongest (lowest) field."""
    keys.sort()
    if len(keys) < 2:
        return keys
    group = keys >> np.uint64(3)
    first = np.empty(len(keys), dtype=bool)
    first[0] = True
    np.not_equal(group[1:], group[:-1], out=first[1:])
    return keys[first]


def build(entries: Iterable[EntryTexts]) -> Built:
    """Fold, number and invert the texts of all entries (each entry once, all its languages together)."""
    pieces = Pieces()
    lookup = pieces.__getitem__
    slugs: list[str] = []
    chunks: list[np.ndarray] = []
    tids, bases, lengths = array("I"), [], []
    for entry_id, entry in enumerate(entries):
        if entry_id >= MAX_ENTRIES:
            raise ValueError(f"at most {MAX_ENTRIES} entries")
        slugs.append(entry.slug)
        for lang, field_code, text in entry.texts:
            before = len(tids)
            tids.extend(map(lookup, text.split()))
            bases.append(entry_id << ENTRY_SHIFT | LANG_INDEX.get(lang, 15) << 3 | field_code)
            lengths.append(len(tids) - before)
        if entry_id % CHUNK == CHUNK - 1:
            chunks.append(_dedupe(pieces.keys_of(tids, bases, lengths)))
            tids, bases, lengths = array("I"), [], []
    chunks.append(_dedupe(pieces.keys_of(tids, bases, lengths)))
    keys = np.concatenate(chunks)
    del chunks
    keys.sort(kind="stable")  # the chunks are sorted runs already: a merge
    postings = keys.astype(np.uint32)  # the low half
    keys >>= np.uint64(32)
    tids = keys.astype(np.uint32)
    del keys
    return _invert(postings, tids, slugs, pieces)


def _invert(postings: np.ndarray, tids: np.ndarray, slugs: list[str], pieces: Pieces) -> Built:
    """Offsets, document frequencies (entries), German terms and strongest fields from postings sorted by term."""
    terms = len(pieces.term_ids)
    offsets = np.zeros(terms + 1, dtype=np.int64)
    np.cumsum(np.bincount(tids, minlength=terms), out=offsets[1:])
    scratch = np.empty_like(postings)
    starts = np.ones(len(postings), dtype=bool)  # the first posting of each term and entry
    if len(postings) > 1:
        np.right_shift(postings, ENTRY_SHIFT, out=scratch)
        np.not_equal(scratch[1:], scratch[:-1], out=starts[1:])
        starts[1:] |= tids[1:] != tids[:-1]
    df = np.bincount(tids[starts], minlength=terms).astype(np.float64)
    del starts
    np.right_shift(postings, 3, out=scratch)
    np.bitwise_and(scratch, 15, out=scratch)
    german = set(np.unique(tids[scratch == LANG_INDEX["de"]]).tolist())
    np.bitwise_and(postings, 7, out=scratch)
    strongest = np.minimum.reduceat(scratch, offsets[:-1]).tolist() if terms else []
    del scratch
    idf = np.maximum(0.05, np.log1p((len(slugs) - df + 0.5) / (df + 0.5)))
    return Built(slugs, pieces.term_ids, pieces.surfaces, postings, offsets, idf.tolist(),
                 [FIELD_WEIGHTS[code] for code in strongest], german)
