"""The entry page: sections, Babel formatting, tel: links, notices, share box, QR code, print view, counters."""

from __future__ import annotations

import gzip
import re
from datetime import date

import pytest
import segno
from sqlmodel import Session, select

from service import counters
from service.directory.hashing import source_hash
from service.directory.loader import load_directory
from service.reports.counters import DailyCounter
from tests.factories import entry_texts, write_entry
from tests.web.conftest import html_attr


def test_german_entry_shows_the_six_sections_formatted(client, mini_loaded) -> None:
    html = client.get("/de/e/kindergeld").get_data(as_text=True)
    for heading in ("Ist das für mich?", "Was Sie bekommen", "So beantragen Sie es",
                    "Wo und wen Sie anrufen"):
        assert f">{heading}</h2>" in html
    assert "259\xa0€ im Monat" in html and "Stand: 1. Januar 2026" in html
    assert 'href="tel:+498004555530"' in html and "0800 4 5555 30" in html
    assert "<li>Antrag ausfüllen.</li><li>Antrag abschicken.</li>" in html
    assert 'href="/de/kitas/loevenich/book"' in html


def test_real_entry_has_legal_basis_hours_and_deadlines(client, loaded) -> None:
    html = client.get("/de/e/kindergeld").get_data(as_text=True)
    assert "Rechtsgrundlage:" in html and "§ 62 EStG" in html
    assert ">Fristen</h2>" in html and "6 Monate" in html
    html = client.get("/de/e/bildung-und-teilhabe").get_data(as_text=True)
    assert "Nur mit Termin" in html
    assert "195\xa0€ im Jahr" in html and "130\xa0€ einmalig" in html


def test_amounts_follow_the_language(client, loaded) -> None:
    assert "€259 per month" in client.get("/en/e/kindergeld").get_data(as_text=True)
    assert "259\xa0€ شهريًا" in client.get("/ar/e/kindergeld").get_data(as_text=True)
    assert "259\xa0€ в месяц" in client.get("/ru/e/kindergeld").get_data(as_text=True)


def test_machine_translation_notice(client, mini_loaded) -> None:
    html = client.get("/en/e/kindergeld").get_data(as_text=True)
    assert "translated by machine" in html
    assert "translated by machine" not in client.get("/de/e/kindergeld").get_data(as_text=True)


def test_german_fallback_is_marked_and_announced(client, mini_loaded) -> None:
    html = client.get("/tr/e/wohngeld").get_data(as_text=True)
    assert "Bu sayfanın bazı bölümleri henüz sizin dilinizde yok." in html
    assert '<h1 lang="de" dir="ltr">Wohngeld</h1>' in html
    assert html_attr(html, "html", "lang") == "tr"


def test_outdated_translation_notice(client, db, mini_directory) -> None:
    german = entry_texts("Elterngeld", summary="Geld für Eltern.")
    english = entry_texts("Parental allowance", status="reviewed", source_hash=source_hash(german))
    write_entry(mini_directory, "elterngeld", texts={"de": german, "en": english})
    changed = dict(german, summary="Geld für Eltern nach der Geburt.")
    write_entry(mini_directory, "elterngeld", texts={"de": changed, "en": english})
    with Session(db) as session:
        load_directory(session, mini_directory)
        session.commit()
    html = client.get("/en/e/elterngeld").get_data(as_text=True)
    assert "The German text has changed since this translation was made" in html


def test_share_box(client, mini_loaded) -> None:
    html = client.get("/ar/e/kindergeld").get_data(as_text=True)
    assert 'value="http://wegweiser.test/ar/e/kindergeld?src=share"' in html
    assert 'src="/ar/e/kindergeld/qr.svg"' in html
    assert "https://wa.me/?text=" in html and "https://t.me/share/url?url=http%3A%2F%2Fwegweiser.test" in html
    assert 'href="/ar/e/kindergeld/print"' in html
    assert "data-copy=" in html and "data-read-aloud" in html
    assert "t.me/" not in html.split("https://t.me/share/url")[0]  # no bot link without a bot username


