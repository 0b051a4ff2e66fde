"""service.counters: off the request path, aggregated per process or in Redis, never free text."""

from __future__ import annotations

import logging
import time
import uuid
from datetime import date

import pytest
from sqlalchemy import insert
from sqlmodel import Session, select

from service import counters
from service.counters import NO_KNOWN_WORD, RedisSink, Tally, make_key, terms_value
from service.reports import DailyCounter, DatabaseWriter
from service.reports.counters import fold_queries

DAY = date(2026, 12, 6)


def _rows(engine) -> dict[tuple, int]:  # noqa: ANN001
    with Session(engine) as session:
        return {(r.event, r.entry, r.topic, r.lang, r.query): r.count for r in session.exec(select(DailyCounter))}


def test_only_letter_words_are_kept_as_terms() -> None:
    assert terms_value(["wohngeld", "12", "0170", "antrag", "wohngeld", "a@b"]) == "antrag wohngeld"
    assert terms_value([]) == NO_KNOWN_WORD


@pytest.mark.parametrize("dims", [{"query": "Zeynep Yilmaz"}, {"name": "Ayşe"}, {"phone": "0170"}])
def test_free_text_and_unknown_dimensions_are_refused(dims) -> None:
    with pytest.raises(ValueError):
        make_key("search_empty", DAY, dict(dims))
    with pytest.raises(ValueError):
        counters.count("click", DAY)


def test_counts_wait_in_memory_until_flushed(db, counted) -> None:
    for _ in range(500):
        counters.count("entry_view", DAY, entry="kindergeld", topic="money", lang="ar")
    counters.count("finder", DAY, lang="uk")
    assert _rows(db) == {}
    assert counted() == 2
    assert _rows(db) == {("entry_view", "kindergeld", "money", "ar", ""): 500, ("finder", "", "", "uk", ""): 1}
    counters.count("finder", DAY, lang="uk")
    counted()
    assert _rows(db)[("finder", "", "", "uk", "")] == 2


def test_a_flusher_thread_writes_in_the_background(db, database_url) -> None:
    counters.configure(DatabaseWriter(database_url), every=0.05)
    try:
        counters.count("search", DAY, lang="de")
        deadline = time.monotonic() + 10
        while not _rows(db) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _rows(db) == {("search", "", "", "de", ""): 1}
    finally:
        counters.configure(None)


def test_a_failing_database_keeps_the_counts_and_complains_once(db, database_url, caplog) -> None:
    writer = DatabaseWriter(database_url)
    broken = {"on": True}

    def write(batch):  # noqa: ANN001, ANN202
        if broken["on"]:
            raise ConnectionError("database away")
        writer(batch)

    tally = Tally(write, every=3600)
    with caplog.at_level(logging.WARNING, logger="wegweiser.counters"):
        for _ in range(3):
            tally.add(make_key("search", DAY, {"lang": "tr"}))
            assert tally.flush() == 0
        broken["on"] = False
        assert tally.flush() == 1
    tally.stop()
    writer.close()
    assert _rows(db) == {("search", "", "", "tr", ""): 3}
    lines = [r.getMessage() for r in caplog.records]
    assert sum("could not write" in line for line in lines) == 1 and any("writing again" in x for x in lines)
    assert not any(r.exc_info for r in caplog.records)


def _redis_url() -> str:
    import redis

    url = "redis://127.0.0.1:6379/0"
    try:
        redis.Redis.from_url(url, socket_connect_timeout=0.5).ping()
    except redis.RedisError as exc:
        pytest.skip(f"Redis does not answer: {exc}")
    return url


def test_redis_gathers_every_process_and_one_flush_writes_it(db, database_url) -> None:
    url, prefix = _redis_url(), f"test:counters:{uuid.uuid4().hex}"
    first = RedisSink(url, DatabaseWriter(database_url), prefix=prefix)
    second = RedisSink(url, DatabaseWriter(database_url), prefix=prefix)
    try:
        second.client.set(second.lock_key, "other", ex=60)  # another process is flushing: ours only adds
        first({make_key("booking", DAY, {"kita": "loevenich"}): 2})
        assert _rows(db) == {} and first.client.exists(prefix)
        second.client.delete(second.lock_key)
        second({make_key("booking", DAY, {"kita": "loevenich"}): 1})
        assert _rows(db) == {("booking", "", "", "", ""): 3}
        assert not first.client.exists(prefix)
    finally:
        first.client.delete(prefix, first.lock_key)
        first.close()
        second.close()


def test_a_web_page_view_writes_nothing_and_counts_its_first_topic(client, loaded, counted) -> None:
    assert client.get("/de/e/kindergeld").status_code == 200
    assert _rows(loaded) == {}
    counted()
    assert _rows(loaded) == {("entry_view", "kindergeld", "money", "de", ""): 1}


def test_an_unmet_search_keeps_only_directory_words(client, loaded, counted) -> None:
    personal = "Zeynep Yilmaz Gartenstrasse 12 0170 5551234"
    client.get("/api/v1/search", query_string={"q": personal, "lang": "de"})
    client.get("/api/v1/search", query_string={"q": "Wohngeld Yilmaz 0170 5551234 zzqx", "lang": "de"})
    counted()
    stored = " ".join(str(key) for key in _rows(loaded))
    for word in personal.lower().split():
        assert word not in stored
    empty = {key[4]: n for key, n in _rows(loaded).items() if key[0] == "search_empty"}
    assert set(empty) <= {NO_KNOWN_WORD, "wohngeld"} and NO_KNOWN_WORD in empty


def test_the_migration_folds_stored_texts_into_terms(loaded) -> None:
    table = DailyCounter.__table__
    old = [("zeynep yilmaz gartenstrasse", 3), ("kindergeld antrag yilmaz", 2), ("antrag kindergeld", 1),
           ("wohngeld", 4)]
    with loaded.begin() as conn:
        conn.execute(insert(table), [{"day": DAY, "event": "search_empty", "lang": "de", "query": q, "count": n,
                                      "topic": "", "entry": "", "kita": "", "source": ""} for q, n in old])
        conn.execute(insert(table), [{"day": DAY, "event": "search", "lang": "de", "query": "", "count": 10,
                                      "topic": "", "entry": "", "kita": "", "source": ""}])
        assert fold_queries(conn) == 4
    with loaded.begin() as conn:
        assert fold_queries(conn) == 3  # repeating changes nothing
    folded = {key[4]: n for key, n in _rows(loaded).items() if key[0] == "search_empty"}
    assert folded == {NO_KNOWN_WORD: 3, "antrag kindergeld": 3, "wohngeld": 4}
    assert _rows(loaded)[("search", "", "", "de", "")] == 10
