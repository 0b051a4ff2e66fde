"""The search page: results with title and summary, never a dead end, odd input never breaks it."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import Session, select

from service import counters
from service.directory.apply import bump_directory_version
from service.directory.models import Entry, EntryTranslation
from service.reports.counters import DailyCounter


def test_results_link_to_entries_in_the_page_language(client, loaded) -> None:
    html = client.get("/de/search?q=Kindergeld").get_data(as_text=True)
    assert 'href="/de/e/kindergeld"' in html
    assert "Ergebnis" in html
    html = client.get("/ar/search?q=Kindergeld").get_data(as_text=True)
    assert 'href="/ar/e/kindergeld"' in html and "إعانة الطفل" in html


def test_no_dead_end_when_nothing_fits(client, loaded) -> None:
    html = client.get("/uk/search?q=xqzzyvvw").get_data(as_text=True)
    assert "Я не впевнений, що правильно зрозумів «xqzzyvvw»." in html
    assert 'href="/uk/topics/money"' in html and 'href="/uk/kitas/loevenich/book"' in html


def test_not_sure_screen_shows_weak_hits_as_maybe_with_topics_a_talk_and_the_wish_form(client, loaded) -> None:
    html = client.get("/de/search?q=Sam").get_data(as_text=True)  # a name: some weak hits, none sure
    assert "Ich bin nicht sicher, ob ich „Sam“ richtig verstanden habe." in html
    assert 'class="cards maybe"' in html and "Vielleicht passt eines davon:" in html
    assert 'href="/de/topics/money"' in html and 'href="/de/kitas/loevenich/book"' in html
    if "feedback" in client.application.blueprints:
        assert 'name="kind" value="search"' in html
    assert "Ergebnis" not in html


def test_a_sure_answer_lists_results_without_the_not_sure_screen(client, loaded) -> None:
    html = client.get("/de/search?q=Kinderarzt").get_data(as_text=True)
    assert 'href="/de/e/gesundheit-kind"' in html and "Ergebnis" in html
    assert "nicht sicher" not in html and 'class="cards maybe"' not in html


@pytest.mark.parametrize("lang,query,hello", [("de", "Hallo", "Hallo!"), ("ar", "مرحبا", "مرحبًا!"),
                                              ("tr", "teşekkürler", "Merhaba!")])
def test_hello_gets_a_greeting_with_the_menu(client, loaded, lang: str, query: str, hello: str) -> None:
    html = client.get(f"/{lang}/search", query_string={"q": query}).get_data(as_text=True)
    assert hello in html and f'href="/{lang}/topics/money"' in html and "/kitas/loevenich/book" in html
    assert "cards" not in html.split("</form>", 1)[1].split('class="topics"')[0]  # no results, no "maybe"


def test_empty_query_shows_the_topics(client, loaded) -> None:
    html = client.get("/de/search?q=+").get_data(as_text=True)
    assert 'href="/de/topics/money"' in html and "Nichts gefunden" not in html


@pytest.mark.parametrize("query", ["a" * 5000, "\x00", "%", "<script>alert(1)</script>", "☃" * 300, "' OR 1=1 --",
                                   "{{ 7*7 }}", "%(name)s"])
def test_odd_queries_never_break(client, loaded, query: str) -> None:
    response = client.get("/de/search", query_string={"q": query})
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html and ">49<" not in html


def test_searches_are_counted(counting_client, loaded) -> None:
    counting_client.get("/fa/search?q=Kindergeld")
    counting_client.get("/fa/search?q=xqzzyvvw")
    counters.flush()
    with Session(loaded) as session:
        rows = session.exec(select(DailyCounter).where(DailyCounter.day == date.today())).all()
        counts = {(row.event, row.lang): row.count for row in rows}
    assert counts == {("search", "fa"): 2, ("search_empty", "fa"): 1}


@pytest.mark.parametrize("path", ["/de/e/%00", "/de/topics/nope", "/de/kitas/%FF", "/../etc/passwd", "/de/e/a/b/c",
                                  "/de/e/kindergeld/qr.svg?src=%00", "/static/../service/config.py", "/de//",
                                  "/%D8%B9/", "/de/search?q=%ED%A0%80"])
def test_odd_paths_are_never_a_server_error(client, loaded, path: str) -> None:
    assert client.get(path).status_code < 500


def test_only_searches_of_directory_words_are_kept_and_every_one_is_counted(counting_client, loaded) -> None:
    app = counting_client.application
    app.config["PAGE_CACHE"] = True  # as in production
    kept = app.extensions["wegweiser_search_pages"]
    first = counting_client.get("/de/search?q=Kindergeld").get_data(as_text=True)
    assert counting_client.get("/de/search?q=Kindergeld").get_data(as_text=True) == first
    assert kept.last_good(("search", "de", "Kindergeld"))[0].data.decode() == first
    personal = "Zeynep Yilmaz Gartenstrasse 12 Kindergeld 0170 5551234"
    html = counting_client.get("/de/search", query_string={"q": personal}).get_data(as_text=True)
    assert "Zeynep" in html  # the parent sees what she typed, and nothing of it stays
    assert len(kept) == 1 and kept.last_good(("search", "de", personal)) is None
    counters.flush()
    with Session(loaded) as session:
        rows = session.exec(select(DailyCounter).where(DailyCounter.day == date.today(),
                                                       DailyCounter.event == "search")).all()
    assert sum(row.count for row in rows) == 3


def test_a_kept_search_page_follows_the_directory(app, loaded) -> None:
    app.config["PAGE_CACHE"] = True
    app.extensions["wegweiser_search_pages"].check_every = 0
    client = app.test_client()
    assert "Kindergeld" in client.get("/de/search?q=Kindergeld").get_data(as_text=True)
    with Session(loaded) as session:
        entry = session.exec(select(Entry).where(Entry.slug == "kindergeld")).one()
        row = session.exec(select(EntryTranslation).where(EntryTranslation.entry_id == entry.id,
                                                          EntryTranslation.lang == "de")).one()
        row.title = "Kindergeld der Familienkasse"
        session.add(row)
        bump_directory_version(session)
        session.commit()
    assert "Kindergeld der Familienkasse" in client.get("/de/search?q=Kindergeld").get_data(as_text=True)