def test_bot_deep_link_needs_the_username(settings, db, mini_directory) -> None:
    from service.web import create_app

    with Session(db) as session:
        load_directory(session, mini_directory)
        session.commit()
    app = create_app(settings.replace(telegram_bot_username="WegweiserBot"))
    html = app.test_client().get("/uk/e/kindergeld").get_data(as_text=True)
    assert 'href="https://t.me/WegweiserBot?start=e_uk_kindergeld"' in html
    app.extensions["wegweiser"].engine.dispose()


def test_qr_code_encodes_the_absolute_link(client, mini_loaded) -> None:
    response = client.get("/de/e/kindergeld/qr.svg")
    assert response.status_code == 200 and response.mimetype == "image/svg+xml"
    svg = response.get_data(as_text=True)
    expected = segno.make("http://wegweiser.test/de/e/kindergeld?src=qr", error="m")
    path = re.search(r' d="([^"]+)"', svg).group(1)
    assert path in expected.svg_inline(border=2)
    assert client.get("/de/e/nope/qr.svg").status_code == 404


@pytest.mark.parametrize("lang,direction", [("de", "ltr"), ("ar", "rtl"), ("fa", "rtl")])
def test_print_view(client, mini_loaded, lang: str, direction: str) -> None:
    html = client.get(f"/{lang}/e/kindergeld/print").get_data(as_text=True)
    assert html_attr(html, "html", "dir") == direction
    assert '<svg' in html and 'class="qr"' in html
    assert f"http://wegweiser.test/{lang}/e/kindergeld" in html
    assert "print.css" in html


def _counts(db) -> dict[tuple[str, str, str], int]:
    with Session(db) as session:
        rows = session.exec(select(DailyCounter).where(DailyCounter.day == date.today())).all()
        return {(r.event, r.entry, r.source): r.count for r in rows}


def test_views_and_share_opens_are_counted(counting_client, db, mini_directory) -> None:
    with Session(db) as session:
        load_directory(session, mini_directory)
        session.commit()
    counting_client.get("/de/e/kindergeld")
    counting_client.get("/de/e/kindergeld?src=qr")
    counting_client.get("/ar/e/kindergeld?src=share")
    counting_client.get("/de/e/kindergeld?src=evil")
    counters.flush()
    counts = _counts(db)
    assert counts[("entry_view", "kindergeld", "")] == 2
    assert counts[("entry_view", "kindergeld", "qr")] == 1
    assert counts[("share_open", "kindergeld", "qr")] == 1
    assert counts[("share_open", "kindergeld", "share")] == 1
    assert ("share_open", "kindergeld", "evil") not in counts and ("share_open", "kindergeld", "") not in counts


def test_nothing_is_counted_when_analytics_are_off(settings, mini_loaded, db) -> None:
    from service.web import create_app

    app = create_app(settings.replace(analytics_enabled=False))
    app.test_client().get("/de/e/kindergeld?src=qr")
    counters.flush()
    app.extensions["wegweiser"].engine.dispose()
    assert _counts(db) == {}


def test_every_entry_page_is_small(client, loaded) -> None:
    slugs = [item["slug"] for item in client.get("/api/v1/entries?lang=de").get_json()]
    assert len(slugs) >= 10
    for lang in ("de", "ar"):
        for slug in slugs:
            response = client.get(f"/{lang}/e/{slug}", headers={"Accept-Encoding": "gzip"})
            assert response.headers["Content-Encoding"] == "gzip"
            assert len(response.data) <= 60 * 1024, (lang, slug, len(response.data))
            assert len(gzip.decompress(response.data)) > len(response.data)


def test_amounts_are_read_aloud_as_one_sentence(client, loaded) -> None:
    html = client.get("/de/e/kindergeld").get_data(as_text=True)
    said = re.findall(r'<li data-say="([^"]+)"><span class="label">', html)
    assert said and all(": " in s and "€" in s and " – " in s for s in said), said
