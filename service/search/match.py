"""Finding index terms for a query word: exact, cross-script keys, word endings, typos, sounds, prefixes, compounds."""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import compress, groupby

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view
from rapidfuzz import process
from rapidfuzz.distance import OSA

from service.search.normalize import (
    latin_keys,
    latin_keys_of_each,
    light_stem,
    light_stems,
    phonetic,
    phonetic_each,
    script,
    scripts_of_each,
)
from service.search.stopwords import STOPWORD_SHARE, STOPWORDS

EXACT, KEY, STEM, PHONETIC = 1.0, 0.95, 0.88, 0.72
SHORT_TYPO = 5  # up to this many letters a word with a typo is no sure match
TAIL = 0.8  # an indexed compound ending with the query word (0.76 when the word itself is indexed too)
ENDING_SHARE = 0.6  # another ending of a word: the share of the longer word both must begin with
KNOWN_SHARE = 0.8  # the same for a word that is itself indexed, unless one is the beginning of the other
MAX_EXPANSIONS = 40
UNMATCHED_WEIGHT = 2.0  # a word found nowhere weighs like a rare word, so the answer becomes weak


def typo_budget(length: int, same_script: bool = True) -> int:
    """Edits tolerated in a word of this many letters (fewer when the word is compared across scripts)."""
    budget = 0 if length <= 3 else 1 if length <= 5 else 2 if length <= 10 else 3
    return budget if same_script else min(budget, 1 if length >= 5 else 0)


def typo_similarity(distance: int, length: int) -> float:
    return 0.88 - 0.6 * distance / max(length, 1)


@dataclass
class Part:
    """Index terms (id -> similarity) that one query word, or one part of a compound, stands for."""

    matches: dict[int, float] = field(default_factory=dict)
    # the same word, an inflection or a typo of it (not a word it only begins, nor one that only sounds alike)
    solid: dict[int, float] = field(default_factory=dict)
    typos: set[int] = field(default_factory=set)  # matches that differ by a typo ("did you mean" candidates)

    def add(self, tid: int, sim: float, solid: bool = True) -> None:
        if sim > self.matches.get(tid, 0.0):
            self.matches[tid] = sim
        if solid and sim > self.solid.get(tid, 0.0):
            self.solid[tid] = sim

    def best(self) -> float:
        return max(self.matches.values(), default=0.0)


@dataclass
class Slot:
    """One query word: its parts (more than one for a split compound), weight and script."""

    word: str
    script: str
    parts: list[Part]
    weight: float = UNMATCHED_WEIGHT


