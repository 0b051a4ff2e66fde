"""The second format of the directory data: short titles, hours as data, amounts with an end date, the glossary."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlmodel import Session, select

from service.directory.loader import DirectoryInvalid, load_directory, parse_directory
from service.directory.models import Entry, EntryTranslation, GlossaryConcept
from tests.factories import entry_facts, entry_texts, write_entry, write_yaml

RULES = [{"days": ["mo", "tu", "we", "th", "fr"], "from": "09:00", "to": "17:00"},
         {"days": ["tu", "th"], "from": "17:00", "to": "19:00", "label_key": "late"}]


def _problems(root: Path) -> str:
    with pytest.raises(DirectoryInvalid) as caught:
        parse_directory(root)
    return str(caught.value)


def test_hours_short_titles_and_end_dates_load_and_are_stored(session: Session, mini_directory: Path) -> None:
    facts = entry_facts(
        phones=[{"number": "0800 111 0 550", "label_key": "hotline", "hours": RULES},
                {"number": "110", "label_key": "police", "hours": {"always": True}}],
        locations=[{"name": "Amt", "hours": {"by_appointment": True}},
                   {"name": "Altes Format", "opening_hours": [{"days": ["mo"], "opens": "08:00", "closes": "12:00"}]}],
        amounts=[{"label_key": "per_child", "amount": 259, "per": "month", "as_of": "2026-01-01",
                  "valid_until": "2026-12-31"},
                 {"label_key": "per_child", "amount": 265, "per": "month", "as_of": "2027-01-01"}],
    )
    labels = {"per_child": "pro Kind", "hotline": "Hotline", "police": "Polizei", "late": "Di/Do länger"}
    write_entry(mini_directory, "kindergeld", facts,
                {"de": entry_texts(short_title="Kindergeld", labels=labels)})
    load_directory(session, mini_directory)
    entry = session.exec(select(Entry).where(Entry.slug == "kindergeld")).one()
    assert entry.phones[0]["hours"] == RULES
    assert entry.phones[1]["hours"] == {"always": True}
    assert entry.locations[0]["hours"] == {"by_appointment": True}
    assert entry.locations[1]["hours"] == [{"days": ["mo"], "from": "08:00", "to": "12:00"}]
    assert [a.get("valid_until") for a in entry.amounts] == ["2026-12-31", None]
    row = session.exec(select(EntryTranslation).where(EntryTranslation.entry_id == entry.id,
                                                      EntryTranslation.lang == "de")).one()
    assert row.short_title == "Kindergeld"


def test_unquoted_yaml_times_are_read_as_times(mini_directory: Path) -> None:
    folder = mini_directory / "entries" / "wohngeld"
    (folder / "entry.yaml").write_text(
        "kind: benefit\ntopics: [money]\nsources: [{title: Quelle}]\n"
        "phones:\n  - {number: '110', label_key: police, hours: [{days: [mo], from: 09:30, to: 17:00}]}\n",
        encoding="utf-8")
    write_yaml(folder / "de.yaml", entry_texts("Wohngeld", labels={"police": "Polizei"}))
    phone = parse_directory(mini_directory).entries["wohngeld"].facts.phones[0]
    assert phone.model_dump(mode="json", exclude_none=True)["hours"] == [
        {"days": ["mo"], "from": "09:30", "to": "17:00"}]


@pytest.mark.parametrize("hours,message", [
    ([{"days": ["mo"], "from": "17:00", "to": "09:00"}], "must be after"),
    ([{"days": ["xx"], "from": "09:00", "to": "17:00"}], "hours"),
    ([{"days": [], "from": "09:00", "to": "17:00"}], "hours"),
    ({"always": False}, "hours"),
    ({"sometimes": True}, "hours"),
])
def test_malformed_hours_are_refused(mini_directory: Path, hours: object, message: str) -> None:
    write_entry(mini_directory, "kindergeld", entry_facts(phones=[{"number": "110", "label_key": "per_child",
                                                                   "hours": hours}]), {"de": entry_texts()})
    assert message in _problems(mini_directory)


def test_a_label_key_on_hours_needs_a_german_label(mini_directory: Path) -> None:
    write_entry(mini_directory, "kindergeld", entry_facts(phones=[{"number": "110", "label_key": "per_child",
                                                                   "hours": RULES}]), {"de": entry_texts()})
    assert "labels.late" in _problems(mini_directory)


def test_short_title_is_at_most_32_characters(mini_directory: Path) -> None:
    write_entry(mini_directory, "kindergeld", entry_facts(), {"de": entry_texts(short_title="K" * 33)})
    assert "short_title" in _problems(mini_directory)


def test_valid_until_before_as_of_is_refused(mini_directory: Path) -> None:
    amounts = [{"label_key": "per_child", "amount": 259, "per": "month", "as_of": "2026-01-01",
                "valid_until": "2025-12-31"}]
    write_entry(mini_directory, "kindergeld", entry_facts(amounts=amounts), {"de": entry_texts()})
    assert "valid_until is before as_of" in _problems(mini_directory)


def test_glossary_loads_updates_and_drops_concepts(session: Session, mini_directory: Path) -> None:
    glossary = [{"concept": "kindergeld", "de": "Kindergeld", "terms": {"ru": "детское пособие"},
                 "avoid": {"ru": ["детские деньги"]}},
                {"concept": "kita", "de": "Kita", "terms": {"ar": "حضانة"}}]
    write_yaml(mini_directory / "glossary.yaml", glossary)
    load_directory(session, mini_directory)
    rows = session.exec(select(GlossaryConcept).order_by(GlossaryConcept.position)).all()
    assert [(r.concept, r.terms, r.avoid) for r in rows] == [
        ("kindergeld", {"ru": "детское пособие"}, {"ru": ["детские деньги"]}), ("kita", {"ar": "حضانة"}, {})]
    write_yaml(mini_directory / "glossary.yaml", glossary[1:])
    load_directory(session, mini_directory)
    assert [r.concept for r in session.exec(select(GlossaryConcept))] == ["kita"]


@pytest.mark.parametrize("glossary,message", [
    ({"concept": "kita"}, "must be a list"),
    ([{"concept": "Kita_Platz", "de": "Kita"}], "no underscore"),
    ([{"concept": "kita", "de": "Kita", "terms": {"xx": "?"}}], "unknown language"),
    ([{"concept": "kita", "de": "Kita"}, {"concept": "kita", "de": "Kita"}], "duplicate concept"),
    ([{"concept": "kita", "de": "Kita", "extra": 1}], "unknown field"),
])
def test_malformed_glossary_is_refused(mini_directory: Path, glossary: object, message: str) -> None:
    write_yaml(mini_directory / "glossary.yaml", glossary)
    assert message in _problems(mini_directory)


def test_dates_in_the_data_are_dates() -> None:
    from service.directory.schema import AmountData

    amount = AmountData.model_validate({"label_key": "x", "amount": 1, "per": "once", "as_of": "2026-01-01",
                                        "valid_until": "2026-12-31"})
    assert amount.valid_until == dt.date(2026, 12, 31)


def test_a_number_with_a_full_stop_ends_a_sentence_unless_it_is_an_ordinal() -> None:
    from service.directory.readability import sentences

    assert sentences("Rufen Sie 116 111. Das Opfer-Telefon hilft.") == [
        "Rufen Sie 116 111.", "Das Opfer-Telefon hilft."]
    assert sentences("Bis zum 18. Geburtstag, ab 1. Januar. Neu seit 2025. Ja.") == [
        "Bis zum 18. Geburtstag, ab 1. Januar.", "Neu seit 2025.", "Ja."]
    assert len(sentences("Hotline 0800 4 5555 30. Sie ist kostenlos.")) == 2


def test_a_long_german_summary_fails_on_its_own(tmp_path: Path) -> None:
    from service.directory.readability import check_directory

    long = "Dies ist ein sehr langer Satz mit vielen Wörtern, der einfach nicht enden will, bis er zwanzig Wörter hat."
    write_entry(tmp_path, "x", entry_facts(), {"de": entry_texts(summary=long, how_to_apply=["Kurz."] * 6)})
    assert [f.where for f in check_directory(tmp_path)] == ["x/de summary"]
