"""Reading many texts at once: words cut, hashed and looked up in compiled loops, each distinct written form folded
only once.

A Python dict lookup per word costs several cache misses once the vocabulary is large; here the words of a chunk of
texts are cut at ASCII white space in their UTF-8 bytes and hashed from their bytes read eight at a time, in one pass
(_scan.words), and looked up in a hash table of the forms met before (Table); the distinct forms of the words not
found there are found with a hash set (_scan.distinct), so Python only looks at each new form, and folds each form
once.
"""

from __future__ import annotations

from itertools import chain, compress, repeat
from operator import ne

import numpy as np

from service.search.normalize import folded_lines
from service.search.stopwords import STOPWORDS

try:
    from service.search import _scan  # compiled from _scan.pyx by `make install`
except ImportError as error:  # pragma: no cover - a checkout that was never installed
    raise ImportError("service/search/_scan.pyx is not compiled: run `make install`") from error

PUNCTUATION = "()[]{}\"'.,;:!?«»„“”–-/§"
MARK = 1 << 31  # values from here on stand for forms of several words (or none): MARK + n (see Pieces)
PAD = 8  # zero bytes after a chunk's texts, so eight bytes can be read from any position
_LENGTH = 0x632BE59BD9B4E019
_RADIX = 0x9E3779B97F4A7C15
_SPREAD = np.uint64(0x9E3779B97F4A7C15)


