"""Edit verbs: revisions, marks, the directory version, German edits outdating translations, restore."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import Session, select

from service.curation.models import EditMark, Revision
from service.curation.operations import (
    create_entry,
    edit_entry_facts,
    edit_entry_text,
    edit_kita_text,
    edit_page,
    edit_topic,
    history,
    last_review,
    mark_reviewed,
    restore_revision,
)
from service.curation.records import read_record
from service.directory.loader import load_directory
from service.directory.queries import directory_version, get_entry
from service.errors import Conflict, InvalidInput, NotFound
from tests.factories import entry_facts, write_yaml


@pytest.fixture
def mini(session: Session, mini_directory: Path) -> Session:
    page = {"status": "reviewed", "title": "Datenschutz", "body": "Text."}
    write_yaml(mini_directory / "pages/privacy/de.yaml", page)
    load_directory(session, mini_directory)
    session.commit()
    return session


def test_edit_keeps_revision_mark_and_moves_version(mini: Session) -> None:
    version = directory_version(mini)
    saved = edit_entry_text(mini, "kindergeld", "en", {"summary": "Money for each child, every month."},
                            "anna.k", "clearer")
    mini.commit()
    assert directory_version(mini) == version + 1
    assert get_entry(mini, "kindergeld", "en").summary == "Money for each child, every month."
    revision = saved.revision
    assert (revision.author, revision.comment, revision.fields) == ("anna.k", "clearer", ["summary"])
    assert revision.before["summary"] == "Money for every child."
    mark = mini.exec(select(EditMark)).one()
    assert (mark.kind, mark.slug, mark.lang, mark.fields) == ("entry", "kindergeld", "en", ["summary"])


def test_unchanged_save_keeps_no_revision(mini: Session) -> None:
    saved = edit_entry_text(mini, "kindergeld", "en", {"summary": "Money for every child."}, "anna.k")
    assert saved.revision is None and mini.exec(select(Revision)).all() == []


def test_german_edit_makes_translations_outdated(mini: Session) -> None:
    assert get_entry(mini, "kindergeld", "en").status == "machine"
    saved = edit_entry_text(mini, "kindergeld", "de", {"summary": "Neuer Text."}, "anna.k")
    assert saved.outdated == ["en"]
    assert get_entry(mini, "kindergeld", "en").status == "outdated"
    again = edit_entry_text(mini, "kindergeld", "en", {"summary": "New text."}, "olena")
    assert get_entry(mini, "kindergeld", "en").status == "machine"
    assert again.revision.after["source_hash"] != again.revision.before["source_hash"]


def test_mark_reviewed_records_reviewer(mini: Session) -> None:
    mark_reviewed(mini, "entry", "kindergeld", "en", "olena")
    mini.commit()
    assert get_entry(mini, "kindergeld", "en").status == "reviewed"
    review = last_review(mini, "entry", "kindergeld", "en")
    assert review.author == "olena" and review.created_at is not None


def test_facts_edit_changes_amount_and_as_of(mini: Session) -> None:
    facts = read_record(mini, "facts", "kindergeld")
    facts["amounts"][0].update(amount=265, as_of="2027-01-01")
    saved = edit_entry_facts(mini, "kindergeld", {"amounts": facts["amounts"]}, "anna.k", "2027")
    assert saved.revision.fields == ["amounts"]
    amounts = get_entry(mini, "kindergeld", "de").facts["amounts"]
    assert amounts[0]["amount"] == 265 and amounts[0]["as_of"] == "2027-01-01"


def test_facts_need_a_german_label(mini: Session) -> None:
    facts = read_record(mini, "facts", "kindergeld")
    with pytest.raises(InvalidInput) as err:
        edit_entry_facts(mini, "kindergeld", {"links": [{"url": "https://example.org", "label_key": "new_link"}]},
                         "anna.k")
    assert "labels" in err.value.fields
    with pytest.raises(InvalidInput):
        edit_entry_facts(mini, "kindergeld", {**facts, "amounts": [{"amount": -1}]}, "anna.k")


def test_kita_page_and_topic_edits(mini: Session) -> None:
    edit_kita_text(mini, "loevenich", "en", {"summary": "Kita in Lövenich.", "status": "machine"}, "anna.k")
    edit_page(mini, "privacy", "de", {"body": "Neuer Text."}, "anna.k")
    edit_topic(mini, "money", {"names": {"de": "Geld", "en": "Money matters"}}, "anna.k")
    assert read_record(mini, "kita", "loevenich", "en")["summary"] == "Kita in Lövenich."
    assert read_record(mini, "page", "privacy", "de")["body"] == "Neuer Text."
    assert read_record(mini, "topic", "money")["names"]["en"] == "Money matters"
    with pytest.raises(NotFound):
        edit_topic(mini, "sports", {"names": {"de": "Sport"}}, "anna.k")


def test_new_entry_and_restore(mini: Session) -> None:
    texts = {"title": "Elterncafé", "summary": "Treffen für Eltern.", "labels": {"hotline": "Telefon"}}
    facts = entry_facts(kind="service", amounts=[], topics=["parenting-family"])
    create_entry(mini, "elterncafe", facts, texts, "anna.k", "new")
    mini.commit()
    assert get_entry(mini, "elterncafe", "de").title == "Elterncafé"
    with pytest.raises(Conflict):
        create_entry(mini, "elterncafe", facts, texts, "anna.k")
    with pytest.raises(InvalidInput):
        create_entry(mini, "Bad_Slug", facts, texts, "anna.k")
    first = edit_entry_text(mini, "elterncafe", "de", {"title": "Elterncafé am Markt"}, "anna.k").revision
    edit_entry_text(mini, "elterncafe", "de", {"title": "Elterncafé (neu)"}, "anna.k")
    restore_revision(mini, first.id, "boris")
    assert get_entry(mini, "elterncafe", "de").title == "Elterncafé am Markt"
    revisions = history(mini, "entry", "elterncafe", "de")
    assert [r.action for r in revisions] == ["restore", "edit", "edit", "create"]
    assert revisions[0].author == "boris"
