"""The compiled loops of the index build (_postings) against plain Python, on chunks the reference build rarely
makes: no title words, repeated words, lines whose words stand apart, nothing at all."""

from __future__ import annotations

import random

import numpy as np
import pytest

from service.search import _postings
from service.search.build import MAX_PHRASE, phrase_key
from service.search.score import ENTRY_SHIFT, P_BODY, P_KEYWORD, P_SUMMARY, P_TITLE, P_WHOLE_KEYWORD

STOP = bytearray([1, 1] + [0] * 30)  # terms 0 and 1 are function words


def _key(tid: int, entry: int, field: int, lang: int = 0) -> int:
    return tid << 32 | entry << ENTRY_SHIFT | lang << 3 | field


def _phrases(words: list[tuple[int, int, int, int]]) -> tuple[list[int], list[tuple[int, int]]]:
    """The kernel on (term, entry, field, line) words: the keys after it, and its (key, value) pairs sorted."""
    keys = np.array([_key(tid, entry, field) for tid, entry, field, _line in words], dtype=np.uint64)
    lines = np.array([line for *_word, line in words], dtype=np.int64)
    hashes, values = _postings.phrases(keys, lines, STOP, MAX_PHRASE)
    assert hashes.dtype == np.uint64 and values.dtype == np.uint32
    return keys.tolist(), sorted(zip(hashes.tolist(), values.tolist(), strict=True))


def _reference(words: list[tuple[int, int, int, int]]) -> tuple[list[int], list[tuple[int, int]]]:
    """The same by the rules, line by line."""
    keys = [_key(tid, entry, field) for tid, entry, field, _line in words]
    by_line: dict[int, list[int]] = {}
    for at, (tid, _entry, field, line) in enumerate(words):
        if field in (P_TITLE, P_KEYWORD) and not STOP[tid]:
            by_line.setdefault(line, []).append(at)
    found = []
    for places in by_line.values():
        _tid, entry, field, _line = words[places[0]]
        tids = {words[at][0] for at in places}
        if field == P_KEYWORD and len(places) == 1:  # content words counted with repeated ones
            keys[places[0]] ^= P_KEYWORD ^ P_WHOLE_KEYWORD
        elif len(tids) <= MAX_PHRASE and (field == P_TITLE or len(tids) >= 2):
            found.append((phrase_key(tids), entry << 1 | (field == P_TITLE)))
    return keys, sorted(found)


def _chunk(rng: random.Random, lines: int) -> list[tuple[int, int, int, int]]:
    """Lines of a few words of a small vocabulary (function words among them); some words of some lines, and all
    words of others, moved to the end (as the words of forms of several words are)."""
    words, moved = [], []
    for line in range(lines):
        entry, field = rng.randrange(4), rng.choice([P_TITLE, P_KEYWORD, P_KEYWORD, P_SUMMARY, P_BODY])
        line_words = [(rng.randrange(12), entry, field, line) for _ in range(rng.randint(0, 9))]
        cut = rng.choice([len(line_words), len(line_words), rng.randint(0, len(line_words))])
        words += line_words[:cut]
        moved += line_words[cut:]
    return words + moved


@pytest.mark.parametrize("shuffled", [False, True])
def test_phrases_equal_the_rules_line_by_line(shuffled: bool) -> None:
    rng = random.Random(5)
    for _ in range(200):
        words = _chunk(rng, rng.randint(0, 30))
        if shuffled:  # any order of the words
            rng.shuffle(words)
        assert _phrases(words) == _reference(words)


def test_phrases_of_a_chunk_without_title_or_keyword_words() -> None:
    words = [(5, 0, P_BODY, 0), (6, 0, P_BODY, 0), (5, 1, P_SUMMARY, 1)]
    assert _phrases(words) == ([_key(*word[:3]) for word in words], [])
    assert _phrases([]) == ([], [])


