"""Reading many texts at once: words cut and hashed with numpy, each distinct written form folded only once.

A Python dict lookup per word costs several cache misses once the vocabulary is large; here the words of a chunk of
texts are cut at ASCII white space in their UTF-8 bytes, hashed (a 64-bit polynomial hash, position independent)
and made unique with one sort, so Python only looks at each distinct form of the chunk.
"""

from __future__ import annotations

import numpy as np

from service.search.normalize import tokens
from service.search.stopwords import STOPWORDS

PUNCTUATION = "()[]{}\"'.,;:!?«»„“”–-/§"
SEPARATOR_WORD = "qqxpieceqq"  # survives folding unchanged and is no word of any language
SEPARATOR = f" {SEPARATOR_WORD} "
MARK = 1 << 31  # values from here on stand for forms of several words (or none): MARK + position in `multi`
_RADIX = 0x9E3779B97F4A7C15
_LENGTH = np.uint64(0x632BE59BD9B4E019)
_SPREAD = np.uint64(0x9E3779B97F4A7C15)  # odd: a bijection that carries low-bit differences into the top bits


class Pieces:
    """Hash of a written form -> term id (or MARK + n); the vocabulary grows as new forms are met."""

    def __init__(self) -> None:
        self.known_hashes = np.zeros(0, dtype=np.uint64)  # hashes of the written forms met so far, sorted
        self.known_values = np.zeros(0, dtype=np.uint64)  # their term ids (or marks)
        self.term_ids: dict[str, int] = {}
        self.surfaces: dict[str, str] = {}
        self.multi: list[tuple[int, ...]] = []
        self.stop = bytearray()  # per term id: 1 for a function word (left out of phrases)
        self._powers = np.ones(1, dtype=np.uint64)
        self._inverse = np.ones(1, dtype=np.uint64)

    def keys(self, texts: list[str], bases: list[int]) -> tuple[np.ndarray, np.ndarray]:
        """Sort keys (term id << 32 | base of the text) for every word of every text, and each word's line.

        Lines are numbered through the chunk (a new text starts a new line): a line of a title or keyword list is
        one phrase.
        """
        data = np.frombuffer("  \x00 ".join(texts).encode("utf-8", "surrogatepass"), dtype=np.uint8)
        if not len(data):
            return np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.int64)
        inside = (data > 32) | (data == 0)
        edges = np.diff(inside.astype(np.int8), prepend=np.int8(0), append=np.int8(0))
        starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
        marker = (data[starts] == 0) & (ends - starts == 1)
        text_of = np.cumsum(marker)[~marker]
        starts, ends = starts[~marker], ends[~marker]
        if not len(starts):
            return np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.int64)
        # lines before each word plus texts before it: both only grow, so the sum is unique per text and line
        line_of = np.searchsorted(np.flatnonzero(data == 10), starts) + text_of
        hashes = self._hashes(data, starts, ends)
        # one sort of (top bits of the hash, word number) instead of an argsort: words of a form end up together
        # (two forms sharing the top bits may interleave; such a form is then looked up twice, harmlessly)
        bits = np.uint64(max(1, int(len(hashes) - 1).bit_length()))
        packed = ((hashes * _SPREAD) >> bits) << bits | np.arange(len(hashes), dtype=np.uint64)
        packed.sort()
        order = (packed & ((np.uint64(1) << bits) - np.uint64(1))).astype(np.intp)
        del packed
        ordered = hashes[order]
        new_form = np.empty(len(ordered), dtype=bool)
        new_form[0] = True
        np.not_equal(ordered[1:], ordered[:-1], out=new_form[1:])
        some = order[new_form]
        values = self._values(ordered[new_form], data, starts[some], ends[some])
        form_of = np.empty(len(order), dtype=np.intp)
        form_of[order] = np.cumsum(new_form) - 1
        high = values[form_of]
        keys = (high << np.uint64(32)) | np.array(bases, dtype=np.uint64)[text_of]
        marked = high >= MARK
        if not marked.any():
            return keys, line_of
        extra, lines = [], []
        for key, line in zip(keys[marked].tolist(), line_of[marked].tolist(), strict=True):
            for tid in self.multi[(key >> 32) - MARK]:
                extra.append(tid << 32 | (key & 0xFFFFFFFF))
                lines.append(line)
        return (np.concatenate((keys[~marked], np.array(extra, dtype=np.uint64))),
                np.concatenate((line_of[~marked], np.array(lines, dtype=np.int64))))

    def _hashes(self, data: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
        """sum(byte_i * R**(i - start)) + length * L for each word, all in wrapping 64-bit arithmetic."""
        size = len(data) + 1
        if len(self._powers) < size:
            grown = max(size, 2 * len(self._powers))
            self._powers = np.cumprod(np.full(grown, _RADIX, dtype=np.uint64))
            self._powers[1:] = self._powers[:-1].copy()
            self._powers[0] = 1
            self._inverse = np.cumprod(np.full(grown, pow(_RADIX, -1, 1 << 64), dtype=np.uint64))
            self._inverse[1:] = self._inverse[:-1].copy()
            self._inverse[0] = 1
        prefix = np.zeros(size, dtype=np.uint64)
        np.cumsum(data.astype(np.uint64) * self._powers[: size - 1], out=prefix[1:])
        lengths = (ends - starts).astype(np.uint64)
        return (prefix[ends] - prefix[starts]) * self._inverse[starts] + lengths * _LENGTH

    def _values(self, hashes: np.ndarray, data: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
        """Term ids (or marks) for the distinct forms of a chunk; new forms are folded together, in one call.

        Known forms are looked up in sorted arrays (a dict of Python ints would cost ten times the memory)."""
        values = np.zeros(len(hashes), dtype=np.uint64)
        position = np.searchsorted(self.known_hashes, hashes)
        found = position < len(self.known_hashes)
        found[found] = self.known_hashes[position[found]] == hashes[found]
        values[found] = self.known_values[position[found]]
        new = np.flatnonzero(~found)
        if not len(new):
            return values
        raw = data.tobytes()
        forms = [raw[start:end].decode("utf-8", "surrogatepass")
                 for start, end in zip(starts[new].tolist(), ends[new].tolist(), strict=True)]
        numbered = np.array([self._number(form, folded) for form, folded in zip(forms, self._fold(forms),
                                                                                 strict=True)], dtype=np.uint64)
        values[new] = numbered
        order = np.argsort(hashes[new])
        at = np.searchsorted(self.known_hashes, hashes[new][order])
        self.known_hashes = np.insert(self.known_hashes, at, hashes[new][order])
        self.known_values = np.insert(self.known_values, at, numbered[order])
        return values

    @staticmethod
    def _fold(forms: list[str]) -> list[list[str]]:
        groups: list[list[str]] = [[]]
        for word in tokens(SEPARATOR.join(forms)):
            if word == SEPARATOR_WORD:
                groups.append([])
            else:
                groups[-1].append(word)
        return groups

    def _number(self, form: str, words: list[str]) -> int:
        """The value of a new form: its term's id (new terms numbered on), or a mark for several or no words."""
        term_ids, tids = self.term_ids, []
        for word in words:
            tid = term_ids.get(word)
            if tid is None:
                tid = term_ids[word] = len(term_ids)
                self.stop.append(word in STOPWORDS)
            tids.append(tid)
        if len(words) != 1:
            self.multi.append(tuple(tids))
            return MARK + len(self.multi) - 1
        written = form.strip(PUNCTUATION)
        if written != words[0] and words[0] not in self.surfaces:
            self.surfaces[words[0]] = written
        return tids[0]
