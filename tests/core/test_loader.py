"""The loader: valid data loads and upserts; any error names file, entry and field and changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from sqlalchemy import func
from sqlmodel import Session, select

from service.directory.loader import DirectoryInvalid, load_directory, parse_directory
from service.directory.models import DirectoryVersion, Entry, EntryTranslation
from service.directory.queries import directory_version, get_entry, list_entries
from tests.factories import entry_facts, entry_texts, write_entry, write_yaml


def _snapshot(session: Session) -> tuple:
    entries = session.exec(select(Entry.slug, Entry.archived, Entry.amounts).order_by(Entry.slug)).all()
    texts = session.exec(select(EntryTranslation.lang, EntryTranslation.title, EntryTranslation.status)
                         .order_by(EntryTranslation.lang, EntryTranslation.title)).all()
    return entries, texts, directory_version(session)


def test_mini_directory_loads_and_repeats_safely(session: Session, mini_directory: Path) -> None:
    first = load_directory(session, mini_directory)
    session.commit()
    second = load_directory(session, mini_directory)
    session.commit()
    assert (first.entries, first.version, second.version) == (2, 1, 2)
    assert session.exec(select(func.count()).select_from(Entry)).one() == 2
    assert session.exec(select(func.count()).select_from(EntryTranslation)).one() == 3


def test_english_falls_back_to_german_per_field(session: Session, mini_directory: Path) -> None:
    load_directory(session, mini_directory)
    view = get_entry(session, "kindergeld", "en")
    assert view.title == "Child benefit"
    assert view.status == "machine"
    assert view.fallback == []
    german_only = get_entry(session, "wohngeld", "en")
    assert german_only.title == "Wohngeld"
    assert "title" in german_only.fallback and german_only.status == "missing"


def test_changed_german_text_marks_translation_outdated(session: Session, mini_directory: Path) -> None:
    write_yaml(mini_directory / "entries/kindergeld/de.yaml", entry_texts(summary="Neuer Text."))
    summary = load_directory(session, mini_directory)
    assert summary.outdated == ["kindergeld/en"]
    assert get_entry(session, "kindergeld", "en").status == "outdated"


def test_removed_entry_is_archived_not_deleted(session: Session, mini_directory: Path) -> None:
    load_directory(session, mini_directory)
    session.commit()
    for path in (mini_directory / "entries/wohngeld").iterdir():
        path.unlink()
    (mini_directory / "entries/wohngeld").rmdir()
    summary = load_directory(session, mini_directory)
    assert summary.archived == ["wohngeld"]
    assert session.exec(select(Entry).where(Entry.slug == "wohngeld")).one().archived
    assert [v.slug for v in list_entries(session, "de")] == ["kindergeld"]


def _break(root: Path, relative: str, change) -> None:  # noqa: ANN001
    path = root / relative
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    write_yaml(path, data)


BROKEN = {
    "unknown field": (lambda r: _break(r, "entries/kindergeld/entry.yaml", lambda d: d.update(colour="red")),
                      "entries/kindergeld/entry.yaml", "kindergeld", "colour", "unknown field"),
    "unknown topic": (lambda r: _break(r, "entries/kindergeld/entry.yaml", lambda d: d.update(topics=["sports"])),
                      "entries/kindergeld/entry.yaml", "kindergeld", "topics[0]", "money"),
    "missing German title": (lambda r: _break(r, "entries/kindergeld/de.yaml", lambda d: d.pop("title")),
                             "entries/kindergeld/de.yaml", "kindergeld", "title", "required"),
    "malformed phone": (lambda r: _break(r, "entries/kindergeld/entry.yaml",
                                         lambda d: d["phones"][0].update(number="call us!")),
                        "entries/kindergeld/entry.yaml", "kindergeld", "phones[0].number", "not a phone number"),
    "malformed e-mail": (lambda r: _break(r, "entries/kindergeld/entry.yaml",
                                          lambda d: d.update(emails=[{"address": "a(at)x.de", "label_key": "mail"}])),
                         "entries/kindergeld/entry.yaml", "kindergeld", "emails[0].address", "not an e-mail"),
    "malformed slug": (lambda r: write_entry(r, "Kinder_Geld"),
                       "entries/Kinder_Geld", "Kinder_Geld", "slug", "malformed slug"),
    "bad YAML": (lambda r: (r / "entries/kindergeld/en.yaml").write_text("title: [unclosed\n", encoding="utf-8"),
                 "entries/kindergeld/en.yaml", "kindergeld", None, "not valid YAML (line"),
    "duplicate key": (lambda r: (r / "entries/kindergeld/en.yaml").write_text(
                          "title: A\ntitle: B\n", encoding="utf-8"),
                      "entries/kindergeld/en.yaml", "kindergeld", None, "duplicate key 'title'"),
    "duplicate topic slug": (lambda r: _break(r, "topics.yaml", lambda d: d.append(dict(d[0]))),
                             "topics.yaml", "money", "slug", "duplicate topic slug"),
    "missing German label": (lambda r: _break(r, "entries/kindergeld/de.yaml", lambda d: d["labels"].pop("hotline")),
                             "entries/kindergeld/de.yaml", "kindergeld", "labels.hotline", "label"),
    "missing de.yaml": (lambda r: (r / "entries/wohngeld/de.yaml").unlink(),
                        "entries/wohngeld/de.yaml", "wohngeld", "title", "German"),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_file_names_file_entry_field_and_changes_nothing(
    case: str, session: Session, mini_directory: Path
) -> None:
    load_directory(session, mini_directory)
    session.commit()
    before = _snapshot(session)
    breaker, file, entry, field, fragment = BROKEN[case]
    breaker(mini_directory)
    with pytest.raises(DirectoryInvalid) as info:
        load_directory(session, mini_directory)
    session.rollback()
    problems = info.value.problems
    assert any(
        p.file.endswith(file) and p.entry == entry and p.field == field and fragment in p.message
        for p in problems
    ), [str(p) for p in problems]
    assert _snapshot(session) == before


def test_all_problems_are_reported_at_once(mini_directory: Path) -> None:
    _break(mini_directory, "entries/kindergeld/entry.yaml", lambda d: d.update(kind="gift"))
    _break(mini_directory, "entries/wohngeld/entry.yaml", lambda d: d.update(sources=[]))
    with pytest.raises(DirectoryInvalid) as info:
        parse_directory(mini_directory)
    assert {p.entry for p in info.value.problems} == {"kindergeld", "wohngeld"}


def test_version_row_counts_loads(session: Session, mini_directory: Path) -> None:
    assert directory_version(session) == 0
    load_directory(session, mini_directory)
    assert session.get(DirectoryVersion, 1).version == 1


def test_new_entry_factory_defaults_are_valid(tmp_path: Path, mini_directory: Path) -> None:
    write_entry(mini_directory, "elterngeld", entry_facts(kind="benefit", topics=["money", "parenting-family"]))
    data = parse_directory(mini_directory)
    assert sorted(data.entries) == ["elterngeld", "kindergeld", "wohngeld"]
