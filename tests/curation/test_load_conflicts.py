"""`directory load` after browser edits: conflicts reported and kept, --prefer-files, never archive browser work."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlmodel import Session, select

from service.curation.load import load_curated
from service.curation.models import EditMark
from service.curation.operations import create_entry, edit_entry_text, edit_kita_text, mark_reviewed
from service.curation.records import read_record
from service.directory.export import export_directory
from service.directory.loader import load_directory
from service.directory.models import Entry
from service.directory.queries import get_entry
from tests.factories import entry_facts, entry_texts, write_yaml


@pytest.fixture
def mini(session: Session, mini_directory: Path) -> Session:
    load_directory(session, mini_directory)
    session.commit()
    return session


def test_browser_edit_is_a_conflict_and_kept(mini: Session, mini_directory: Path) -> None:
    edit_entry_text(mini, "kindergeld", "de", {"summary": "Im Browser geändert."}, "anna.k")
    mini.commit()
    result = load_curated(mini, mini_directory)
    mini.commit()
    assert [(c.kind, c.slug, c.lang, c.field, c.author) for c in result.conflicts] == [
        ("entry", "kindergeld", "de", "summary", "anna.k")]
    assert "entry kindergeld, language de, field summary: changed in the browser by anna.k on " in str(
        result.conflicts[0])
    assert get_entry(mini, "kindergeld", "de").summary == "Im Browser geändert."
    assert get_entry(mini, "kindergeld", "en").status == "outdated"
    again = load_curated(mini, mini_directory)
    assert len(again.conflicts) == 1 and get_entry(mini, "kindergeld", "de").summary == "Im Browser geändert."


def test_unmarked_fields_still_come_from_the_files(mini: Session, mini_directory: Path) -> None:
    edit_entry_text(mini, "kindergeld", "de", {"summary": "Im Browser geändert."}, "anna.k")
    write_yaml(mini_directory / "entries/kindergeld/de.yaml", entry_texts(title="Kindergeld (neu)"))
    load_curated(mini, mini_directory)
    view = get_entry(mini, "kindergeld", "de")
    assert (view.title, view.summary) == ("Kindergeld (neu)", "Im Browser geändert.")


def test_prefer_files_overwrites(mini: Session, mini_directory: Path) -> None:
    mark_reviewed(mini, "entry", "kindergeld", "en", "olena")
    edit_entry_text(mini, "kindergeld", "de", {"summary": "Im Browser geändert."}, "anna.k")
    result = load_curated(mini, mini_directory, prefer_files=True)
    assert result.conflicts == [] and {c.field for c in result.overwritten} == {"summary", "status"}
    assert get_entry(mini, "kindergeld", "de").summary == "Geld für jedes Kind."
    assert get_entry(mini, "kindergeld", "en").status == "machine"
    assert mini.exec(select(EditMark)).all() == []


def test_exported_edit_clears_its_mark(mini: Session, mini_directory: Path, tmp_path: Path) -> None:
    edit_entry_text(mini, "kindergeld", "en", {"summary": "Exported text."}, "olena")
    mini.commit()
    export_directory(mini, tmp_path / "out")
    result = load_curated(mini, tmp_path / "out")
    assert result.conflicts == [] and mini.exec(select(EditMark)).all() == []
    assert get_entry(mini, "kindergeld", "en").summary == "Exported text."


def test_browser_entries_are_never_archived(mini: Session, mini_directory: Path) -> None:
    create_entry(mini, "elterncafe", entry_facts(amounts=[], phones=[]), {"title": "Elterncafé", "labels": {}},
                 "anna.k")
    edit_entry_text(mini, "wohngeld", "de", {"summary": "Im Browser."}, "anna.k")
    shutil.rmtree(mini_directory / "entries/wohngeld")
    for prefer in (False, True):
        result = load_curated(mini, mini_directory, prefer_files=prefer)
        assert result.kept == ["elterncafe", "wohngeld"] and result.summary.archived == []
    archived = dict(mini.exec(select(Entry.slug, Entry.archived)).all())
    assert archived == {"kindergeld": False, "wohngeld": False, "elterncafe": False}
    assert get_entry(mini, "elterncafe", "de").title == "Elterncafé"


def test_a_german_kita_edit_keeps_its_translations_outdated_through_a_load(mini: Session,
                                                                          mini_directory: Path) -> None:
    kita_file = mini_directory / "kitas/loevenich.yaml"
    english = {"status": "machine", "summary": "Kindergarten in Lövenich.", "description": "Description."}
    write_yaml(kita_file, {"name": "Städt. Kita Lövenich", "address": {"city": "Erkelenz"}, "verified": False,
                           "texts": {"de": {"status": "reviewed", "summary": "Kita in Lövenich.",
                                            "description": "Beschreibung."}, "en": english}})
    load_curated(mini, mini_directory)
    assert read_record(mini, "kita", "loevenich", "en")["status"] == "machine"
    saved = edit_kita_text(mini, "loevenich", "de", {"summary": "Kita in Lövenich, neu im Browser."}, "anna.k")
    mini.commit()
    assert saved.outdated == ["en"]
    result = load_curated(mini, mini_directory)
    mini.commit()
    assert read_record(mini, "kita", "loevenich", "en")["status"] == "outdated"  # not "machine" from the file
    assert read_record(mini, "kita", "loevenich", "de")["summary"] == "Kita in Lövenich, neu im Browser."
    assert {(c.kind, c.lang, c.field) for c in result.conflicts} == {("kita", "de", "summary"),
                                                                     ("kita", "en", "status")}