class Matcher:
    """Term lookups by Latin key, stem, phonetic code, prefix and typo; built from the index's vocabulary."""

    def __init__(self) -> None:
        self.terms: list[str] = []
        self.term_ids: dict[str, int] = {}
        self.surfaces: dict[str, str] = {}
        # key -> term id, or list of term ids when several terms share it (most keys have one: saves memory)
        self.by_key: dict[str, int | list[int]] = {}
        self.by_stem: dict[str, int | list[int]] = {}
        self.by_sound: dict[str, int | list[int]] = {}
        # typo search looks at keys sharing the first or last three letters (or two, and the length, if short)
        self.tails: list[str] = []  # keys reversed, sorted
        self.short_heads: list[str] = []  # length digit + key, sorted (keys of 4 to 7 letters)
        self.short_tails: list[str] = []  # length digit + reversed key, sorted
        # term ids in the sorted order of their terms: a lookup bisects them with key=terms.__getitem__ and wants
        # the ids (the build makes no sorted list of the terms, which lie scattered in memory in that order)
        self.term_order: array[int] = array("q")
        self.sorted_keys: list[str] = []

    @classmethod
    def build(cls, term_ids: dict[str, int], surfaces: dict[str, str], german: set[int] | None = None) -> Matcher:
        """Derived lookups over the vocabulary; sounds of the German terms (all Latin terms without `german`).

        A key is filed under the first term that has it (in term order) and the others after it; only that first
        term's key gets a sound, if it is a Latin term. Keys, stems and sounds are made in a few passes over all
        terms, filed with numpy (see _filed), and the sorted lists are cut by key length with numpy."""
        matcher = cls()
        matcher.term_ids, matcher.surfaces = term_ids, surfaces
        terms = matcher.terms = list(term_ids)
        kinds = scripts_of_each(terms)
        arabic = [tid for tid, kind in enumerate(kinds) if kind == "arabic"]
        tids = np.arange(len(terms)).astype(object)  # one int object for each term id, shared by all tables
        matcher.by_stem = _filed(light_stems([terms[tid] for tid in arabic]), np.array(arabic, dtype=np.int64),
                                 tids)[0]
        keys, owners = latin_keys_of_each(terms, kinds)
        matcher.by_key, firsts = _filed(keys, owners, tids)
        sounding = np.fromiter(map("latin".__eq__, kinds), dtype=bool, count=len(terms))
        if german is not None:
            sounding &= _mask(german, len(terms))
        sizes = _lengths(matcher.by_key)  # of each key, in the table's order
        sounded = firsts[sounding[owners[firsts]] & (sizes >= 5)]
        sounds = phonetic_each(list(map(keys.__getitem__, sounded.tolist())))
        audible = _lengths(sounds) >= 4
        matcher.by_sound = _filed(list(compress(sounds, audible.tolist())), owners[sounded][audible], tids)[0]
        del keys, owners, firsts, sounds
        matcher.term_order = _sorted_order(terms)
        matcher.sorted_keys = sorted(matcher.by_key)
        long_enough = sizes >= 4
        long_keys = list(compress(matcher.by_key, long_enough.tolist()))
        matcher.tails = _sorted_lines("\n".join(long_keys)[::-1])  # each key reversed
        heads, tails = _short_lines(long_keys, sizes[long_enough])
        matcher.short_heads = _sorted_lines(heads)
        matcher.short_tails = _sorted_lines(tails[::-1])
        return matcher

    def expand(self, words: list[str], idf: list[float], strength: Callable[[int], float]) -> list[Slot]:
        """One slot per query word; adjacent words that form one indexed word count for both."""
        slots = []
        for position, word in enumerate(words):
            part = self.lookup(word, typing=position == len(words) - 1)
            parts = [part]
            if part.best() < STEM:
                pieces = self.split(word)
                if pieces:
                    parts = [self.lookup(piece, typing=False) for piece in pieces]
            slots.append(Slot(word, script(word), parts))
        for left, right in zip(slots, slots[1:], strict=False):
            if len(left.parts) == 1 and len(right.parts) == 1:
                joined = self.lookup(left.word + right.word, typing=False, loose=False)
                for tid, sim in joined.matches.items():
                    left.parts[0].add(tid, sim)
                    right.parts[0].add(tid, sim)
        for slot in slots:
            weights = [_weight(part, idf, strength) for part in slot.parts]
            slot.weight = sum(weights) / len(weights) * (STOPWORD_SHARE if slot.word in STOPWORDS else 1.0)
        return slots

    def lookup(self, word: str, typing: bool, loose: bool = True) -> Part:
        """Terms a single word may mean, each with a similarity in 0..1."""
        part = Part()
        tid = self.term_ids.get(word)
        if tid is not None:
            part.add(tid, EXACT)
        keys = latin_keys(word)
        for key in keys:
            for tid in _ids(self.by_key.get(key)):
                part.add(tid, KEY)
        kind = script(word)
        if kind == "arabic":
            for tid in _ids(self.by_stem.get(light_stem(word))):
                part.add(tid, STEM)
        if loose:
            known = part.best() >= STEM  # then only close forms count: a better whole-word match exists
            self._endings(word, part, heads=not known, known=known)
            if kind == "latin" and len(word) >= 5:  # German participles: schlägt ~ geschlagen
                self._endings(word[2:] if word.startswith("ge") else "ge" + word, part, heads=False, scale=0.9,
                              known=known)
            if kind == "latin" and len(word) >= 4:  # the last part of compounds: arzt ~ kinderarzt
                self._tails(keys[0] if keys else word, part, TAIL - 0.04 if known else TAIL)
            if not known:
                for key in keys:
                    self._typos(key, kind, part)
            elif kind != "latin":  # German words written in another script are often also indexed in it
                for key in keys:
                    self._typos(key, kind, part, other_scripts_only=True)
        if typing or not part.matches:
            self._prefixes(word, keys, part, 0.8 if part.best() >= STEM else 1.0)
        return part

    def _endings(self, word: str, part: Part, heads: bool, scale: float = 1.0, known: bool = False) -> None:
        """Words with the same beginning and another ending (Turkish, Slavic, German inflection)."""
        size = len(word)
        if size < 5:
            return
        for cut in range(4, size) if heads else ():
            tid = self.term_ids.get(word[:cut])
            if tid is not None:
                part.add(tid, 0.5 + 0.35 * cut / size)
        head = max(4, -(-size * 6 // 10))
        start = bisect_left(self.term_order, word[:head], key=self.terms.__getitem__)
        for tid in self.term_order[start:start + MAX_EXPANSIONS]:
            term = self.terms[tid]
            if not term.startswith(word[:head]):
                break
            shared = _common_prefix(word, term)
            longest = max(size, len(term))
            if shared >= ENDING_SHARE * longest and term != word and (not known or _inflection(word, term, shared)):
                # another ending of a short word is a guess (kasia ~ kasie), a longer form of it is not
                sure = size > SHORT_TYPO or shared == size
                part.add(tid, scale * (0.5 + 0.38 * shared / longest), solid=sure)

    def _tails(self, key: str, part: Part, sim: float) -> None:
        """Indexed compounds that end with a word of at least four letters and have a head of three or more."""
        for tail in _starting(self.tails, key[::-1])[:MAX_EXPANSIONS]:
            if len(tail) - len(key) >= 3:
                for tid in _ids(self.by_key[tail[::-1]]):
                    part.add(tid, sim)

    def _typos(self, key: str, kind: str, part: Part, other_scripts_only: bool = False) -> None:
        budget = typo_budget(len(key), not other_scripts_only)
        if budget:
            pool = set(_starting(self.sorted_keys, key[:3]))
            pool.update(tail[::-1] for tail in _starting(self.tails, key[::-1][:3]))
            for length in range(max(4, len(key) - 1), min(7, len(key) + 1) + 1):
                pool.update(head[1:] for head in _starting(self.short_heads, f"{length}{key[:2]}"))
                pool.update(tail[:0:-1] for tail in _starting(self.short_tails, f"{length}{key[::-1][:2]}"))
            for other, distance, _ in process.extract(key, sorted(pool), scorer=OSA.distance,  # ties: same order
                                                      score_cutoff=budget, limit=None):
                longest = max(len(key), len(other))
                same = script(self.terms[next(iter(_ids(self.by_key[other])))]) == kind
                if distance > typo_budget(longest, same) or (same and other_scripts_only):
                    continue
                for tid in _ids(self.by_key[other]):  # a typo in a short word is a guess (kasia ~ kasa)
                    part.add(tid, typo_similarity(distance, longest), solid=len(key) > SHORT_TYPO)
                    part.typos.add(tid)
        sound = phonetic(key)
        if len(sound) >= 4:
            for tid in _ids(self.by_sound.get(sound)):
                if abs(len(self.terms[tid]) - len(key)) <= 3:
                    part.add(tid, PHONETIC, solid=False)
                    part.typos.add(tid)

    def _prefixes(self, word: str, keys: tuple[str, ...], part: Part, scale: float) -> None:
        """Words being typed: indexed words that begin with it."""
        if len(word) < 3:
            return
        start = bisect_left(self.term_order, word, key=self.terms.__getitem__)
        for tid in self.term_order[start:start + MAX_EXPANSIONS]:
            term = self.terms[tid]
            if not term.startswith(word):
                break
            part.add(tid, scale * (0.7 + 0.25 * len(word) / len(term)), solid=False)
        for key in keys:
            start = bisect_left(self.sorted_keys, key)
            for other in self.sorted_keys[start:start + MAX_EXPANSIONS]:
                if not other.startswith(key):
                    break
                for tid in _ids(self.by_key[other]):
                    part.add(tid, scale * (0.65 + 0.25 * len(key) / len(other)), solid=False)

    def split(self, word: str) -> list[str]:
        """A compound as indexed words ("bildungspaketantrag" -> bildungspaket, antrag), or []."""
        keys = latin_keys(word)
        if not keys or len(keys[0]) < 8:
            return []
        key = keys[0]
        best: list[list[str] | None] = [None] * (len(key) + 1)
        best[0] = []
        for end in range(4, len(key) + 1):
            for start in range(0, end - 3):
                head = best[start]
                if head is None:
                    continue
                piece = key[start:end]
                if piece not in self.by_key:
                    if not (start and piece[0] == "s" and len(piece) > 4 and piece[1:] in self.by_key):
                        continue
                    piece = piece[1:]  # the linking s of German compounds
                candidate = [*head, piece]
                if best[end] is None or len(candidate) < len(best[end]):
                    best[end] = candidate
        parts = best[len(key)]
        return parts if parts and len(parts) > 1 else []

    def surface(self, tid: int) -> str:
        term = self.terms[tid]
        return self.surfaces.get(term, term)

    def suggest(self, slots: list[Slot], typed: list[str], idf: list[float], lexicon: frozenset[str] = frozenset(),
                limit: int = 3) -> list[str]:
        """"Did you mean" queries: each unsure word replaced by what it most likely meant, unknown words left out."""
        choices: list[list[str]] = []
        changed = False
        for slot, word in zip(slots, typed, strict=True):
            found = [(sim, idf[tid], tid) for part in slot.parts for tid, sim in part.matches.items()]
            if slot.word in STOPWORDS or slot.word in lexicon or any(sim >= KEY for sim, _idf, _tid in found):
                choices.append([word])
                continue
            # only typos are corrected: a word that is another form of an indexed one is a real word, kept
            typos = [(sim, rarity, tid) for sim, rarity, tid in found  # a short word keeps its first letter
                     if sim >= 0.7 and any(tid in part.typos for part in slot.parts)
                     and (len(slot.word) > SHORT_TYPO or self.terms[tid][:1] == slot.word[:1])]
            if not typos and any(part.solid for part in slot.parts):
                choices.append([word])
                continue
            ranked = sorted(typos, key=lambda item: item[0] - 0.1 * item[1], reverse=True)  # common words first
            options = list(dict.fromkeys(self.surface(tid) for _sim, _idf, tid in ranked))
            changed = changed or bool(options)
            choices.append(options[:limit])
        base = [options[0] for options in choices if options]
        if not base or not changed:
            return []
        suggestions = [" ".join(base)]
        unsure = [i for i, options in enumerate(choices) if len(options) > 1]
        for position in unsure[:1]:
            for option in choices[position][1:]:
                variant = [option if i == position else options[0] for i, options in enumerate(choices) if options]
                suggestions.append(" ".join(variant))
        typed_text = " ".join(typed).casefold()
        return [text for text in dict.fromkeys(suggestions) if text.casefold() != typed_text][:limit]


def _filed(keys: list[str], owners: np.ndarray, tids: np.ndarray) -> tuple[dict[str, int | list[int]], np.ndarray]:
    """Keys in the order they are filed, each with its term id (ascending), as a table: key -> term id, or the list
    of term ids when several terms share the key; keys in the order they first appear. Also the positions where each
    key first appears (ascending). tids: the term ids as Python ints (an object array), so that the tables share
    one int object for each id.

    Most keys appear once: the table is first made from all positions at once (a later term of a key overwrites the
    earlier one, in the key's first place). Keys that may appear more than once are those whose hash repeats (found
    with numpy); only these are sorted and grouped by key in Python."""
    ids = tids[owners].tolist()
    table: dict[str, int | list[int]] = dict(zip(keys, ids, strict=True))
    if len(table) == len(keys):
        return table, np.arange(len(keys))
    hashes = np.fromiter(map(hash, keys), dtype=np.int64, count=len(keys))
    by_hash = np.argsort(hashes)
    ordered = hashes[by_hash]
    same = ordered[1:] == ordered[:-1]
    repeated = np.zeros(len(keys), dtype=bool)
    repeated[1:] = same
    repeated[:-1] |= same
    later: list[int] = []  # positions of keys filed before
    candidates = sorted(np.sort(by_hash[repeated]).tolist(), key=keys.__getitem__)  # by key, then position
    for key, run in groupby(candidates, key=keys.__getitem__):
        positions = list(run)
        if len(positions) > 1:
            table[key] = list(map(ids.__getitem__, positions))
            later += positions[1:]
    first = np.ones(len(keys), dtype=bool)
    first[later] = False
    return table, np.flatnonzero(first)


def _mask(ids: set[int], size: int) -> np.ndarray:
    """A boolean array of `size`, true at the given ids."""
    mask = np.zeros(size, dtype=bool)
    mask[np.fromiter(ids, dtype=np.int64, count=len(ids))] = True
    return mask


def _lengths(texts: Iterable[str]) -> np.ndarray:
    return np.fromiter(map(len, texts), dtype=np.int64)


def _short_lines(keys: list[str], sizes: np.ndarray) -> tuple[str, str]:
    """Lines of length digit + key, and of key + length digit, for the keys of 4 to 7 letters (sizes: the keys'
    lengths)."""
    heads, tails = [], []
    for size in range(4, 8):
        chosen = list(map(keys.__getitem__, np.flatnonzero(sizes == size).tolist()))
        if chosen:
            heads.append(f"{size}" + f"\n{size}".join(chosen))
            tails.append(f"{size}\n".join(chosen) + f"{size}")
    return "\n".join(heads), "\n".join(tails)


# _HIGH_BYTES[count]: the first `count` bytes of a big-endian 64-bit word
_HIGH_BYTES = np.array([2**64 - 2 ** (64 - 8 * count) for count in range(9)], dtype=np.uint64)


def _sorted_lines(text: str) -> list[str]:
    """The lines of a text (none for an empty text), sorted as sorted() sorts strings, made anew one after another.

    sorted() compares the strings where they lie in memory, scattered in the sorted order: a quarter of a second
    for 600,000 keys. Here numpy sorts the lines' UTF-8 bytes (they keep the order of code points; see _byte_order),
    then copies them out in that order, and the sorted text is split."""
    if not text:
        return []
    if "\0" in text:  # _byte_order does not tell "a" from "a\0"
        return sorted(text.split("\n"))
    data, starts, ends = _encoded_lines(text)
    order = _byte_order(data, starts, ends - starts)
    # where each byte of the sorted text comes from: the next byte within a line (with its line break), a jump
    # from one line to the next, summed up
    index = np.int32 if len(data) < 2**31 else np.int64
    firsts, sizes = starts[order].astype(index), (ends - starts + 1)[order].astype(index)
    source = np.ones(int(sizes.sum()), dtype=index)
    source[0] = firsts[0]
    source[np.cumsum(sizes[:-1])] = firsts[1:] - (firsts[:-1] + sizes[:-1]) + 1
    lines = data[np.cumsum(source, out=source)].tobytes().decode("utf-8", "surrogatepass").split("\n")
    lines.pop()  # after the last line break
    return lines


def _sorted_order(texts: list[str]) -> array[int]:
    """The positions of texts without line breaks in their sorted order (as sorted() sorts strings; see _byte_order).
    """
    if not texts:
        return array("q")
    text = "\n".join(texts)
    if "\0" in text:  # _byte_order does not tell "a" from "a\0"
        return array("q", sorted(range(len(texts)), key=texts.__getitem__))
    data, starts, ends = _encoded_lines(text)
    return array("q", _byte_order(data, starts, ends - starts).astype(np.int64).tobytes())


def _encoded_lines(text: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A text's UTF-8 bytes, a line break after the last line and eight zero bytes to spare; where its lines start
    and end (at their line break)."""
    raw = text.encode("utf-8", "surrogatepass")
    data = np.zeros(len(raw) + 9, dtype=np.uint8)
    data[:len(raw)] = np.frombuffer(raw, dtype=np.uint8)
    data[len(raw)] = 10
    ends = np.flatnonzero(data == 10)
    return data, np.concatenate(([0], ends[:-1] + 1)), ends


def _byte_order(data: np.ndarray, starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """The order of the byte strings data[start:start + length] as bytes compare, for strings without zero bytes
    (data has eight bytes to spare).

    All are sorted by their first eight bytes read as one big-endian number (zero past a string's end), then each
    run of strings equal so far by their next eight bytes, and so on, until none are equal: the runs shrink fast
    (at 100k entries half of the keys share their first eight letters with another, one in sixteen the first 16)."""
    windows = sliding_window_view(data, 8)

    def eight(rows: np.ndarray, offset: int) -> np.ndarray:
        found = windows[starts[rows] + offset].view(">u8").ravel().astype(np.uint64)
        return found & _HIGH_BYTES[np.clip(lengths[rows] - offset, 0, 8)]

    first = eight(np.arange(len(starts)), 0)
    order = np.argsort(first)
    positions, rows, words, runs = np.arange(len(order)), order, first[order], np.zeros(len(order), dtype=np.int64)
    offset = 0
    while True:
        # runs of strings equal so far; one is settled unless another of it goes on (equal strings that end here
        # stay together, in any order)
        same = (runs[1:] == runs[:-1]) & (words[1:] == words[:-1])
        group = np.concatenate(([0], np.cumsum(~same)))
        longer = (lengths[rows] > offset + 8).astype(np.int64)
        kept = ((np.bincount(group) > 1) & (np.bincount(group, weights=longer) > 0))[group]
        if not kept.any():
            return order
        runs = group[kept]
        positions, rows = positions[kept], rows[kept]
        offset += 8
        words = eight(rows, offset)
        rank = np.empty(len(rows), dtype=np.int64)
        rank[np.argsort(words)] = np.arange(len(rows))
        within = np.argsort(runs * len(rows) + rank)  # by run, then by the next eight bytes
        rows, words, runs = rows[within], words[within], runs[within]
        order[positions] = rows


def _ids(found: int | list[int] | None) -> list[int] | tuple[int, ...]:
    if found is None:
        return ()
    return (found,) if isinstance(found, int) else found


def _starting(ordered: list[str], prefix: str) -> list[str]:
    """The items of a sorted list of ASCII keys that begin with `prefix`."""
    start = bisect_left(ordered, prefix)
    return ordered[start:bisect_left(ordered, prefix + "~", start)]


def _inflection(word: str, term: str, shared: int) -> bool:
    """Whether an indexed term is a close form of an indexed word: a short ending more or another (schul: schule,
    schulen, not schulden), or the word's own beginning (bildungspaket: bildungs)."""
    if shared == len(word):
        return len(term) - len(word) <= 2
    return shared == len(term) or shared >= KNOWN_SHARE * max(len(word), len(term))


def _common_prefix(a: str, b: str) -> int:
    size = min(len(a), len(b))
    for i in range(size):
        if a[i] != b[i]:
            return i
    return size


def _weight(part: Part, idf: list[float], strength: Callable[[int], float]) -> float:
    """How much a query word counts: rarity times the strongest field of what it matched best.

    A word found only in the body text of one entry is rare, but weak evidence; unmatched words count much.
    """
    if not part.matches:
        return UNMATCHED_WEIGHT
    best = max(part.matches.items(), key=lambda item: (item[1], idf[item[0]]))[0]
    return idf[best] * strength(best)
