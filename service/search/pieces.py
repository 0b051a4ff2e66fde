"""Reading many texts at once: words cut and hashed with numpy, each distinct written form folded only once.

A Python dict lookup per word costs several cache misses once the vocabulary is large; here the words of a chunk of
texts are cut at ASCII white space in their UTF-8 bytes, hashed from their bytes read eight at a time, and made
unique with one sort, so Python only looks at each distinct form of the chunk, and folds each form once.
"""

from __future__ import annotations

import re
from itertools import compress, repeat
from operator import is_, ne

import numpy as np

from service.search.normalize import folded_lines
from service.search.stopwords import STOPWORDS

PUNCTUATION = "()[]{}\"'.,;:!?«»„“”–-/§"
_EDGE_PUNCTUATION = re.compile(f"(?m)^[{re.escape(PUNCTUATION)}]+|[{re.escape(PUNCTUATION)}]+$")  # str.strip()
MARK = 1 << 31  # values from here on stand for forms of several words (or none): MARK + position in `multi`
PAD = 8  # zero bytes after a chunk's texts, so eight bytes can be read from any position
_M1, _M2 = np.uint64(0xBF58476D1CE4E5B9), np.uint64(0x94D049BB133111EB)
_LENGTH = np.uint64(0x632BE59BD9B4E019)
_RADIX = 0x9E3779B97F4A7C15
_SPREAD = np.uint64(0x9E3779B97F4A7C15)
_LOW_BYTES = np.array([(1 << 8 * count) - 1 for count in range(9)], dtype=np.uint64)  # mask of the first n bytes


def _mix(z: np.ndarray) -> np.ndarray:
    """SplitMix64's finaliser, in place."""
    z ^= z >> np.uint64(30)
    z *= _M1
    z ^= z >> np.uint64(27)
    z *= _M2
    z ^= z >> np.uint64(31)
    return z


