"""The matcher's lookup tables against a plain reference: term by term, each key filed under its first term; its numpy
sorts against sorted()."""

from __future__ import annotations

import random

from hypothesis import example, given, settings
from hypothesis import strategies as st

from service.search.match import Matcher, _sorted_lines, _sorted_order
from service.search.normalize import latin_keys, light_stem, phonetic, script, tokens

TEXT = ("Frühförderung fruehfoerderung Kinderbetreuungsplatz Xaver Chemnitz Cäcilie Pharmazie Dachs Staatsexamen "
        "Schulden schulen Schule Kita Kitas 2024 II помощь помошь щука ёж пособие ребёнка Kinder кіндер "
        "هويه وه ه و ي يد الأطفال والأطفال مساعده کودک ٢٨ ᐊᐃᓐᓇ 中文 l’enfant ﬁnanzen pomoschtsch beratung "
        "beratungsstelle ratung elterngeld eltern geld")


def _reference(terms: list[str], german: set[int]) -> dict[str, object]:
    by_key: dict[str, list[int]] = {}
    by_stem: dict[str, list[int]] = {}
    by_sound: dict[str, list[int]] = {}
    for tid, term in enumerate(terms):
        kind = script(term)
        if kind == "arabic":
            by_stem.setdefault(light_stem(term), []).append(tid)
        for key in latin_keys(term):
            if key in by_key:
                by_key[key].append(tid)
                continue
            by_key[key] = [tid]
            if kind == "latin" and len(key) >= 5 and tid in german:
                sound = phonetic(key)
                if len(sound) >= 4:
                    by_sound.setdefault(sound, []).append(tid)
    keys = list(by_key)
    return {
        "by_key": by_key, "by_stem": by_stem, "by_sound": by_sound,
        "sorted_keys": sorted(keys), "tails": sorted(key[::-1] for key in keys if len(key) >= 4),
        "short_heads": sorted(f"{len(key)}{key}" for key in keys if 4 <= len(key) <= 7),
        "short_tails": sorted(f"{len(key)}{key[::-1]}" for key in keys if 4 <= len(key) <= 7),
    }


def _lists(table: dict[str, int | list[int]]) -> dict[str, list[int]]:
    return {key: [found] if isinstance(found, int) else found for key, found in table.items()}


def test_the_lookup_tables_equal_a_plain_reference() -> None:
    rng = random.Random(5)
    words = tokens(TEXT)
    terms = list(dict.fromkeys([*words, *("".join(rng.sample(word, len(word))) for word in words * 3)]))
    german = {tid for tid in range(len(terms)) if rng.random() < 0.7}
    matcher = Matcher.build({term: tid for tid, term in enumerate(terms)}, {}, german)
    expected = _reference(terms, german)
    for name in ("by_key", "by_stem", "by_sound"):
        assert _lists(getattr(matcher, name)) == expected[name], name
        assert list(getattr(matcher, name)) == list(expected[name]), name  # the same order
    for name in ("sorted_keys", "tails", "short_heads", "short_tails"):
        assert getattr(matcher, name) == expected[name], name
    assert [terms[tid] for tid in matcher.term_order] == sorted(terms)


@settings(max_examples=200, deadline=None)
@example(["😀😀0", "😀😀", "😀😀"])  # equal strings ending where another goes on stay in its run
@example(["abcdefgh", "abcdefgh", "abcdefgh1", "abcdefgh", "a"])
@given(st.lists(st.text(alphabet=st.characters(exclude_characters="\n"), max_size=30)
                | st.lists(st.sampled_from(["kinder", "betreuung", "s", "platz", "ü", "п", "\U0001f600", "\0", ""]),
                           max_size=6).map("".join), max_size=40))
def test_lines_and_texts_sorted_with_numpy_as_sorted_sorts_them(texts: list[str]) -> None:
    text = "\n".join(texts)
    assert _sorted_lines(text) == (sorted(text.split("\n")) if text else [])
    assert [texts[i] for i in _sorted_order(texts)] == sorted(texts)
