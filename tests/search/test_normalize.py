"""Normalisation per script, Latin keys and the Kölner Phonetik: examples and properties over any Unicode."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from service.search import normalize
from service.search.normalize import fold, latin_keys, light_stem, phonetic, script, tokens


@pytest.mark.parametrize("written,same_as", [
    ("Frühförderung", "Fruhforderung"),
    ("STRASSE", "Straße"),
    ("İSTANBUL ılık", "istanbul ilik"),
    ("ŞİDDET", "siddet"),
    ("mężczyzna łódź", "mezczyzna lodz"),
    ("școală țară ăî", "scoala tara ai"),
    ("Kurdî zarokên", "kurdi zaroken"),
    ("ёлка", "елка"),
    ("їжак і", "ижак и"),
    ("б'ють", "бють"),
    ("مُسَاعَدَة", "مساعده"),
    ("أطفال إيجار آباء", "اطفال ايجار اباء"),
    ("مستشفى", "مستشفي"),
    ("کودک یک", "كودك يك"),
    ("نمی‌زنه", "نميزنه"),
    ("٢٨ ۲۸", "28 28"),
    ("don't", "dont"),
])
def test_fold_treats_spelling_variants_as_one(written: str, same_as: str) -> None:
    assert fold(written) == fold(same_as)


def test_fold_separates_words_at_punctuation() -> None:
    assert fold("Kita-Beitrag (KiZ), § 28!") == "kita beitrag kiz 28"


def test_roman_numerals_of_legal_references_become_digits() -> None:
    assert tokens("§ 28 SGB II") == tokens("§28 SGB 2") == ["28", "sgb", "2"]


@pytest.mark.parametrize("token,kind", [("kindergeld", "latin"), ("помощь", "cyrillic"), ("كودك", "arabic"),
                                        ("子供", "other"), ("2026", "latin")])
def test_script_of_a_token(token: str, kind: str) -> None:
    assert script(token) == kind


def test_german_ue_spelling_has_the_key_of_the_umlaut() -> None:
    assert latin_keys(fold("fruehfoerderung")) == latin_keys(fold("Frühförderung")) == ("fruhforderung",)


@pytest.mark.parametrize("foreign,german", [
    ("бюргергельд", "burgergeld"),
    ("елтернгельд", "elterngeld"),
    ("вонгельд", "wohngeld"),
    ("يوغند", "jugend"),
    ("كيندرغيلد", "kindergeld"),
    ("تسوشلاگ", "zuschlag"),
])
def test_german_words_in_other_scripts_sound_like_german(foreign: str, german: str) -> None:
    assert phonetic(latin_keys(fold(foreign))[0]) == phonetic(german)


def test_cyrillic_has_a_german_and_an_english_latin_spelling() -> None:
    assert latin_keys(fold("помощь")) == ("pomoschtsch", "pomoshch")


@pytest.mark.parametrize("word,code", [("mullerludenscheidt", "65752682"), ("wikipedia", "3412"),
                                       ("wohngeld", "36452"), ("vongeld", "36452"), ("xaver", "4837"),
                                       ("christoph", "47823"), ("", "")])
def test_koelner_phonetik(word: str, code: str) -> None:
    assert phonetic(word) == code


def test_arabic_light_stem_drops_article_and_suffix() -> None:
    assert light_stem(fold("والأطفال")) == light_stem(fold("اطفال"))
    assert light_stem(fold("الإيجار")) == fold("ايجار")


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_fold_is_idempotent_and_never_raises(text: str) -> None:
    once = fold(text)
    assert fold(once) == once
    assert once == " ".join(once.split())


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8")))
def test_folded_words_have_no_upper_case_marks_or_spaces(text: str) -> None:
    for word in tokens(text):
        assert word and not any(ch.isspace() for ch in word)
        assert word == word.casefold() or fold(word) == word


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_keys_and_sounds_are_ascii(text: str) -> None:
    for word in tokens(text):
        for key in latin_keys(word):
            assert key.isascii() and key.isalnum()
            assert phonetic(key).isdigit() or phonetic(key) == ""
        assert isinstance(light_stem(word), str)


EVERY_SCRIPT = ("Frühförderung Kinderbetreuungsplatz Xaver Chemnitz Cäcilie Pharmazie Dachs Staatsexamen 2024 ii "
                "помощь щука ёж Ёлка ЮЛЯ я ё пособие ребёнка هويه وه ه و ي يد الأطفال مساعده کودک ٢٨ "
                "ᐊᐃᓐᓇ 中文 l’enfant ﬁnanzen ǅemal ŉ ﬀ")


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from(EVERY_SCRIPT)) | st.text(), max_size=8))
def test_keys_and_sounds_of_many_words_at_once_are_those_of_each(texts: list[str]) -> None:
    words = [word for text in texts for word in tokens(text)] + tokens(EVERY_SCRIPT)
    kinds = normalize.scripts_of_each(words)
    assert kinds == [script(word) for word in words]
    keys, owners = normalize.latin_keys_of_each(words, kinds)
    expected = [(key, i) for i, word in enumerate(words) for key in latin_keys.__wrapped__(word)]
    assert list(zip(keys, owners.tolist(), strict=True)) == expected
    assert normalize.phonetic_each(keys) == [phonetic(key) for key in keys]
    stemmed = [*words, "الي", "والي", "ون", "بالبيتها", "ميكم", "للهايي", "فالهاي"]
    assert normalize.light_stems(stemmed) == [light_stem(word) for word in stemmed]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from(EVERY_SCRIPT + "IVX-_()’'`æŒ\u0301\u200d")) | st.text(), max_size=8))
def test_folded_lines_are_the_tokens_of_each_text(texts: list[str]) -> None:
    texts = [text.replace("\n", " ") for text in texts]
    texts += ["SGB-II", "(VII)", "ii", "", "x\ud800y", "\udc00", "𝐀𝐁c", "Æon-IX_ʼx", "\U000e0001a\U0001d165b"]
    assert normalize.folded_lines(texts) == [" ".join(tokens(text)) for text in texts]
