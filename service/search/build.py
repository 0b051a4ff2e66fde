"""Building the index: every written form folded once, postings inverted by sorting (numpy), in chunks; the passes
over each chunk's keys and the placing of postings are compiled loops (_postings.pyx)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from service.i18n import LANGUAGE_CODES
from service.search.pieces import Pieces
from service.search.score import ENTRY_SHIFT, FIELD_WEIGHTS, POSTING_FIELD

try:
    from service.search import _postings  # compiled from _postings.pyx by `make install`
except ImportError as error:  # pragma: no cover - a checkout that was never installed
    raise ImportError("service/search/_postings.pyx is not compiled: run `make install`") from error

LANG_INDEX = {code: i for i, code in enumerate(LANGUAGE_CODES)}
MAX_ENTRIES = 1 << (32 - ENTRY_SHIFT)
CHUNK = 512  # entries whose words are hashed, and whose postings sorted and de-duplicated, together
assert CHUNK << ENTRY_SHIFT <= 1 << 16  # the postings of a chunk are kept as 16 bits
MAX_PHRASE = 6  # content words of the longest title or keyword line kept as a phrase
_MASK = (1 << 64) - 1


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
    phrase_hashes: np.ndarray  # uint64, sorted: phrase_key() of a title or keyword line's content words
    phrase_values: np.ndarray  # uint32: entry << 1 | 1 for a title line, 0 for a keyword line
    stop: bytearray  # per term id: 1 for a function word


def phrase_key(tids: set[int]) -> int:
    """The key of a set of content terms, whatever their order: the wrapping sum of SplitMix64's finaliser of each
    id + 1 (as the build's, in _postings.phrases)."""
    total = 0
    for tid in tids:
        z = tid + 1
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK
        total += z ^ (z >> 31)
    return total & _MASK


def _phrases(keys: np.ndarray, lines: np.ndarray, stop: bytearray) -> tuple[np.ndarray, np.ndarray]:
    """(key, entry << 1 | title) of the chunk's title lines and keyword lines of two or more content words (at most
    MAX_PHRASE distinct ones); marks the postings of keyword lines of one content word (in place)."""
    return _postings.phrases(keys, np.ascontiguousarray(lines, dtype=np.int64), stop, MAX_PHRASE)


def _dedupe(keys: np.ndarray) -> tuple[np.ndarray, int]:
    """Sorted keys, one per term, entry and language: the one with the strongest (lowest) field; and how many terms
    they have."""
    keys.sort()
    kept, terms = _postings.dedupe(keys)
    return keys[:kept], terms


@dataclass
class Chunk:
    """A chunk's postings, sorted by term, and its terms' runs (views into Spools). A chunk holds at most CHUNK
    entries, so a posting less `base` (entry within the chunk, language, field) fits 16 bits; `base` is added back
    when the postings are assembled."""

    base: int  # the first entry << ENTRY_SHIFT
    postings: np.ndarray  # uint16
    tids: np.ndarray  # int32: the term of each run
    counts: np.ndarray  # uint16: the length of each run (one posting per entry and language at most)


class Spool:
    """Arrays kept until the end of the build, placed one after the other in large blocks: a block is mapped from
    the system and given back whole once no view of it is left (many arrays of a few megabytes each would stay in
    the allocator's heap after they are freed, as resident memory)."""

    BLOCK = 1 << 26  # bytes

    def __init__(self, dtype: type) -> None:
        self.dtype = np.dtype(dtype)
        self.block = np.zeros(0, dtype=self.dtype)
        self.used = 0

    def take(self, size: int) -> np.ndarray:
        """Room for `size` items (not cleared)."""
        if self.used + size > len(self.block):
            self.block = np.empty(max(size, self.BLOCK // self.dtype.itemsize), dtype=self.dtype)
            self.used = 0
        self.used += size
        return self.block[self.used - size:self.used]

    def close(self) -> None:
        """Let go of the current block (views taken keep it while they last)."""
        self.block, self.used = np.zeros(0, dtype=self.dtype), 0


class Stats:
    """Per term, gathered chunk by chunk: entries it occurs in, whether in German texts."""

    def __init__(self) -> None:
        self.postings, self.tids, self.counts = Spool(np.uint16), Spool(np.int32), Spool(np.uint16)
        self.df = np.zeros(0, dtype=np.int64)
        self.german = np.zeros(0, dtype=np.uint8)  # 1 for a term in German texts

    def add(self, keys: np.ndarray, terms: int, first: int) -> Chunk:
        """Count the sorted keys (one per term, entry and language; of `terms` terms) of the chunk beginning with entry
        `first` in; its postings by term."""
        postings, tids, counts = self.postings.take(len(keys)), self.tids.take(terms), self.counts.take(terms)
        needed = int(keys[-1] >> np.uint64(32)) + 1 if len(keys) else 0  # (the last term is the highest)
        if needed > len(self.df):
            grown = max(needed, 2 * len(self.df))
            self.df = np.concatenate((self.df, np.zeros(grown - len(self.df), dtype=np.int64)))
            self.german = np.concatenate((self.german, np.zeros(grown - len(self.german), dtype=np.uint8)))
        _postings.count(keys, first << ENTRY_SHIFT, postings, tids, counts, self.df, self.german, LANG_INDEX["de"])
        return Chunk(first << ENTRY_SHIFT, postings, tids, counts)


_FIELD_BITS = np.array(POSTING_FIELD, dtype=np.uint64)


def build(entries: Iterable[EntryTexts]) -> Built:
    """Fold, number and invert the texts of all entries (each entry once, all its languages together)."""
    pieces = Pieces()
    stats = Stats()
    slugs: list[str] = []
    chunks: list[Chunk] = []
    phrases: list[tuple[np.ndarray, np.ndarray]] = []
    texts: list[tuple[str, int, str]] = []  # (language, field, text) of the chunk's entries
    sizes: list[int] = []  # texts of each entry of the chunk

    def add_chunk() -> None:
        first = len(chunks) * CHUNK
        keys, lines = pieces.keys(*_postings.texts(texts, sizes, first, LANG_INDEX, _FIELD_BITS))
        phrases.append(_phrases(keys, lines, pieces.stop))
        chunks.append(stats.add(*_dedupe(keys), first))

    for entry_id, entry in enumerate(entries):  # as little as possible per entry: texts are read a chunk at once
        if entry_id >= MAX_ENTRIES:
            raise ValueError(f"at most {MAX_ENTRIES} entries")
        slugs.append(entry.slug)
        sizes.append(len(entry.texts))
        texts += entry.texts
        if entry_id % CHUNK == CHUNK - 1:
            add_chunk()
            texts, sizes = [], []
    add_chunk()
    terms = len(pieces.term_ids)
    for spool in (stats.postings, stats.tids, stats.counts):
        spool.close()  # the chunks' views hold the blocks now: each goes once its chunks are placed
    postings, offsets = _assemble(chunks, terms)
    phrase_hashes = np.concatenate([hashes for hashes, _values in phrases])
    phrase_values = np.concatenate([values for _hashes, values in phrases])
    order = np.lexsort((phrase_values, phrase_hashes))
    idf = np.maximum(0.05, np.log1p((len(slugs) - stats.df[:terms] + 0.5) / (stats.df[:terms] + 0.5)))
    return Built(slugs, pieces.term_ids, pieces.surfaces, postings, offsets, idf.tolist(),
                 [FIELD_WEIGHTS[code] for code in _strongest(postings, offsets).tolist()],
                 set(np.flatnonzero(stats.german[:terms]).tolist()), phrase_hashes[order], phrase_values[order],
                 pieces.stop)


def _strongest(postings: np.ndarray, offsets: np.ndarray) -> np.ndarray:
    """The strongest (lowest) field of each term's postings, 7 for a term without any: one reduceat over all terms
    once their postings are in place."""
    fields = np.empty(len(postings), dtype=np.uint8)
    np.bitwise_and(postings, 7, out=fields, casting="unsafe")
    strongest = np.full(len(offsets) - 1, 7, dtype=np.uint8)
    found = offsets[1:] > offsets[:-1]
    if found.any():
        strongest[found] = np.minimum.reduceat(fields, offsets[:-1][found])
    return strongest


def _assemble(chunks: list[Chunk], terms: int) -> tuple[np.ndarray, np.ndarray]:
    """The postings of all chunks in term order, without a sort: each chunk is sorted and holds later entries than
    the chunk before, so a term's postings are its runs in the chunks, one after the other. Chunks are freed as
    their postings are placed."""
    counts = np.zeros(terms, dtype=np.int64)
    for chunk in chunks:
        counts[chunk.tids] += chunk.counts
    offsets = np.zeros(terms + 1, dtype=np.int64)
    np.cumsum(counts, out=offsets[1:])
    del counts
    cursor = offsets[:-1].copy()
    postings = np.empty(int(offsets[-1]), dtype=np.uint32)
    chunks.reverse()
    while chunks:
        chunk = chunks.pop()
        _postings.place(postings, cursor, chunk.postings, chunk.tids, chunk.counts, chunk.base)
    return postings, offsets
