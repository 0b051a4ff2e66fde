"""The index on a small hand-made directory: spelling, scripts, compounds, prefixes, languages, weak queries."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from service.search.index import KEYWORD, REFERENCE, SUMMARY, TITLE, EntryTexts, SearchIndex

ENTRIES = {
    "kindergeld": {
        "de": ("Kindergeld", ["Kindergeld", "Familienkasse", "Geld für Kinder"], "Monatliches Geld für jedes Kind."),
        "tr": ("Çocuk parası (Kindergeld)", ["çocuk parası", "Kindergeld başvurusu"], "Her çocuk için aylık para."),
        "ar": ("إعانة الأطفال (Kindergeld)", ["كيندرغيلد", "مال للأطفال"], "مال شهري لكل طفل."),
        "ru": ("Пособие на ребёнка (Kindergeld)", ["киндергельд", "детские деньги"], "Деньги на каждого ребёнка."),
    },
    "wohngeld": {
        "de": ("Wohngeld", ["Wohngeld", "Mietzuschuss", "Miete zu hoch"], "Zuschuss zur Miete."),
        "tr": ("Kira yardımı (Wohngeld)", ["kira yardımı", "kira desteği"], "Kira için destek."),
        "ar": ("بدل السكن (Wohngeld)", ["مساعدة الإيجار", "دعم السكن"], "مساعدة في دفع الإيجار."),
        "ru": ("Жилищное пособие (Wohngeld)", ["помощь с арендой"], "Помощь с оплатой квартиры."),
    },
    "bildung-und-teilhabe": {
        "de": ("Bildungs- und Teilhabepaket (BuT)", ["Bildungspaket", "Klassenfahrt", "Schulbedarf"],
               "Geld für Ausflüge, Klassenfahrten und Mittagessen."),
        "en": ("Education and participation package", ["class trip", "school lunch"],
               "Money for school trips and lunch."),
    },
    "fruehfoerderung": {
        "de": ("Frühförderung", ["Frühförderung", "Sprachentwicklung", "Kind spricht nicht"],
               "Förderung für kleine Kinder mit Entwicklungsverzögerung."),
        "uk": ("Рання допомога (Frühförderung)", ["дитина не говорить", "розвиток мовлення"],
               "Підтримка розвитку маленьких дітей."),
    },
    "kinderzuschlag": {
        "de": ("Kinderzuschlag (KiZ)", ["Kinderzuschlag", "KiZ", "wenig Lohn"], "Extra Geld bei wenig Lohn."),
    },
    "buergergeld": {
        "de": ("Bürgergeld", ["Bürgergeld", "Jobcenter", "Antrag Jobcenter"], "Grundsicherung vom Jobcenter."),
        "fa": ("بورگرگلد", ["کمک هزینه زندگی", "جاب سنتر"], "کمک هزینه زندگی از جاب سنتر."),
    },
}
REFERENCES = {"buergergeld": "§ 19 SGB II", "bildung-und-teilhabe": "§ 28 SGB II"}


def _entries(extra: dict[str, dict] | None = None) -> list[EntryTexts]:
    result = []
    for slug, languages in {**ENTRIES, **(extra or {})}.items():
        texts = [("de", REFERENCE, REFERENCES[slug])] if slug in REFERENCES else []
        for lang, (title, keywords, summary) in languages.items():
            texts += [(lang, TITLE, title), (lang, KEYWORD, "\n".join(keywords)), (lang, SUMMARY, summary)]
        result.append(EntryTexts(slug, texts))
    return result


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    return SearchIndex.build(_entries())


def first(index: SearchIndex, query: str, lang: str = "de") -> str | None:
    hits = index.search(query, lang).hits
    return hits[0].slug if hits else None


@pytest.mark.parametrize("query,slug", [
    ("Kindergeld", "kindergeld"),
    ("kindergelt", "kindergeld"),  # one typo in a long word
    ("kindregeld", "kindergeld"),  # swapped letters
    ("wohngeldt", "wohngeld"),
    ("fruehfoerderung", "fruehfoerderung"),  # ue for ü
    ("fruhforderung", "fruehfoerderung"),  # no umlauts at all
    ("frühförderunk", "fruehfoerderung"),
    ("buergergeld", "buergergeld"),
    ("bildungspaketantrag", "bildung-und-teilhabe"),  # compound of indexed words
    ("klassen fahrt", "bildung-und-teilhabe"),  # one word typed as two
    ("kinderzusch", "kinderzuschlag"),  # still typing
    ("KiZ", "kinderzuschlag"),  # acronym
    ("§ 28 SGB II", "bildung-und-teilhabe"),  # legal reference
    ("sgb 2 paragraph 19", "buergergeld"),
])
def test_german_spellings(index: SearchIndex, query: str, slug: str) -> None:
    assert first(index, query) == slug


@pytest.mark.parametrize("query,lang,slug", [
    ("вонгельд", "ru", "wohngeld"),  # German word in Cyrillic letters
    ("бюргергельд", "ru", "buergergeld"),
    ("كيندرغيلد", "ar", "kindergeld"),  # German word in Arabic letters
    ("بورگرگلد", "fa", "buergergeld"),
    ("kira yardimi", "tr", "wohngeld"),  # Turkish without its letters
    ("مساعده الايجار", "ar", "wohngeld"),  # ta marbuta, hamza and article differ from the index
    ("дитина не говорит", "uk", "fruehfoerderung"),
    ("pomosch s arendoi", "ru", "wohngeld"),  # Russian typed in Latin letters
    ("çocuk parasi", "tr", "kindergeld"),
])
def test_other_languages_and_scripts(index: SearchIndex, query: str, lang: str, slug: str) -> None:
    assert first(index, query, lang) == slug


def test_a_german_word_from_a_letter_finds_the_page_in_any_interface_language(index: SearchIndex) -> None:
    for lang in ("tr", "ar", "fa", "uk", "ku"):
        assert first(index, "Wohngeld", lang) == "wohngeld"


def test_function_words_do_not_decide(index: SearchIndex) -> None:
    assert first(index, "was ist das kindergeld und wie") == "kindergeld"


def test_scores_are_between_zero_and_one_and_ordered(index: SearchIndex) -> None:
    hits = index.search("geld für kinder", "de").hits
    assert hits and all(0 < hit.score <= 1 for hit in hits)
    assert [hit.score for hit in hits] == sorted((hit.score for hit in hits), reverse=True)


def test_an_exact_title_scores_higher_than_a_typo(index: SearchIndex) -> None:
    assert index.search("wohngeld", "de").hits[0].score > index.search("wongelt", "de").hits[0].score


def test_nonsense_finds_nothing(index: SearchIndex) -> None:
    ranking = index.search("xqzvw", "de")
    assert ranking.hits == [] and ranking.matched == 0


def test_suggestions_correct_the_misspelt_word(index: SearchIndex) -> None:
    assert "Wohngeld" in index.search("wohngelt", "de").suggestions[0]
    assert index.search("Wohngeld", "de").suggestions == []


def test_limit(index: SearchIndex) -> None:
    assert len(index.search("geld", "de", limit=2).hits) == 2


def test_common_words_in_a_large_directory_are_probed_not_scanned() -> None:
    filler = {f"filler-{i}": {"de": (f"Angebot {i}", ["Beratung Familie"], "Beratung für Familien.")}
              for i in range(400)}
    index = SearchIndex.build(_entries(filler))
    assert first(index, "Beratung Wohngeld") == "wohngeld"
    assert len(index.search("Beratung", "de").hits) == 10


@settings(max_examples=150, deadline=None)
@given(query=st.text(max_size=60), lang=st.sampled_from(["de", "ar", "ru", "xx"]))
def test_any_query_gives_a_ranking(index: SearchIndex, query: str, lang: str) -> None:
    ranking = index.search(query, lang)
    assert all(0 < hit.score <= 1 for hit in ranking.hits)
    assert len({hit.slug for hit in ranking.hits}) == len(ranking.hits)


# --- phrases, whole words, greetings, confidence and suggestions ---------------------------------------------------

def test_a_query_equal_to_a_keyword_phrase_ranks_its_entry_first(index: SearchIndex) -> None:
    for query in ("çocuk parası", "cocuk parasi", "COCUK PARASI!", "parası çocuk", "çocuk parasi"):
        ranking = index.search(query, "tr")
        assert ranking.hits[0].slug == "kindergeld", query
        assert ranking.phrase, query


def test_a_phrase_with_a_typo_still_counts_as_the_phrase(index: SearchIndex) -> None:
    ranking = index.search("kira yardimi", "tr")
    assert (ranking.hits[0].slug, ranking.phrase) == ("wohngeld", True)
    assert index.search("kira yardımıı", "tr").phrase


def test_a_title_without_its_brackets_is_a_phrase() -> None:
    index = SearchIndex.build([
        EntryTexts("a", [("de", TITLE, "Geld vom Amt\nGeld")]),
        EntryTexts("b", [("de", TITLE, "Zuschuss"), ("de", KEYWORD, "viel Geld vom Amt\nGeld Amt Hilfe")]),
    ])
    assert (index.search("geld vom amt", "de").hits[0].slug, index.search("geld vom amt", "de").phrase) == ("a", True)
    assert index.search("geld amt hilfe", "de").hits[0].slug == "b"
    assert not index.search("amt", "de").phrase  # a single word of a keyword line is no phrase


def test_only_content_words_make_a_phrase(index: SearchIndex) -> None:
    assert index.search("das kindergeld", "de").phrase  # the title, with an article
    assert not index.search("kindergeld familienkasse", "de").phrase  # two keywords, but not one line


def test_an_indexed_word_does_not_stand_for_a_longer_other_word() -> None:
    index = SearchIndex.build([
        EntryTexts("but", [("de", TITLE, "Geld für Schul- und Kitaessen"), ("de", KEYWORD, "schul\nessen bezahlen")]),
        EntryTexts("debts", [("de", TITLE, "Hilfe bei Schulden"), ("de", KEYWORD, "Schulden bezahlen\nRechnung")]),
    ])
    assert index.search("schul bezahlen", "de").hits[0].slug == "but"
    scores = {hit.slug: hit.score for hit in index.search("schul bezahlen", "de").hits}
    assert scores["but"] > 1.5 * scores.get("debts", 0.0)


@pytest.mark.parametrize("query", ["hallo", "Hallo!", "guten Tag", "danke schön", "thank you", "merhaba",
                                   "مرحبا", "شكرا جزيلا", "привіт", "спасибо", "dzień dobry", "mulțumesc",
                                   "سلام", "ممنون", "silav", "spas", "hi, danke"])
def test_greetings_and_thanks_are_no_search(index: SearchIndex, query: str) -> None:
    ranking = index.search(query, "de")
    assert ranking.greeting and ranking.hits == []


def test_a_greeting_before_a_question_is_left_out(index: SearchIndex) -> None:
    ranking = index.search("Hallo, Kindergeld", "de")
    assert not ranking.greeting
    assert ranking.hits[0].slug == "kindergeld" and ranking.phrase


def test_coverage_counts_only_real_matches_of_content_words(index: SearchIndex) -> None:
    assert index.search("kindergeld", "de").coverage == pytest.approx(1.0)
    assert index.search("kin", "de").coverage == 0.0  # the beginning of words only
    assert index.search("zzqx", "de").coverage == 0.0
    assert 0.2 < index.search("kindergeld zzqxwv", "de").coverage < 0.8


def test_suggestions_never_change_a_correct_word() -> None:
    index = SearchIndex.build([
        EntryTexts("help", [("de", TITLE, "Hilfe zur Erziehung"), ("de", KEYWORD, "gebraucht\nHilfe")]),
        EntryTexts("addiction", [("de", TITLE, "Suchtberatung"), ("de", KEYWORD, "Sucht\nbuchen")]),
    ])
    index.lexicon = frozenset({"suchen"})
    assert index.search("ich brauche hilfe", "de").suggestions == []  # a function word is never corrected
    assert index.search("wohnung suchen", "de").suggestions == []  # a known word is never corrected
    assert "Hilfe" in index.search("hilve", "de").suggestions[0]  # a typo is


def test_known_terms_keep_only_directory_words(index: SearchIndex) -> None:
    assert index.known_terms("Mein KINDERGELD für Anna 0171 1234567 kindergeld") == ["kindergeld"]
    assert index.known_terms("zzqx anna") == []


def test_a_keyword_line_of_one_word_is_a_phrase_for_that_word() -> None:
    index = SearchIndex.build([
        EntryTexts("rent", [("de", TITLE, "Mietschulden und Räumung"), ("de", KEYWORD, "Schulden Miete\nRäumung"),
                            ("ru", TITLE, "Долги за аренду"), ("de", SUMMARY, "Schulden bei der Miete")]),
        EntryTexts("debts", [("de", TITLE, "Beratung"), ("de", KEYWORD, "die Schulden\nMahnung")]),
    ])
    ranking = index.search("Schulden", "de")
    assert (ranking.hits[0].slug, ranking.phrase) == ("debts", True)
    assert not index.search("Miete", "de").phrase  # one word of a longer keyword line


def test_phrase_keys_of_the_query_match_those_of_the_build() -> None:
    import numpy as np

    from service.search import _postings
    from service.search.build import MAX_PHRASE, phrase_key
    from service.search.score import ENTRY_SHIFT, P_TITLE

    tids = [123_456, 7, 0, 2**20 + 5, 7]  # a title line of entry 3
    keys = np.array([tid << 32 | 3 << ENTRY_SHIFT | P_TITLE for tid in tids], dtype=np.uint64)
    hashes, values = _postings.phrases(keys, np.zeros(len(tids), dtype=np.int64), bytearray(2**20 + 6), MAX_PHRASE)
    assert (hashes.tolist(), values.tolist()) == ([phrase_key(set(tids))], [3 << 1 | 1])
