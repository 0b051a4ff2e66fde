"""The finder core: answer validation, the rules stored with the directory, answers in the family's language."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlmodel import Session

from service.directory.loader import DirectoryInvalid, load_directory, parse_directory
from service.errors import InvalidInput
from service.finder import export_rules, find_help, parse_answers
from service.finder.rules import FinderData
from tests.conftest import DIRECTORY


@pytest.mark.parametrize(("raw", "field", "code"), [
    ({"children": [4], "salary": 3}, "salary", "unknown"),
    ({"children": [25]}, "children", "range"),
    ({"children": [-1]}, "children", "range"),
    ({"children": [1] * 13}, "children", "too_many"),
    ({"children": ["4"]}, "children", "type"),
    ({"children": [True]}, "children", "type"),
    ({"adults": 3}, "adults", "range"),
    ({"adults": "2"}, "adults", "type"),
    ({"income": ["lottery"]}, "income", "choice"),
    ({"income": ["none", "work"]}, "income", "none_alone"),
    ({"income": "work"}, "income", "type"),
    ({"earned_income": -5}, "earned_income", "range"),
    ({"earned_income": 1e9}, "earned_income", "range"),
    ({"earned_income": 12.5}, "earned_income", "type"),
    ({"rent": 100_001}, "rent", "range"),
    ({"child_support": "sometimes"}, "child_support", "choice"),
    ({"worries": ["aliens"]}, "worries", "choice"),
    ({"pregnant": "yes"}, "pregnant", "type"),
    ({"disability": 1}, "disability", "type"),
])
def test_invalid_answers_name_the_field(raw, field, code) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_answers(raw)
    assert caught.value.fields == {field: code}


def test_every_problem_is_reported_at_once() -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_answers({"adults": 0, "worries": ["x"], "nonsense": 1})
    assert caught.value.fields == {"adults": "range", "worries": "choice", "nonsense": "unknown"}


def test_valid_answers_of_the_contract() -> None:
    answers = parse_answers({"children": [7, 4], "pregnant": False, "adults": 2, "income": ["work"],
                             "earned_income": 2100, "rent": 850, "child_support": None, "disability": False,
                             "worries": ["debts"]})
    assert answers.children == (4, 7) and answers.income == {"work"} and answers.worries == {"debts"}
    assert parse_answers({}).children is None
    assert parse_answers({"children": [23.0], "adults": 2.0, "rent": 800.0}) == parse_answers(
        {"children": [23], "adults": 2, "rent": 800})


def test_child_support_is_only_read_for_one_adult() -> None:
    assert parse_answers({"adults": 2, "child_support": "no"}).support is None
    assert parse_answers({"adults": 1, "child_support": "no"}).support == "no"


def test_rules_are_loaded_and_exported_with_the_directory(db) -> None:
    with Session(db) as session:
        load_directory(session, DIRECTORY)
        session.commit()
        exported = export_rules(session)
    assert exported is not None
    assert FinderData.model_validate(exported) == parse_directory(DIRECTORY).finder
    assert exported["thresholds"]["kinderzuschlag_min_income"] == {
        "single": 600, "couple": 900, "legal_basis": "§ 6a Abs. 1 Nr. 2 BKGG", "as_of": "2026-01-01"}


@pytest.mark.parametrize(("old", "new", "message"), [
    ("reason: worry_debts", "reason: worry_unknown", "unknown reason 'worry_unknown'"),
    ("entry: suchtberatung", "entry: nope", "no entry nope in entries/"),
    ("child_aged: baby", "child_aged: babies", "unknown age range 'babies'"),
    ("earned_below: kinderzuschlag_min_income", "earned_below: kiz_min", "unknown threshold 'kiz_min'"),
])
def test_a_broken_rules_file_stops_the_load(tmp_path: Path, old: str, new: str, message: str) -> None:
    root = tmp_path / "directory_data"
    shutil.copytree(DIRECTORY, root)
    text = (root / "finder.yaml").read_text(encoding="utf-8")
    assert old in text
    (root / "finder.yaml").write_text(text.replace(old, new), encoding="utf-8")
    with pytest.raises(DirectoryInvalid) as caught:
        parse_directory(root)
    assert "finder.yaml" in str(caught.value) and message in str(caught.value)


@pytest.mark.parametrize("lang", ["de", "ar", "uk"])
def test_find_help_answers_in_the_family_language(loaded, lang: str) -> None:
    answers = parse_answers({"children": [3], "adults": 1, "income": ["buergergeld"], "child_support": "no",
                             "worries": ["violence"]})
    with Session(loaded) as session:
        answer = find_help(session, answers, lang)
    levels = {item.slug: item.level for item in answer.results}
    assert levels["unterhaltsvorschuss"] == "likely" and levels["bildung-und-teilhabe"] == "likely"
    assert [item.slug for item in answer.not_fitting] == ["wohngeld"]
    order = [item.level for item in answer.results]
    assert order == sorted(order, key=["likely", "possible"].index)
    assert all(item.reason and item.title and item.apply for item in answer.results)
    assert "gewaltschutz-frauen" in levels and "gewaltschutz-frauen" not in answer.shareable_slugs
    assert answer.disclaimer
    if lang != "de":
        german = find_help(Session(loaded), answers, "de")
        assert answer.results[0].reason != german.results[0].reason
        assert answer.disclaimer != german.disclaimer


def test_without_rules_the_finder_answers_nothing(db, mini_directory: Path) -> None:
    with Session(db) as session:
        load_directory(session, mini_directory)
        session.commit()
        answer = find_help(session, parse_answers({"children": [3]}), "de")
    assert answer.results == [] and answer.disclaimer
