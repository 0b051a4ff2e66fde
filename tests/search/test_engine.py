"""search(): validation, texts in the interface language, anonymous counting, one index per directory version."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlmodel import Session, select

from service.counters import NO_KNOWN_WORD
from service.directory.loader import load_directory
from service.errors import InvalidInput
from service.reports import DailyCounter
from service.search import Hit, SearchResponse, get_index, search
from tests.factories import entry_texts, write_entry

DAY = date(2026, 11, 26)


@pytest.fixture
def mini(db, mini_directory: Path) -> Session:
    with Session(db, expire_on_commit=False) as session:
        load_directory(session, mini_directory)
        session.commit()
        yield session


def _counts(session: Session) -> dict[tuple[str, str], int]:
    rows = session.exec(select(DailyCounter)).all()
    return {(row.event, row.query): row.count for row in rows}


@pytest.mark.parametrize("query,code", [("", "empty"), ("   \t ", "empty"), ("x" * 201, "too_long")])
def test_bad_queries_are_invalid_input(mini: Session, query: str, code: str) -> None:
    with pytest.raises(InvalidInput) as info:
        search(mini, query, "de")
    assert info.value.fields == {"q": code}


def test_a_typo_finds_the_entry_with_texts_in_the_interface_language(mini: Session) -> None:
    response = search(mini, "kindergelt", "en", record=False)
    assert isinstance(response, SearchResponse)
    assert response.hits[0] == Hit("kindergeld", "Child benefit", "Money for every child.",
                                   response.hits[0].score, "en")
    assert 0 < response.hits[0].score <= 1
    assert not response.weak


def test_missing_translation_falls_back_to_german_per_field(mini: Session) -> None:
    hit = search(mini, "wohngeld", "tr", record=False).hits[0]
    assert (hit.slug, hit.title, hit.summary, hit.lang) == ("wohngeld", "Wohngeld", "Hilfe für die Miete.", "tr")


def test_searches_are_counted_and_weak_ones_keep_only_known_words(mini: Session, counted) -> None:
    search(mini, "kindergeld", "de", today=DAY)
    weak = search(mini, "zzqx 0171 1234567 a@b.de", "de", today=DAY)
    assert weak.weak and weak.hits == []
    counted()
    assert _counts(mini) == {("search", ""): 2, ("search_empty", NO_KNOWN_WORD): 1}


def test_nothing_is_counted_without_record(mini: Session) -> None:
    search(mini, "zzqx", "de", record=False)
    assert _counts(mini) == {}


def test_the_index_is_rebuilt_when_the_directory_version_changes(mini: Session, mini_directory: Path) -> None:
    first = get_index(mini)
    assert get_index(mini) is first
    write_entry(mini_directory, "elterngeld", texts={"de": entry_texts("Elterngeld", keywords=["elterngeld"])})
    load_directory(mini, mini_directory)
    mini.commit()
    assert get_index(mini) is not first
    assert search(mini, "elterngeld", "de", record=False).hits[0].slug == "elterngeld"


def test_a_change_by_another_process_is_seen_after_the_check_interval(mini: Session, monkeypatch) -> None:
    import time

    from sqlalchemy import text

    from service.search import engine

    monkeypatch.setattr(engine, "CHECK_EVERY", 0.2)
    monkeypatch.setattr(engine, "_indexes", {})
    first = get_index(mini)
    mini.execute(text("UPDATE directory_version SET version = version + 1"))  # as another process would
    mini.commit()
    assert get_index(mini) is first  # the version is not read on every search
    time.sleep(0.25)
    assert get_index(mini) is not first


def test_the_index_is_built_once_for_many_threads(mini: Session, db, monkeypatch) -> None:
    import threading
    import time
    from concurrent.futures import ThreadPoolExecutor

    from service.search import engine

    builds = []
    real_build = engine.build_searchable

    def slow_build(session: Session):
        builds.append(threading.get_ident())
        time.sleep(0.05)  # let the other threads arrive while this one builds
        return real_build(session)

    monkeypatch.setattr(engine, "build_searchable", slow_build)
    monkeypatch.setattr(engine, "_indexes", {})

    def one(_: int):
        with Session(db) as session:
            return get_index(session)

    with ThreadPoolExecutor(8) as pool:
        indexes = list(pool.map(one, range(8)))
    assert len(builds) == 1
    assert all(index is indexes[0] for index in indexes)


def test_kind_and_confidence(mini: Session) -> None:
    found = search(mini, "kindergeld", "de", record=False)
    assert (found.kind, found.confident, found.weak) == ("match", True, False)
    nothing = search(mini, "zzqx", "de", record=False)
    assert (nothing.kind, nothing.confident, nothing.weak) == ("weak", False, True)
    hello = search(mini, "Hallo!", "de", record=False)
    assert (hello.kind, hello.confident, hello.hits, hello.suggestions) == ("greeting", False, [], [])


def test_an_unmet_search_is_one_that_is_not_confident(mini: Session, counted) -> None:
    search(mini, "danke", "de", today=DAY)
    counted()
    assert _counts(mini) == {("search", ""): 1, ("search_empty", NO_KNOWN_WORD): 1}


def test_only_directory_words_keeps_out_names_streets_and_numbers(mini: Session) -> None:
    from service.search import only_directory_words

    assert only_directory_words(mini, "Kindergeld")
    assert only_directory_words(mini, "  kindergeld  ")
    for personal in ("Kindergeld Zeynep", "kindergeld 0170 5551234", "Gartenstrasse 12", "a@b.de kindergeld"):
        assert not only_directory_words(mini, personal), personal
    assert search(mini, "Kindergeld", "de", record=False).only_directory_words
    assert not search(mini, "Kindergeld Zeynep", "de", record=False).only_directory_words


def test_record_search_counts_like_a_search(mini: Session, counted) -> None:
    from service.search import record_search

    record_search(search(mini, "kindergeld", "de", record=False), "de", DAY)
    record_search(search(mini, "zzqx kindergeld", "de", record=False), "de", DAY)
    counted()
    assert _counts(mini) == {("search", ""): 2, ("search_empty", "kindergeld"): 1}