def test_a_keyword_line_of_one_word_written_twice_is_no_whole_keyword_and_no_phrase() -> None:
    keys, found = _phrases([(5, 0, P_KEYWORD, 0), (5, 0, P_KEYWORD, 0), (0, 0, P_KEYWORD, 1), (6, 0, P_KEYWORD, 1)])
    assert keys == [_key(5, 0, P_KEYWORD), _key(5, 0, P_KEYWORD), _key(0, 0, P_KEYWORD), _key(6, 0, P_WHOLE_KEYWORD)]
    assert found == []


def test_a_title_line_is_a_phrase_up_to_max_phrase_distinct_content_words() -> None:
    longest = [(tid, 3, P_TITLE, 0) for tid in [*range(2, 2 + MAX_PHRASE), 2, 0, 1]]  # repeated and function words
    too_long = [(tid, 3, P_TITLE, 1) for tid in range(2, 3 + MAX_PHRASE)]
    single = [(9, 3, P_TITLE, 2)]
    _keys, found = _phrases(longest + too_long + single)
    assert found == sorted([(phrase_key(set(range(2, 2 + MAX_PHRASE))), 3 << 1 | 1), (phrase_key({9}), 3 << 1 | 1)])


def test_phrases_refuse_terms_without_a_stop_flag_and_lines_out_of_range() -> None:
    with pytest.raises(ValueError, match="stop flag"):
        _postings.phrases(np.array([_key(len(STOP), 0, P_BODY)], dtype=np.uint64), np.zeros(1, dtype=np.int64), STOP,
                          MAX_PHRASE)
    keys = np.array([_key(5, 0, P_TITLE), _key(6, 0, P_TITLE)], dtype=np.uint64)
    for lines in ([0, -1], [-1, 0], [0, 2**31]):
        with pytest.raises(ValueError, match="lines"):
            _postings.phrases(keys, np.array(lines, dtype=np.int64), STOP, MAX_PHRASE)


def _sorted_keys(rng: random.Random, size: int, entries: int = 6) -> np.ndarray:
    keys = [_key(rng.randrange(8), 40 + rng.randrange(entries), rng.randrange(6), rng.randrange(3))
            for _ in range(size)]
    return np.array(sorted(keys), dtype=np.uint64)


def test_dedupe_keeps_the_strongest_field_per_term_entry_and_language() -> None:
    rng = random.Random(7)
    for size in [0, 1, 2, 50, 400]:
        keys = _sorted_keys(rng, size)
        expected = [key for at, key in enumerate(keys.tolist()) if at == 0 or key >> 3 != int(keys[at - 1]) >> 3]
        kept, terms = _postings.dedupe(keys)
        assert keys[:kept].tolist() == expected
        assert terms == len({key >> 32 for key in expected})


def test_count_writes_postings_runs_entries_and_german_terms() -> None:
    rng = random.Random(11)
    german = 2
    for size in [0, 1, 60, 400]:
        keys = _sorted_keys(rng, size)
        keys = keys[:_postings.dedupe(keys)[0]].copy()
        tids = sorted({key >> 32 for key in keys.tolist()})
        postings = np.empty(len(keys), dtype=np.uint16)
        run_tids, counts = np.empty(len(tids), dtype=np.int32), np.empty(len(tids), dtype=np.uint16)
        df, flags = np.full(10, 5, dtype=np.int64), np.zeros(10, dtype=np.uint8)
        _postings.count(keys, 40 << ENTRY_SHIFT, postings, run_tids, counts, df, flags, german)
        assert postings.tolist() == [(key & 0xFFFFFFFF) - (40 << ENTRY_SHIFT) for key in keys.tolist()]
        assert run_tids.tolist() == tids
        assert counts.tolist() == [sum(key >> 32 == tid for key in keys.tolist()) for tid in tids]
        assert df.tolist() == [5 + len({key >> ENTRY_SHIFT for key in keys.tolist() if key >> 32 == tid})
                               for tid in range(10)]
        assert flags.tolist() == [any(key >> 32 == tid and key >> 3 & 15 == german for key in keys.tolist())
                                  for tid in range(10)]


