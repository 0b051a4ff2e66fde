# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True, initializedcheck=False
"""Compiled loops of reading texts (see pieces.py): a hash table lookup per word."""

import numpy as np

from libc.stdint cimport uint64_t


def find(const uint64_t[:, ::1] rows, const uint64_t[::1] hashes, int shift):
    """For each hash, the value of its row in `rows` (open addressing, first slot hash >> shift, linear probing, a
    zero hash marks an empty row) and whether it is missing (the value then 0)."""
    cdef Py_ssize_t count = hashes.shape[0], i
    cdef uint64_t mask = rows.shape[0] - 1, slot, wanted, held
    values_array = np.zeros(count, dtype=np.uint64)
    missing_array = np.zeros(count, dtype=bool)
    cdef uint64_t[::1] values = values_array
    cdef unsigned char[::1] missing = missing_array.view(np.uint8)
    with nogil:
        for i in range(count):
            wanted = hashes[i]
            slot = wanted >> shift
            while True:
                held = rows[slot, 0]
                if held == wanted:
                    values[i] = rows[slot, 1]
                    break
                if held == 0:
                    missing[i] = 1
                    break
                slot = (slot + 1) & mask
    return values_array, missing_array
