"""One term per concept: the shipped texts follow directory_data/glossary.yaml (through the search normaliser)."""

from __future__ import annotations

from pathlib import Path

from service.directory.glossary import Concept, TextField, check_files, check_texts, count

ROOT = Path(__file__).resolve().parents[2]


def test_shipped_texts_follow_the_glossary() -> None:
    findings = check_files(ROOT / "directory_data")
    assert not findings, "\n".join(str(f) for f in findings)


def test_inflected_forms_count_but_longer_compounds_do_not() -> None:
    assert count("детские деньги", "Вы получите детских денег больше") == 1
    assert count("zasiłek rodzinny", "Nie ma zasiłku rodzinnego.") == 1
    assert count("روضة", "في الروضة اليوم") == 1
    assert count("Kindergeld", "Kindergesundheit") == 0
    assert count("Gençlik Dairesi", "Gençlik Dairesindeki ASD", "tr") == 1


KITA = Concept("kita", "Kita", {"ar": "روضة", "ru": "детский сад"}, {"ar": ["حضانة"]})
CUSTODY = Concept("sorgerecht", "Sorgerecht", {"ar": "حق الحضانة"})


def test_a_variant_is_reported_with_the_term_to_use() -> None:
    findings = check_texts([KITA], [TextField("x", "ar", "summary", "اسألوا في الحضانة.", "Fragen Sie in der Kita.")])
    assert [str(f) for f in findings] == ['x ar summary: uses "حضانة" (use "روضة")', 'x ar summary: lacks "روضة"']


def test_a_variant_inside_another_chosen_term_is_allowed() -> None:
    text = "الوالدان اللذان لهما حق الحضانة."
    assert check_texts([KITA, CUSTODY], [TextField("x", "ar", "for_whom", text)]) == []


def test_lacking_is_checked_where_the_german_names_the_concept() -> None:
    title = TextField("x", "ru", "title", "Родительские группы", "Elterngruppen in der Kita")
    body = TextField("x", "ru", "where", "Спросите там.", "Fragen Sie in der Kita.")
    assert [str(f) for f in check_texts([KITA], [title, body])] == ['x ru title: lacks "детский сад"']


def test_the_german_word_itself_is_not_lacking() -> None:
    kept = TextField("x", "ru", "summary", "Jugendamt консультирует.", "Das Jugendamt berät.")
    office = Concept("jugendamt", "Jugendamt", {"ru": "ведомство по делам молодёжи"})
    assert check_texts([office], [kept]) == []
