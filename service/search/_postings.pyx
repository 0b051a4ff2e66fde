# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True, initializedcheck=False
"""Compiled loops of the index build (see build.py): a chunk's phrases, its postings de-duplicated and counted, and
the chunks' postings placed in term order. A key is term id << 32 | entry << ENTRY_SHIFT | language << 3 | field."""

import numpy as np

from libc.stdint cimport INT32_MAX, INT64_MIN, int32_t, int64_t, uint16_t, uint32_t, uint64_t

from service.search._mix cimport mix
from service.search.score import ENTRY_SHIFT, P_KEYWORD, P_TITLE, P_WHOLE_KEYWORD

cdef uint64_t SHIFT = ENTRY_SHIFT, TITLE = P_TITLE, KEYWORD = P_KEYWORD
cdef uint64_t WHOLE = P_KEYWORD ^ P_WHOLE_KEYWORD  # turns a keyword posting into a whole-keyword one
cdef uint64_t LOW = 0xFFFFFFFF
cdef enum:
    MOST = 64  # room for the distinct terms of a phrase


cdef inline uint64_t term_mix(uint64_t tid) noexcept nogil:
    """mix() of tid + 1 (as phrase_key() in build.py)."""
    return mix(tid + 1)


cdef struct Line:
    Py_ssize_t words  # content words so far, repeated ones too
    Py_ssize_t first  # the position of the first in keys
    int distinct  # distinct terms so far (more than a phrase's once there are too many)
    uint64_t total  # wrapping sum of their term_mix()
    uint64_t seen[MOST]


cdef inline void add_word(Line* line, uint64_t tid, Py_ssize_t at, int max_phrase) noexcept nogil:
    """One more content word of a line: the term `tid` of keys[at]."""
    cdef int d
    if line.words == 0:
        line.first = at
    line.words += 1
    if line.distinct > max_phrase:
        return
    for d in range(line.distinct):
        if line.seen[d] == tid:
            return
    if line.distinct < max_phrase:
        line.seen[line.distinct] = tid
        line.total += term_mix(tid)
    line.distinct += 1


def phrases(uint64_t[::1] keys, const int64_t[::1] lines, const unsigned char[::1] stop, int max_phrase):
    """(key, entry << 1 | title) of the title lines of at most max_phrase distinct content terms and of the keyword
    lines of two to max_phrase; the one content word of a keyword line becomes a whole-keyword posting (in `keys`).
    lines: each key's line, the same for all keys of a line, which come in line order but for a few (a line's keys
    need not stand together); stop: 1 per function word's term id. A line's count of content words includes repeated
    ones, its phrase's count does not."""
    cdef Py_ssize_t count = keys.shape[0], terms = stop.shape[0], found = 0, ordered = 0, late = 0, rows = 0
    cdef Py_ssize_t i, at, a = 0, b = 0
    cdef uint64_t key, code, tid, base
    cdef int64_t line, previous = INT64_MIN
    cdef bint fits = True, later
    cdef Line phrase
    if lines.shape[0] != count:
        raise ValueError("one line per key")
    if not 0 < max_phrase < MOST:
        raise ValueError(f"max_phrase must be below {MOST}")
    if count > INT32_MAX:
        raise ValueError("too many keys")
    positions_array = np.empty(count, dtype=np.int32)  # of the content words of title and keyword lines
    cdef int32_t[::1] positions = positions_array
    with nogil:
        for i in range(count):  # without branches: which words count is hard to predict
            key = keys[i]
            code = key & 7
            tid = key >> 32
            fits &= tid < <uint64_t>terms
            positions[found] = <int32_t>i
            found += ((code == TITLE) | (code == KEYWORD)) & (stop[tid if tid < <uint64_t>terms else 0] == 0)
    if not fits:
        raise ValueError("a term without a stop flag")
    # those in line order are kept in place; the others (late: line << 32 | position) are sorted and merged in
    lates_array = np.empty(found, dtype=np.uint64)
    cdef uint64_t[::1] lates = lates_array
    with nogil:
        for i in range(found):
            at = positions[i]
            line = lines[at]
            later = line < previous
            fits &= <uint64_t>line <= INT32_MAX
            lates[late] = <uint64_t>line << 32 | <uint64_t>at
            late += later
            positions[ordered] = <int32_t>at
            ordered += not later
            previous = max(previous, line)
    if not fits:
        raise ValueError("lines must be numbers from 0 to 2 ** 31 - 1")
    lates_array[:late].sort()
    hashes_array = np.empty(found, dtype=np.uint64)  # (room for a phrase per word)
    values_array = np.empty(found, dtype=np.uint32)
    cdef uint64_t[::1] hashes = hashes_array
    cdef uint32_t[::1] values = values_array
    with nogil:
        while a < ordered or b < late:
            if b == late or (a < ordered and lines[positions[a]] <= <int64_t>(lates[b] >> 32)):
                line = lines[positions[a]]
            else:
                line = lates[b] >> 32
            phrase.words, phrase.distinct, phrase.total = 0, 0, 0
            while a < ordered and lines[positions[a]] == line:
                add_word(&phrase, keys[positions[a]] >> 32, positions[a], max_phrase)
                a += 1
            while b < late and <int64_t>(lates[b] >> 32) == line:
                at = lates[b] & LOW
                add_word(&phrase, keys[at] >> 32, at, max_phrase)
                b += 1
            base = keys[phrase.first] & LOW
            code = base & 7
            if code == KEYWORD and phrase.words == 1:  # one content word: a whole keyword, no phrase
                keys[phrase.first] ^= WHOLE
            elif phrase.distinct <= max_phrase and (code == TITLE or phrase.distinct >= 2):
                hashes[rows] = phrase.total
                values[rows] = <uint32_t>((base >> SHIFT) << 1 | (code == TITLE))
                rows += 1
    return hashes_array[:rows].copy(), values_array[:rows].copy()


