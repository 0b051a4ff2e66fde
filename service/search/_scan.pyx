# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True, initializedcheck=False
"""Compiled loops of reading texts (see pieces.py): words cut and hashed in one pass over a chunk's bytes, and looked
up in the table of the forms met before."""

import numpy as np

from libc.stdint cimport int64_t, uint64_t
from libc.string cimport memcpy

from service.search._mix cimport mix

cdef uint64_t LENGTH = 0x632BE59BD9B4E019ULL


cdef extern from *:
    int __builtin_ctzll(unsigned long long) nogil
    void __builtin_prefetch(const void*) nogil

cdef enum:
    AHEAD = 16  # a lookup asks for the row of the hash this many places on, so the misses overlap


cdef inline uint64_t below_33(uint64_t value) noexcept nogil:
    """The top bit of each of the eight bytes of `value` that is below 33, exactly for the lowest such byte (bytes
    above it may be marked wrongly)."""
    return (value - 0x2121212121212121ULL) & ~value & 0x8080808080808080ULL


cdef inline uint64_t eight(const unsigned char* at, int64_t count) noexcept nogil:
    """The first `count` (at most eight) of the eight bytes from `at`, as a little-endian number."""
    cdef uint64_t value
    memcpy(&value, at, 8)
    if count >= 8:
        return value
    return value & ((1ULL << (8 * count)) - 1)


def words(const unsigned char[::1] data):
    """The words of a chunk's bytes (runs of bytes above 32; `data` begins with a zero byte and ends with eight):
    (starts, ends, hashes, texts, lines, zeros). A word's hash is read from its bytes eight at a time, and is odd
    (see Table); its text is the count of zero bytes before it, less one; its line counts the gaps before it, its
    own included, that hold a zero byte or a line break. zeros: the zero bytes of `data`."""
    cdef Py_ssize_t size = data.shape[0], room = (size + 1) // 2, count = 0, at = 0, start
    cdef int64_t zeros = 0, line = 0, breaks = 0, left
    cdef uint64_t hashed, block, ends_at
    cdef unsigned char byte
    starts_array = np.empty(room, dtype=np.intp)
    ends_array = np.empty(room, dtype=np.intp)
    hashes_array = np.empty(room, dtype=np.uint64)
    texts_array = np.empty(room, dtype=np.intp)
    lines_array = np.empty(room, dtype=np.intp)
    cdef Py_ssize_t[::1] starts = starts_array, ends = ends_array, texts = texts_array, lines = lines_array
    cdef uint64_t[::1] hashes = hashes_array
    cdef const unsigned char* bytes_ = &data[0]
    with nogil:
        while at < size:
            byte = bytes_[at]
            if byte <= 32:
                if byte == 0:
                    zeros += 1
                    breaks = 1
                elif byte == 10:
                    breaks = 1
                at += 1
                continue
            start = at
            while True:  # eight bytes at a time to the first byte of 32 or below (the zero bytes at the end stop it)
                memcpy(&block, bytes_ + at, 8)
                ends_at = below_33(block)
                if ends_at:
                    at += __builtin_ctzll(ends_at) >> 3
                    break
                at += 8
            left = at - start
            hashed = mix(eight(bytes_ + start, left) ^ (<uint64_t>left * LENGTH))
            while left > 8:
                left -= 8
                hashed = mix(eight(bytes_ + at - left, left) ^ hashed)
            line += breaks
            breaks = 0
            starts[count] = start
            ends[count] = at
            hashes[count] = hashed | 1
            texts[count] = zeros - 1
            lines[count] = line
            count += 1
    return (starts_array[:count], ends_array[:count], hashes_array[:count], texts_array[:count], lines_array[:count],
            zeros)


cdef inline Py_ssize_t slot_of(const uint64_t* rows, uint64_t mask, uint64_t wanted, int shift) noexcept nogil:
    """The row of `wanted` in the table `rows` (pairs of hash and value; open addressing, first slot wanted >> shift,
    linear probing), or the empty row (hash 0) where it would go."""
    cdef uint64_t slot = wanted >> shift
    while rows[2 * slot] != 0 and rows[2 * slot] != wanted:
        slot = (slot + 1) & mask
    return slot


def find(const uint64_t[:, ::1] rows, const uint64_t[::1] hashes, int shift):
    """For each hash, the value of its row in `rows` (see slot_of) and whether it is missing (the value then 0)."""
    cdef Py_ssize_t count = hashes.shape[0], i, slot
    cdef uint64_t mask = rows.shape[0] - 1
    values_array = np.zeros(count, dtype=np.uint64)
    missing_array = np.zeros(count, dtype=bool)
    cdef uint64_t[::1] values = values_array
    cdef unsigned char[::1] missing = missing_array.view(np.uint8)
    with nogil:
        for i in range(count):
            if i + AHEAD < count:
                __builtin_prefetch(&rows[hashes[i + AHEAD] >> shift, 0])
            slot = slot_of(&rows[0, 0], mask, hashes[i], shift)
            if rows[slot, 0] == 0:
                missing[i] = 1
            else:
                values[i] = rows[slot, 1]
    return values_array, missing_array


