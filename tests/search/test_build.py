"""The index build against a plain reference: every text split at white space and folded form by form, postings
and phrases collected in Python dicts, over a directory of awkward texts spread across several chunks."""

from __future__ import annotations

import math
import random

import numpy as np
import pytest

from service.search import build as builder
from service.search.build import LANG_INDEX, MAX_PHRASE, EntryTexts, phrase_key
from service.search.normalize import tokens
from service.search.pieces import PUNCTUATION, Table
from service.search.score import (
    ENTRY_SHIFT,
    FIELD_WEIGHTS,
    KEYWORD,
    P_KEYWORD,
    P_TITLE,
    P_WHOLE_KEYWORD,
    POSTING_FIELD,
    REFERENCE,
    SUMMARY,
    TITLE,
)
from service.search.stopwords import STOPWORDS

WORDS = ["Kindergeld", "kindergeld", "KINDERGELD", "Kindergeld,", "(Kindergeld)", "Bürgergeld", "Burgergeld",
         "Kita-Gutschein", "Bildungs-", "und", "der", "für", "SGB", "II", "§", "–", "...", "Wohngeld/Mietzuschuss",
         "Пособие", "ребёнка", "ребенка", "إعانة", "الأطفال", "Çocuk", "parası", "Frühförderung", "Sprachentwicklung",
         "Erziehungsbeistandschaftsantragsformular", "Ünterstützungsleistungen", "a", "ab", "abcdefgh", "abcdefgi",
         "abcdefghi", "abcdefghijklmnop", "abcdefghijklmnoq", "abcdefghijklmnopq", "abcdefghijklmnopr",
         "ﬁnanzen", "l’enfant", "O'Neill", "x\ud800y", "ᐊᐃᓐᓇ", "🙂", "中文"]
SPREAD = 0x9E3779B97F4A7C15  # odd: distinct numbers times it stay distinct, and differ in their top bits
SPACES = [" ", " ", " ", "  ", "\t", " \n ", "\r\n"]


def _text(rng: random.Random, lines: int) -> str:
    parts = []
    for _ in range(lines):
        words = [rng.choice(WORDS) for _ in range(rng.randint(0, 6))]
        parts.append("".join(word + rng.choice(SPACES) for word in words).strip(" "))
    return "\n".join(parts) + rng.choice(["", "", "\n", "\n\n", " "])


def _directory(size: int) -> list[EntryTexts]:
    rng = random.Random(17)
    entries = []
    for number in range(size):
        texts = []
        for lang in rng.sample(["de", "en", "tr", "ar", "ru", "xx"], rng.randint(1, 4)):
            texts.append((lang, TITLE, _text(rng, 1) + f" Name{number % 7}"))
            texts.append((lang, KEYWORD, _text(rng, rng.randint(0, 5))))
            texts.append((lang, SUMMARY, _text(rng, rng.randint(0, 3)).replace("a", "a\x00", number % 2)))
            if rng.random() < 0.3:
                texts.append((lang, REFERENCE, "§ 24 SGB VIII"))
        entries.append(EntryTexts(f"e{number}", texts))
    return entries


Reference = tuple[dict[str, set[int]], dict[str, set[str]], list[tuple[frozenset[str], int]]]


def _reference(entries: list[EntryTexts]) -> Reference:
    """Postings by term (strongest field per term, entry and language), written forms (without punctuation) of the
    terms written as one word, phrases by their terms."""
    strongest: dict[tuple[str, int, int], int] = {}
    surfaces: dict[str, set[str]] = {}
    phrases = []
    for entry_id, entry in enumerate(entries):
        for lang, field_code, text in entry.texts:
            field = POSTING_FIELD[field_code]
            for line in text.replace("\x00", " ").split("\n"):
                line_words = []
                for form in line.split():
                    words = tokens(form)
                    line_words += words
                    written = form.strip(PUNCTUATION)
                    if len(words) == 1:
                        surfaces.setdefault(words[0], set()).add(written)
                content_words = [word for word in line_words if word not in STOPWORDS]
                content = set(content_words)
                for word in line_words:
                    key = (word, entry_id, LANG_INDEX.get(lang, 15))
                    posting = P_WHOLE_KEYWORD if field == P_KEYWORD and content_words == [word] else field
                    strongest[key] = min(strongest.get(key, 99), posting)
                if field in (P_TITLE, P_KEYWORD) and len(content) <= MAX_PHRASE and (
                        field == P_TITLE and content or len(content) >= 2):
                    phrases.append((frozenset(content), entry_id << 1 | (field == P_TITLE)))
    postings: dict[str, set[int]] = {}
    for (word, entry_id, lang), field in strongest.items():
        postings.setdefault(word, set()).add(entry_id << ENTRY_SHIFT | lang << 3 | field)
    return postings, surfaces, phrases