class Table:
    """Hash of a written form -> its value, in one array of (hash, weight << 32 | value) rows: open addressing, the
    first slot of a hash chosen by its top bits, later slots one after the other (linear probing), at most half the
    rows used.

    Each word of a chunk is looked up where it stands, all at once: a row is read in one cache line, and most
    words are found in their first slot, so the chunk need not be sorted to find its distinct forms. Where forms
    compete for a slot, the heavier one takes it (weight: how often the form occurred in the chunk it was first
    met in), so the frequent words stay in their first slot as the table grows. Hashes are odd: a zero hash marks
    an empty row."""

    SIZE = 1 << 16  # rows at first

    def __init__(self) -> None:
        self.rows = np.zeros((self.SIZE, 2), dtype=np.uint64)
        self.filled = 0

    def _shift(self) -> int:
        """The first slot of a hash is hash >> shift (its top bits)."""
        return 65 - len(self.rows).bit_length()

    def find(self, hashes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """For each hash, weight << 32 | value, and where it is missing (the first then 0)."""
        return _scan.find(self.rows, hashes, self._shift())

    def add(self, hashes: np.ndarray, values: np.ndarray, weights: np.ndarray) -> None:
        """Store missing hashes with their values (below 1 << 32) and weights (a hash given twice is stored once)."""
        if 2 * (self.filled + len(hashes)) > len(self.rows):
            old = self.rows[self.rows[:, 0] != 0]
            size = len(self.rows)
            while 2 * (self.filled + len(hashes)) > size:
                size *= 2
            self.rows = np.zeros((size, 2), dtype=np.uint64)
            self.filled = 0
            self._place(old)
        rows = np.empty((len(hashes), 2), dtype=np.uint64)
        rows[:, 0] = hashes
        np.minimum(weights, 0xFFFFFFFF, out=rows[:, 1], casting="unsafe")
        rows[:, 1] <<= np.uint64(32)
        rows[:, 1] |= values
        self._place(rows)

    def _place(self, rows: np.ndarray) -> None:
        """Rows written to the first empty slot from their hash's first one, the heaviest first."""
        heaviest_first = np.argsort(rows[:, 1] >> np.uint64(32), kind="stable")[::-1]
        self.filled += _scan.place(self.rows, np.ascontiguousarray(rows[heaviest_first]), self._shift())


class Pieces:
    """Hash of a written form -> term id (or MARK + n); the vocabulary grows as new forms are met, terms numbered in
    the order their first form appears."""

    def __init__(self) -> None:
        self.known = Table()  # the written forms met so far: their term ids (or marks)
        self.term_ids: dict[str, int] = {}
        self.surfaces: dict[str, str] = {}
        self.stop = bytearray()  # per term id: 1 for a function word (left out of phrases)
        # the terms of each form of several words (or none), one form after the other: those of MARK + n are
        # multi_tids[multi_heads[n]:multi_heads[n + 1]]
        self.multi_tids = np.zeros(0, dtype=np.uint64)
        self.multi_heads = np.zeros(1, dtype=np.intp)
        self._written = np.zeros(0, dtype=bool)  # per term id: has a written form in `surfaces`

    def keys(self, texts: list[str], bases: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Sort keys (term id << 32 | base of the text) for every word of every text, and each word's line.

        Lines are numbered through the chunk (a new text starts a new line): a line of a title or keyword list is
        one phrase. A zero character in a text counts as a space.
        """
        encoded = _encoded("\x00".join(["", *texts, "\x00" * (PAD - 1)]))  # each text after a zero byte
        data = np.frombuffer(encoded, dtype=np.uint8)
        starts, ends, hashes, text_of, line_of, zeros = _scan.words(data)
        if zeros != len(texts) + PAD:  # only a zero character is encoded with a zero byte
            encoded = _encoded("\x00".join(["", *(text.replace("\x00", " ") for text in texts), "\x00" * (PAD - 1)]))
            data = np.frombuffer(encoded, dtype=np.uint8)
            starts, ends, hashes, text_of, line_of, zeros = _scan.words(data)
        values, missing = self.known.find(hashes)
        unknown = np.flatnonzero(missing)
        if len(unknown):
            values[unknown] = self._learn(hashes[unknown], unknown, data, starts, ends, len(hashes))
        return _scan.keys(values, bases, text_of, line_of, self.multi_heads, self.multi_tids, MARK)

    def _learn(self, hashes: np.ndarray, unknown: np.ndarray, data: np.ndarray, starts: np.ndarray, ends: np.ndarray,
               words: int) -> np.ndarray:
        """The values of the chunk's words that are not known yet (unknown: their numbers, of `words`; hashes:
        theirs). Their distinct forms are decoded and folded together, numbered in _numbering's order, and known
        from then on."""
        form_of, firsts, counts = _scan.distinct(hashes)
        first = unknown[firsts]
        spans, polynomials = _scan.spelled(data, starts[first], ends[first], _RADIX, _LENGTH)
        new = self._numbering(polynomials, first, words)
        forms = spans.tobytes().decode("utf-8", "surrogatepass").split(" ")  # a form has no space
        forms = list(map(forms.__getitem__, new.tolist()))
        values = np.empty(len(new), dtype=np.uint64)
        values[new] = self._number(forms)
        self.known.add(hashes[firsts], values, counts)
        return values[form_of]

    @staticmethod
    def _numbering(polynomials: np.ndarray, first: np.ndarray, words: int) -> np.ndarray:
        """The order in which new forms of a chunk are numbered (polynomials: a polynomial hash of each one's bytes,
        see _scan.spelled; first: where it first appears, of `words`): by the top bits of the spread polynomial
        hash, then by first appearance. Ties between equally good matches follow term ids, so the vocabulary keeps
        this numbering (of the earlier build that sorted the chunk's words by that hash)."""
        bits = np.uint64(max(1, int(words - 1).bit_length()))
        return np.lexsort((first, (polynomials * _SPREAD) >> bits))

    def _number(self, forms: list[str]) -> np.ndarray:
        """The values of new forms: their terms' ids (new terms numbered on, in the order their words first appear),
        or a mark for several or no words."""
        term_ids = self.term_ids
        lines = folded_lines(forms)  # the words of each form, joined by spaces
        values = np.fromiter(map(term_ids.get, lines, repeat(-1)), dtype=np.int64, count=len(lines))
        pending = np.flatnonzero(values < 0)  # a new word, a form of several words or of none
        if len(pending):
            pending_lines = list(map(lines.__getitem__, pending.tolist()))
            if all(map(str.isalnum, pending_lines)):  # one word each: all new
                fresh = list(dict.fromkeys(pending_lines))
            else:
                # (a line of one word splits into itself: its hash is known already)
                words = dict.fromkeys(chain.from_iterable(map(str.split, pending_lines)))
                fresh = [word for word in words if word not in term_ids]
            term_ids.update(zip(fresh, range(len(term_ids), len(term_ids) + len(fresh)), strict=True))
            self.stop.extend(map(STOPWORDS.__contains__, fresh))
            found = np.fromiter(map(term_ids.get, pending_lines, repeat(-1)), dtype=np.int64, count=len(pending))
            several = found < 0
            if several.any():
                multi = [[term_ids[word] for word in line.split()] for line in compress(pending_lines, several)]
                found[several] = MARK + len(self.multi_heads) - 1 + np.arange(len(multi))
                self.multi_tids = np.concatenate((self.multi_tids, np.fromiter(
                    (tid for tids in multi for tid in tids), dtype=np.uint64)))
                self.multi_heads = np.concatenate((self.multi_heads, self.multi_heads[-1] + np.cumsum(
                    [len(tids) for tids in multi])))
            values[pending] = found
        numbered = values.astype(np.uint64)
        self._note_surfaces(forms, lines, numbered)
        return numbered

    def _note_surfaces(self, forms: list[str], lines: list[str], values: np.ndarray) -> None:
        """The first form of a word that is written otherwise than the word (not only by punctuation around it):
        of the new forms (folded to `lines`, their values), the first of each word that has none yet."""
        if len(self._written) < len(self.term_ids):
            self._written = np.concatenate((self._written, np.zeros(2 * len(self.term_ids) - len(self._written), bool)))
        written = list(map(str.strip, forms, repeat(PUNCTUATION)))
        chosen = np.flatnonzero(np.fromiter(map(ne, written, lines), dtype=bool, count=len(lines)) & (values < MARK))
        chosen = chosen[~self._written[values[chosen]]]
        chosen = np.sort(chosen[np.unique(values[chosen], return_index=True)[1]])
        self._written[values[chosen]] = True
        self.surfaces.update(zip(map(lines.__getitem__, chosen.tolist()), map(written.__getitem__, chosen.tolist()),
                                 strict=True))


def _encoded(text: str) -> bytes:
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates
        return text.encode("utf-8", "surrogatepass")
