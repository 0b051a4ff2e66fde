"""The compiled loops of reading texts (_scan) against plain Python: words cut at white space with their texts and
lines, distinct hashes, and the bytes and polynomial hashes of new forms."""

from __future__ import annotations

import random

import numpy as np
import pytest

from service.search import _scan

RADIX, LENGTH = 0x9E3779B97F4A7C15, 0x632BE59BD9B4E019
MASK = (1 << 64) - 1


def _data(texts: list[str]) -> np.ndarray:
    return np.frombuffer("\x00".join(["", *texts, "\x00" * 7]).encode("utf-8", "surrogatepass"), dtype=np.uint8)


def test_words_are_cut_at_white_space_with_their_text_and_line() -> None:
    rng = random.Random(5)
    pieces = ["a", "abcdefgh", "abcdefghi", "é" * 8, "ß" * 9, "x" * 17, "\ud800", "Kita-Gutschein", "🙂"]
    texts = ["".join(rng.choice(pieces) + rng.choice([" ", "  ", "\n", "\t", "\r\n"]) for _ in range(rng.randint(0, 9)))
             for _ in range(40)]
    data = _data(texts)
    starts, ends, hashes, text_of, line_of, zeros = _scan.words(data)
    expected = [(word, number, at) for number, text in enumerate(texts)
                for at, text_line in enumerate(text.split("\n")) for word in text_line.split()]
    found = [(data[start:end].tobytes().decode("utf-8", "surrogatepass"), text, line)
             for start, end, text, line in zip(starts, ends, text_of, line_of, strict=True)]
    assert [(word, text) for word, text, _line in found] == [(word, text) for word, text, _line in expected]
    # two words are on one line (of one text) exactly when their line numbers are the same; numbers only grow
    for before, after, (_, text, at), (_, next_text, next_at) in zip(found[:-1], found[1:], expected[:-1], expected[1:],
                                                                   strict=True):
        assert (after[2] == before[2]) == ((text, at) == (next_text, next_at)) and after[2] >= before[2]
    assert zeros == len(texts) + 8
    same = {}
    for (word, _text, _line), hashed in zip(found, hashes.tolist(), strict=True):
        assert hashed & 1 and same.setdefault(word, hashed) == hashed
    assert len(set(same.values())) == len(same)


def test_distinct_hashes_in_the_order_they_first_appear() -> None:
    hashes = np.array([9, 5, 9, 7, 5, 9, 11], dtype=np.uint64) << np.uint64(60) | np.uint64(1)
    form_of, firsts, counts = _scan.distinct(hashes)
    assert form_of.tolist() == [0, 1, 0, 2, 1, 0, 3]
    assert firsts.tolist() == [0, 1, 3, 6]
    assert counts.tolist() == [3, 2, 1, 1]


@pytest.mark.parametrize("words", [[], ["a"], ["Kindergeld", "Çocuk", "إعانة", "x" * 40]])
def test_spelled_gives_the_bytes_and_polynomial_of_each_word(words: list[str]) -> None:
    raw = " ".join(words).encode()
    starts, at = [], 0
    for word in words:
        starts.append(at)
        at += len(word.encode()) + 1
    ends = [start + len(word.encode()) for start, word in zip(starts, words, strict=True)]
    spans, polynomials = _scan.spelled(np.frombuffer(raw, dtype=np.uint8) if raw else np.zeros(0, np.uint8),
                                       np.array(starts, dtype=np.intp), np.array(ends, dtype=np.intp), RADIX, LENGTH)
    assert spans.tobytes() == b"".join(word.encode() + b" " for word in words)
    expected = [(sum(byte * pow(RADIX, j, 1 << 64) for j, byte in enumerate(word.encode())) + len(word.encode())
                 * LENGTH) & MASK for word in words]
    assert polynomials.tolist() == expected


def test_spelled_refuses_words_outside_the_data() -> None:
    with pytest.raises(ValueError):
        _scan.spelled(np.zeros(4, np.uint8), np.array([2], dtype=np.intp), np.array([5], dtype=np.intp), RADIX, LENGTH)