def test_count_refuses_unsorted_keys_and_runs_that_do_not_fit() -> None:
    keys = np.array([_key(3, 0, P_TITLE), _key(1, 0, P_TITLE)], dtype=np.uint64)

    def count(keys: np.ndarray, runs: int) -> None:
        _postings.count(keys, 0, np.empty(len(keys), dtype=np.uint16), np.empty(runs, dtype=np.int32),
                        np.empty(runs, dtype=np.uint16), np.zeros(4, dtype=np.int64), np.zeros(4, dtype=np.uint8), 0)

    with pytest.raises(ValueError, match="sorted"):
        count(keys, 2)
    with pytest.raises(ValueError, match="run per term"):
        count(keys[::-1].copy(), 1)
    with pytest.raises(ValueError, match="beyond"):
        count(np.array([_key(4, 0, P_TITLE)], dtype=np.uint64), 1)
    with pytest.raises(ValueError, match="beyond"):  # (found before anything is written there)
        count(np.array([_key(9_999_999, 0, P_TITLE), _key(1, 0, P_TITLE)], dtype=np.uint64), 2)


def test_place_puts_each_chunks_runs_after_those_of_the_chunks_before() -> None:
    runs = [[(2, [1, 5]), (4, [3])], [], [(0, [7]), (2, [2, 9, 11])], [(4, [0, 1])]]  # per chunk: (term, postings)
    every = [run for chunk in runs for run in chunk]
    sizes = [sum(len(values) for tid, values in every if tid == term) for term in range(5)]
    offsets = np.concatenate(([0], np.cumsum(sizes)))
    cursor = offsets[:-1].copy()
    postings = np.full(int(offsets[-1]), 99, dtype=np.uint32)
    for number, chunk in enumerate(runs):
        _postings.place(postings, cursor, np.array([value for _tid, values in chunk for value in values], np.uint16),
                        np.array([tid for tid, _values in chunk], np.int32),
                        np.array([len(values) for _tid, values in chunk], np.uint16), number * 1000)
    assert postings.tolist() == [2007, 1, 5, 2002, 2009, 2011, 3, 3000, 3001]
    assert cursor.tolist() == offsets[1:].tolist()


@pytest.mark.parametrize("tids,counts,room", [([0], [3], 2), ([0, 1], [1, 1], 2), ([5], [1], 4), ([0], [1], 4)])
def test_place_refuses_runs_that_do_not_fit(tids: list[int], counts: list[int], room: int) -> None:
    postings, cursor = np.zeros(room, dtype=np.uint32), np.array([0, 2], dtype=np.int64)
    with pytest.raises(ValueError, match="fit"):
        _postings.place(postings, cursor, np.zeros(2, dtype=np.uint16), np.array(tids, np.int32),
                        np.array(counts, np.uint16), 0)


def test_texts_gives_each_texts_base_by_entry_language_and_field() -> None:
    fields = np.array([P_TITLE, P_SUMMARY, P_KEYWORD], dtype=np.uint64)
    chunk = [("de", 0, "Kindergeld"), ("xx", 2, "a"), ("en", 1, "b"), ["de", 2, "c"]]  # a list is read as well
    strings, bases = _postings.texts(chunk, [2, 0, 2], 7, {"de": 0, "en": 1}, fields)
    assert strings == ["Kindergeld", "a", "b", "c"]
    assert bases.tolist() == [_key(0, 7, P_TITLE), _key(0, 7, P_KEYWORD, lang=15), _key(0, 9, P_SUMMARY, lang=1),
                              _key(0, 9, P_KEYWORD)]


@pytest.mark.parametrize("chunk,sizes", [([("de", 3, "a")], [1]), ([("de", -1, "a")], [1]), ([("de", 0, "a")], [2])])
def test_texts_refuses_fields_out_of_range_and_sizes_that_do_not_add_up(chunk: list, sizes: list[int]) -> None:
    with pytest.raises(ValueError):
        _postings.texts(chunk, sizes, 0, {"de": 0}, np.array([P_TITLE, P_SUMMARY, P_KEYWORD], dtype=np.uint64))