def keys(const uint64_t[::1] values, const uint64_t[::1] bases, const Py_ssize_t[::1] texts,
         const Py_ssize_t[::1] lines, const Py_ssize_t[::1] multi_heads, const uint64_t[::1] multi_tids,
         uint64_t mark):
    """The sort key (term id << 32 | base of its text) and the line of each word, from the words' values (the low
    32 bits: a term id, or mark + n for a form of several words or none, whose terms are multi_tids[multi_heads[n]:
    multi_heads[n + 1]]), their texts and lines. The words of single terms come first, in order, then each term of
    each form of several words, in order."""
    cdef Py_ssize_t count = values.shape[0], i, j, kept = 0, extra = 0, at
    cdef uint64_t value
    with nogil:
        for i in range(count):
            value = values[i] & 0xFFFFFFFFULL
            if value < mark:
                kept += 1
            else:
                extra += multi_heads[value - mark + 1] - multi_heads[value - mark]
    keys_array = np.empty(kept + extra, dtype=np.uint64)
    lines_array = np.empty(kept + extra, dtype=np.intp)
    cdef uint64_t[::1] out_keys = keys_array
    cdef Py_ssize_t[::1] out_lines = lines_array
    with nogil:
        at = kept
        kept = 0
        for i in range(count):
            value = values[i] & 0xFFFFFFFFULL
            if value < mark:
                out_keys[kept] = value << 32 | bases[texts[i]]
                out_lines[kept] = lines[i]
                kept += 1
            else:
                for j in range(multi_heads[value - mark], multi_heads[value - mark + 1]):
                    out_keys[at] = multi_tids[j] << 32 | bases[texts[i]]
                    out_lines[at] = lines[i]
                    at += 1
    return keys_array, lines_array


def place(uint64_t[:, ::1] rows, const uint64_t[:, ::1] added, int shift):
    """Write each row of `added` (hash, value) to the first empty row of `rows` from its hash's first slot (see
    slot_of), in order, unless its hash is there already; the count of rows written."""
    cdef Py_ssize_t count = added.shape[0], i, slot, written = 0
    cdef uint64_t mask = rows.shape[0] - 1
    with nogil:
        for i in range(count):
            slot = slot_of(&rows[0, 0], mask, added[i, 0], shift)
            if rows[slot, 0] == 0:
                rows[slot, 0] = added[i, 0]
                rows[slot, 1] = added[i, 1]
                written += 1
    return written


def distinct(const uint64_t[::1] hashes):
    """The distinct hashes, in the order they first appear: for each hash the number of its distinct one
    (form_of), and for each distinct one where it first appears (firsts) and how often (counts)."""
    cdef Py_ssize_t count = hashes.shape[0], i, found = 0, size = 16, form
    while size < 2 * count:
        size *= 2
    cdef uint64_t mask = size - 1, slot, wanted
    cdef int shift = 64 - (size.bit_length() - 1)
    slots_array = np.full(size, -1, dtype=np.intp)  # the distinct hash in each slot
    form_of_array = np.empty(count, dtype=np.intp)
    firsts_array = np.empty(count, dtype=np.intp)
    counts_array = np.zeros(count, dtype=np.int64)
    cdef Py_ssize_t[::1] slots = slots_array, form_of = form_of_array, firsts = firsts_array
    cdef int64_t[::1] counts = counts_array
    with nogil:
        for i in range(count):
            wanted = hashes[i]
            slot = wanted >> shift
            while True:
                form = slots[slot]
                if form < 0:
                    form = found
                    slots[slot] = form
                    firsts[form] = i
                    found += 1
                    break
                if hashes[firsts[form]] == wanted:
                    break
                slot = (slot + 1) & mask
            form_of[i] = form
            counts[form] += 1
    return form_of_array, firsts_array[:found], counts_array[:found]


def spelled(const unsigned char[::1] data, const Py_ssize_t[::1] starts, const Py_ssize_t[::1] ends,
            uint64_t radix, uint64_t length_factor):
    """The bytes of the words data[start:end], each followed by a space, and a polynomial hash of each: the sum of
    byte j times radix ** j, plus its length times length_factor (wrapping)."""
    cdef Py_ssize_t count = starts.shape[0], i, j, total = 0, at = 0
    cdef uint64_t polynomial
    for i in range(count):
        if not 0 <= starts[i] <= ends[i] <= data.shape[0]:
            raise ValueError("a word outside the data")
        total += ends[i] - starts[i] + 1
    spans_array = np.empty(total, dtype=np.uint8)
    polynomials_array = np.empty(count, dtype=np.uint64)
    cdef unsigned char[::1] spans = spans_array
    cdef uint64_t[::1] polynomials = polynomials_array
    with nogil:
        for i in range(count):
            polynomial = 0
            j = ends[i]
            while j > starts[i]:
                j -= 1
                polynomial = polynomial * radix + data[j]
            polynomials[i] = polynomial + <uint64_t>(ends[i] - starts[i]) * length_factor
            memcpy(&spans[at], &data[starts[i]], ends[i] - starts[i])
            at += ends[i] - starts[i]
            spans[at] = 32
            at += 1
    return spans_array, polynomials_array
