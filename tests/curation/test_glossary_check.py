"""`flask directory glossary-check` finds a planted variant in the database and in files."""

from __future__ import annotations

from pathlib import Path

from sqlmodel import Session

from service.curation.operations import edit_entry_text
from tests.factories import write_yaml


def _glossary(root: Path) -> None:
    write_yaml(root / "glossary.yaml", [
        {"concept": "kindergeld", "de": "Kindergeld", "terms": {"en": "child benefit"},
         "avoid": {"en": ["child money"]}},
    ])


def test_glossary_check_finds_a_planted_variant(app, db, mini_directory: Path) -> None:
    _glossary(mini_directory)
    runner = app.test_cli_runner()
    assert runner.invoke(args=["directory", "load", str(mini_directory)]).exit_code == 0
    clean = runner.invoke(args=["directory", "glossary-check"])
    assert clean.exit_code == 0, clean.output
    with Session(db) as session:
        edit_entry_text(session, "kindergeld", "en", {"summary": "Child money for every child."}, "olena")
        session.commit()
    found = runner.invoke(args=["directory", "glossary-check"])
    assert found.exit_code == 1
    assert 'kindergeld en summary: uses "child money" (use "child benefit")' in found.output
    write_yaml(mini_directory / "entries/kindergeld/en.yaml", {"status": "machine", "title": "Child money"})
    from_files = runner.invoke(args=["directory", "glossary-check", "--files", str(mini_directory)])
    assert from_files.exit_code == 1 and 'kindergeld en title: uses "child money"' in from_files.output