@pytest.mark.parametrize("chunk,table", [(3, 1 << 16), (512, 1 << 16), (3, 2)])
def test_the_build_equals_a_plain_reference(monkeypatch: pytest.MonkeyPatch, chunk: int, table: int) -> None:
    monkeypatch.setattr(builder, "CHUNK", chunk)
    monkeypatch.setattr(Table, "SIZE", table)  # a table of two rows at first grows often and fills up its slots
    entries = _directory(60)
    built = builder.build(entries)
    postings, surfaces, phrases = _reference(entries)
    terms = list(built.term_ids)
    assert sorted(terms) == sorted(postings)
    assert sorted(built.term_ids.values()) == list(range(len(terms)))
    for term, tid in built.term_ids.items():
        found = built.flat[built.offsets[tid]:built.offsets[tid + 1]].tolist()
        assert found == sorted(postings[term]), term
        assert built.stop[tid] == (term in STOPWORDS)
        entries_with_it = {posting >> ENTRY_SHIFT for posting in postings[term]}
        assert built.idf[tid] == pytest.approx(max(0.05, math.log1p(
            (len(entries) - len(entries_with_it) + 0.5) / (len(entries_with_it) + 0.5)))), term
        assert built.strength[tid] == FIELD_WEIGHTS[min(posting & 7 for posting in postings[term])], term
        assert (tid in built.german) == any(posting >> 3 & 15 == LANG_INDEX["de"] for posting in postings[term])
    for term, written in built.surfaces.items():  # one written form that is not the term itself (which, depends
        assert written != term and written in surfaces[term]  # on the order new forms are numbered in)
    assert {term for term, forms in surfaces.items() if term not in forms} <= set(built.surfaces)
    expected = sorted((phrase_key({built.term_ids[word] for word in words}), value) for words, value in phrases)
    assert list(zip(built.phrase_hashes.tolist(), built.phrase_values.tolist(), strict=True)) == expected
    assert np.all(np.diff(built.phrase_hashes.astype(np.float64)) >= 0)


def test_the_table_finds_hashes_that_compete_for_slots() -> None:
    """Hashes sharing their first slot (the top bits) run on to the next slots, past the end of the table to its
    start; the table finds each, and misses absent ones of the same first slot, before and after it grows."""
    table = Table()
    top = np.uint64(Table.SIZE - 3) << np.uint64(64 - Table.SIZE.bit_length() + 1)  # three slots before the end
    hashes = top | (np.arange(1, 41, dtype=np.uint64) * np.uint64(2) + np.uint64(1))
    stored, absent = hashes[::2], hashes[1::2]
    table.add(stored[:5], np.arange(5, dtype=np.uint64), np.ones(5, dtype=np.int64))
    table.add(np.concatenate((stored[5:], stored[5:6])), np.array([*range(5, 20), 5], dtype=np.uint64),
              np.arange(16, dtype=np.int64))  # the last hash is given twice, with the same value
    assert table.filled == 20  # ... and is stored once
    for grown in range(2):
        values, missing = table.find(np.concatenate((stored, absent)))
        assert missing.tolist() == [False] * 20 + [True] * 20
        assert (values[:20] & np.uint64(0xFFFFFFFF)).tolist() == list(range(20))
        others = np.arange(grown * Table.SIZE, (grown + 1) * Table.SIZE, dtype=np.uint64) * np.uint64(SPREAD)
        table.add(others | np.uint64(1), np.zeros(Table.SIZE, dtype=np.uint64), np.zeros(Table.SIZE, dtype=np.int64))
    assert len(table.rows) >= 4 * Table.SIZE