def dedupe(uint64_t[::1] keys):
    """The sorted keys kept at their start, one per term, entry and language (the first: the strongest field); how
    many are kept, and how many terms they have."""
    cdef Py_ssize_t count = keys.shape[0], kept = 0, terms = 0, i
    cdef uint64_t key
    with nogil:
        for i in range(count):
            key = keys[i]
            if kept and key >> 3 == keys[kept - 1] >> 3:
                continue
            if not kept or key >> 32 != keys[kept - 1] >> 32:
                terms += 1
            keys[kept] = key
            kept += 1
    return kept, terms


def count(const uint64_t[::1] keys, uint64_t base, uint16_t[::1] postings, int32_t[::1] tids, uint16_t[::1] counts,
          int64_t[::1] df, unsigned char[::1] german, uint64_t german_language):
    """For de-duplicated sorted keys of entries from `base` (an entry << ENTRY_SHIFT) on: each key's posting less
    `base`, the term and length of each term's run, and per term id the entries that have it added to `df` and a 1
    in `german` where one of its postings is of german_language."""
    cdef Py_ssize_t size = keys.shape[0], runs = tids.shape[0], run = -1, i
    cdef uint64_t key, tid, entry, last_tid = 0, last_entry = 0, terms = min(df.shape[0], german.shape[0])
    cdef bint fits = True
    if postings.shape[0] != size or counts.shape[0] != runs:
        raise ValueError("one posting per key and one count per run")
    with nogil:
        for i in range(size):
            key = keys[i]
            tid = key >> 32
            entry = (key & LOW) >> SHIFT
            postings[i] = <uint16_t>((key & LOW) - base)
            if run < 0 or tid != last_tid:
                run += 1
                if tid < last_tid or run == runs or tid >= terms:
                    fits = False
                    break
                tids[run] = <int32_t>tid
                counts[run] = 0
                df[tid] += 1
                last_tid, last_entry = tid, entry
            elif entry != last_entry:
                df[tid] += 1
                last_entry = entry
            counts[run] += 1
            if (key >> 3) & 15 == german_language:
                german[tid] = 1
    if not fits or run + 1 != runs:
        raise ValueError("keys not sorted, not one run per term, or a term id beyond df or german")


def place(uint32_t[::1] postings, int64_t[::1] cursor, const uint16_t[::1] chunk, const int32_t[::1] tids,
          const uint16_t[::1] counts, uint32_t base):
    """A chunk's postings (runs of `counts` by term, `tids`), plus `base`, written to postings[cursor[tid]:] of
    their term; the cursors moved on past them."""
    cdef Py_ssize_t runs = tids.shape[0], terms = cursor.shape[0], end = postings.shape[0], size = chunk.shape[0]
    cdef Py_ssize_t at = 0, run, i, tid, length, start
    cdef bint fits = True
    if counts.shape[0] != runs:
        raise ValueError("one count per run")
    with nogil:
        for run in range(runs):
            tid, length = tids[run], counts[run]
            if tid < 0 or tid >= terms or at + length > size or cursor[tid] + length > end:
                fits = False
                break
            start = cursor[tid]
            for i in range(length):
                postings[start + i] = chunk[at + i] + base
            cursor[tid] = start + length
            at += length
    if not fits or at != size:
        raise ValueError("runs that do not fit the chunk or their place")


def texts(list chunk, list sizes, uint64_t first, dict languages, const uint64_t[::1] fields):
    """The texts of a chunk's (language, field, text) triples, and the base of each one's postings: entry <<
    ENTRY_SHIFT | language << 3 | field's bits. sizes: the count of triples of each entry of the chunk, the first being
    entry `first`; languages: a language's number (15 for one that has none); fields: a field's bits."""
    cdef Py_ssize_t count = len(chunk), i = 0, size, n
    cdef Py_ssize_t field
    cdef uint64_t entry = first, language
    if sum(sizes) != count:
        raise ValueError("sizes must add up to the triples")
    strings = [None] * count
    bases_array = np.empty(count, dtype=np.uint64)
    cdef uint64_t[::1] bases = bases_array
    for size in sizes:
        for n in range(size):
            triple = chunk[i]
            language = languages.get(triple[0], 15)
            field = triple[1]
            if not 0 <= field < fields.shape[0]:
                raise ValueError(f"no field {field}")
            bases[i] = entry << SHIFT | language << 3 | fields[field]
            strings[i] = triple[2]
            i += 1
        entry += 1
    return strings, bases_array