def word_hashes(data: np.ndarray, starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """A 64-bit hash of each word's bytes (data[start:start + length], no zero byte in a word), from its bytes read
    eight at a time; `data` ends with PAD zero bytes."""
    words = np.ndarray((len(data) - PAD + 1,), dtype="<u8", buffer=data, strides=(1,))  # eight bytes from each byte
    hashes = words[starts]
    hashes &= _LOW_BYTES[np.minimum(lengths, 8)]
    hashes ^= lengths.astype(np.uint64) * _LENGTH
    _mix(hashes)
    longer, offset = np.flatnonzero(lengths > 8), 8
    while len(longer):
        more = words[starts[longer] + offset]
        more &= _LOW_BYTES[np.minimum(lengths[longer] - offset, 8)]
        more ^= hashes[longer]
        hashes[longer] = _mix(more)
        offset += 8
        longer = longer[lengths[longer] > offset]
    return hashes


class Pieces:
    """Hash of a written form -> term id (or MARK + n); the vocabulary grows as new forms are met, terms numbered in
    the order their first form appears."""

    def __init__(self) -> None:
        self.known_hashes = np.zeros(0, dtype=np.uint64)  # hashes of the written forms met so far, sorted
        self.known_values = np.zeros(0, dtype=np.uint64)  # their term ids (or marks)
        self.term_ids: dict[str, int] = {}
        self.surfaces: dict[str, str] = {}
        self.multi: list[tuple[int, ...]] = []
        self.stop = bytearray()  # per term id: 1 for a function word (left out of phrases)
        self._powers = np.ones(1, dtype=np.uint64)  # _RADIX ** i

    def keys(self, texts: list[str], bases: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Sort keys (term id << 32 | base of the text) for every word of every text, and each word's line.

        Lines are numbered through the chunk (a new text starts a new line): a line of a title or keyword list is
        one phrase. A zero character in a text counts as a space.
        """
        encoded = _encoded("\x00".join(["", *texts, "\x00" * (PAD - 1)]))  # each text after a zero byte
        if encoded.count(0) != len(texts) + PAD:  # only a zero character is encoded with a zero byte
            encoded = _encoded("\x00".join(["", *(text.replace("\x00", " ") for text in texts), "\x00" * (PAD - 1)]))
        data = np.frombuffer(encoded, dtype=np.uint8)
        inside = data > 32
        edges = np.flatnonzero(inside[1:] != inside[:-1]) + 1  # the chunk begins and ends outside a word
        del inside
        if not len(edges):
            return np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.int64)
        starts, ends = edges[0::2], edges[1::2]
        text_of, line_of = _texts_and_lines(data, starts, ends)
        hashes = word_hashes(data, starts, ends - starts)
        # one sort of (top bits of the hash, word number) instead of an argsort: words of a form end up together,
        # its first word first (two forms sharing the top bits may interleave; such a form is then looked up twice,
        # harmlessly)
        low = np.uint64((1 << max(1, int(len(hashes) - 1).bit_length())) - 1)
        packed = hashes & ~low
        packed |= np.arange(len(hashes), dtype=np.uint64)
        packed.sort()
        packed &= low
        order = packed.astype(np.intp)
        del packed
        ordered = hashes[order]
        new_form = np.empty(len(ordered), dtype=bool)
        new_form[0] = True
        np.not_equal(ordered[1:], ordered[:-1], out=new_form[1:])
        first = order[new_form]
        values = self._values(ordered[new_form], encoded, data, starts[first], ends[first], first, len(hashes))
        form_of = np.empty(len(order), dtype=np.intp)
        form_of[order] = np.cumsum(new_form) - 1
        high = values[form_of]
        keys = (high << np.uint64(32)) | bases[text_of]
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

    def _values(self, hashes: np.ndarray, encoded: bytes, data: np.ndarray, starts: np.ndarray, ends: np.ndarray,
                first: np.ndarray, words: int) -> np.ndarray:
        """Term ids (or marks) for the distinct forms of a chunk (first: the number of each one's first word, of
        `words`); new forms are decoded and folded together, and numbered in _numbering's order.

        Known forms are looked up in sorted arrays (a dict of Python ints would cost ten times the memory)."""
        values = np.zeros(len(hashes), dtype=np.uint64)
        position = np.searchsorted(self.known_hashes, hashes)
        found = position < len(self.known_hashes)
        found[found] = self.known_hashes[position[found]] == hashes[found]
        values[found] = self.known_values[position[found]]
        new = np.flatnonzero(~found)
        if not len(new):
            return values
        new = new[self._numbering(data, starts[new], ends[new], first[new], words)]
        forms = [encoded[start:end] for start, end in zip(starts[new].tolist(), ends[new].tolist(), strict=True)]
        forms = b" ".join(forms).decode("utf-8", "surrogatepass").split(" ")  # a form has no space
        numbered = np.array(self._number(forms), dtype=np.uint64)
        values[new] = numbered
        order = np.argsort(hashes[new])
        at = np.searchsorted(self.known_hashes, hashes[new][order])
        self.known_hashes = np.insert(self.known_hashes, at, hashes[new][order])
        self.known_values = np.insert(self.known_values, at, numbered[order])
        return values

    def _numbering(self, data: np.ndarray, starts: np.ndarray, ends: np.ndarray, first: np.ndarray,
                   words: int) -> np.ndarray:
        """The order in which new forms of a chunk are numbered: by the top bits of a spread polynomial hash of their
        bytes, then by first appearance. Ties between equally good matches follow term ids, so the vocabulary keeps
        this numbering (of the earlier build that sorted the chunk's words by that hash)."""
        lengths = ends - starts
        heads = np.cumsum(lengths) - lengths
        within = np.arange(int(lengths.sum())) - np.repeat(heads, lengths)
        longest = int(lengths.max())
        if len(self._powers) < longest:
            self._powers = np.ones(longest, dtype=np.uint64)
            np.cumprod(np.full(longest - 1, _RADIX, dtype=np.uint64), out=self._powers[1:])
        products = data[np.repeat(starts, lengths) + within].astype(np.uint64) * self._powers[within]
        polynomial = np.add.reduceat(products, heads) + lengths.astype(np.uint64) * _LENGTH
        bits = np.uint64(max(1, int(words - 1).bit_length()))
        return np.lexsort((first, (polynomial * _SPREAD) >> bits))

    def _number(self, forms: list[str]) -> list[int]:
        """The values of new forms: their terms' ids (new terms numbered on, in the order their words first appear),
        or a mark for several or no words."""
        term_ids, surfaces = self.term_ids, self.surfaces
        lines = folded_lines(forms)  # the words of each form, joined by spaces
        fresh = [word for word in dict.fromkeys(" ".join(lines).split()) if word not in term_ids]
        term_ids.update(zip(fresh, range(len(term_ids), len(term_ids) + len(fresh)), strict=True))
        self.stop.extend(map(STOPWORDS.__contains__, fresh))
        values = list(map(term_ids.get, lines))  # None for a form of several words or none
        for i in compress(range(len(values)), map(is_, values, repeat(None))):
            self.multi.append(tuple(term_ids[word] for word in lines[i].split()))
            values[i] = MARK + len(self.multi) - 1
        # the first form of a word that is written otherwise than the word (not only by punctuation around it)
        written = _EDGE_PUNCTUATION.sub("", "\n".join(forms)).split("\n")
        for i in compress(range(len(forms)), map(ne, written, lines)):
            word = lines[i]
            if values[i] < MARK and word not in surfaces:
                surfaces[word] = written[i]
        return values


def _encoded(text: str) -> bytes:
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates
        return text.encode("utf-8", "surrogatepass")


def _texts_and_lines(data: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The text of each word (zero bytes before it, less the first) and its line (the gaps before it that hold a
    line break or a zero byte: the same for the words of a line, unique through the chunk), read from the byte
    before each word where the gap is one byte wide, and counted where it is wider."""
    gap_ends = np.empty_like(starts)  # where the gap before each word begins
    gap_ends[0] = 0
    gap_ends[1:] = ends[:-1]
    before = data[starts - 1]
    texts = (before == 0).astype(np.intp)
    breaks = texts.astype(bool)
    breaks |= before == 10
    wide = np.flatnonzero(starts - gap_ends > 1)
    if len(wide):
        zeros = np.flatnonzero(data == 0)
        texts[wide] = np.searchsorted(zeros, starts[wide]) - np.searchsorted(zeros, gap_ends[wide])
        newlines = np.flatnonzero(data == 10)
        breaks[wide] = (texts[wide] > 0) | (
            np.searchsorted(newlines, starts[wide]) > np.searchsorted(newlines, gap_ends[wide]))
    text_of = np.cumsum(texts)
    text_of -= 1
    return text_of, np.cumsum(breaks)
