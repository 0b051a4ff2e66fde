"""Every public page in every language: status, <html lang dir>, alternates, switcher, emergency strip."""

from __future__ import annotations

import pytest

from service.i18n import LANGUAGE_CODES
from tests.web.conftest import html_attr, links

PAGES = ["/{lang}/", "/{lang}/search?q=kindergeld", "/{lang}/search?q=", "/{lang}/topics/money",
         "/{lang}/topics/crisis-protection", "/{lang}/kitas/loevenich", "/{lang}/about", "/{lang}/privacy",
         "/{lang}/imprint", "/{lang}/e/kita-sozialarbeit", "/{lang}/e/kita-sozialarbeit/print"]
RTL = {"ar", "fa"}


@pytest.mark.parametrize("lang", LANGUAGE_CODES)
def test_every_page_in_every_language(client, loaded, lang: str) -> None:
    for pattern in PAGES:
        url = pattern.format(lang=lang)
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.get_data(as_text=True)
        assert html_attr(html, "html", "lang") == lang, url
        assert html_attr(html, "html", "dir") == ("rtl" if lang in RTL else "ltr"), url
        numbers = ("110", "112", "116 016") if url.endswith("/print") else ("tel:110", "tel:112", "tel:116016")
        assert all(number in html for number in numbers), url


def test_root_negotiates_the_language(client) -> None:
    cases = {"ar,de;q=0.5": "/ar/", "kmr": "/ku/", "fa-AF": "/fa/", "uk-UA,uk;q=0.9": "/uk/", "xx": "/de/",
             "": "/de/", "fr;q=1, tr;q=0.8": "/tr/"}
    for header, target in cases.items():
        response = client.get("/", headers={"Accept-Language": header})
        assert response.status_code == 302
        assert response.headers["Location"] == target, header


def test_alias_in_the_url_redirects(client, loaded) -> None:
    response = client.get("/ua/e/kindergeld?src=qr")
    assert response.status_code == 301
    assert response.headers["Location"] == "/uk/e/kindergeld?src=qr"
    assert client.get("/kmr/").headers["Location"] == "/ku/"
    assert client.get("/DE/topics/money").headers["Location"] == "/de/topics/money"


def test_unknown_language_is_a_404_in_the_negotiated_language_with_search(client, loaded) -> None:
    response = client.get("/xx/e/kindergeld")
    assert response.status_code == 404
    html = response.get_data(as_text=True)
    assert html_attr(html, "html", "lang") == "de"
    assert "Diese Seite haben wir nicht gefunden." in html
    assert 'action="/de/search"' in html and 'name="q"' in html
    arabic = client.get("/xx/e/kindergeld", headers={"Accept-Language": "ar-SY,ar;q=0.9"})
    assert arabic.status_code == 404
    html = arabic.get_data(as_text=True)
    assert html_attr(html, "html", "lang") == "ar" and 'action="/ar/search"' in html


def test_slugs_in_capitals_redirect_to_the_canonical_address(client, loaded) -> None:
    assert client.get("/de/e/Kindergeld?src=qr").headers["Location"] == "/de/e/kindergeld?src=qr"
    assert client.get("/ar/topics/MONEY").headers["Location"] == "/ar/topics/money"
    assert client.get("/DE/kitas/Loevenich").headers["Location"] == "/de/kitas/loevenich"
    assert client.get("/de/e/Kinder_Geld").status_code == 404


def test_the_chosen_language_is_remembered_for_the_next_visit(client, loaded) -> None:
    page = client.get("/uk/topics/money", headers={"Accept-Language": "de"})
    cookies = page.headers.getlist("Set-Cookie")
    assert len(cookies) == 1 and cookies[0].startswith("lang=uk;") and "HttpOnly" in cookies[0]
    back = client.get("/", headers={"Accept-Language": "de"})
    assert back.headers["Location"] == "/uk/" and "Cookie" in back.headers["Vary"]
    assert not client.get("/uk/about").headers.getlist("Set-Cookie")  # unchanged: nothing more is written
    assert not client.get("/uk/e/no-such-entry").headers.getlist("Set-Cookie")


def test_unknown_entry_is_a_404_in_the_page_language(client, loaded) -> None:
    response = client.get("/ar/e/no-such-entry")
    assert response.status_code == 404
    html = response.get_data(as_text=True)
    assert html_attr(html, "html", "dir") == "rtl"
    assert "لم نتمكن من العثور على هذه الصفحة." in html
    assert 'action="/ar/search"' in html


def test_errors_answer_json_when_asked(client, loaded) -> None:
    response = client.get("/de/e/no-such-entry", headers={"Accept": "application/json"})
    assert response.status_code == 404
    assert response.get_json()["error"]["code"] == "not_found"


def test_alternates_and_open_graph(client, loaded) -> None:
    html = client.get("/de/e/kindergeld?src=share").get_data(as_text=True)
    for code in LANGUAGE_CODES:
        assert f'hreflang="{code}" href="http://wegweiser.test/{code}/e/kindergeld"' in html
    assert 'hreflang="x-default" href="http://wegweiser.test/de/e/kindergeld"' in html
    assert '<meta property="og:title" content="Kindergeld">' in html
    assert 'property="og:description" content="Kindergeld ist Geld' in html
    assert '<meta property="og:url" content="http://wegweiser.test/de/e/kindergeld">' in html
    assert '<meta property="og:locale" content="de_DE">' in html


def test_language_switcher_keeps_the_page(client, loaded) -> None:
    html = client.get("/de/search?q=kindergeld&src=share").get_data(as_text=True)
    targets = links(html)
    for code in LANGUAGE_CODES:
        assert f"/{code}/search?q=kindergeld" in " ".join(targets)
    assert 'lang="ar" hreflang="ar" dir="rtl">العربية</a>' in html


def test_emergency_strip_speaks_the_page_language(client, loaded) -> None:
    html = client.get("/ar/").get_data(as_text=True)
    assert "الشرطة" in html and "الطوارئ:" in html
    html = client.get("/tr/").get_data(as_text=True)
    assert "Polis" in html and "Acil durum:" in html


@pytest.mark.parametrize("url,exit_button", [
    ("/de/topics/crisis-protection", True),
    ("/de/e/gewaltschutz-frauen", True),
    ("/ar/e/kinderschutz-notfall", True),
    ("/de/topics/money", False),
    ("/de/e/kindergeld", False),
    ("/de/", False),
])
def test_quick_exit_only_on_protection_pages(client, loaded, url: str, exit_button: bool) -> None:
    html = client.get(url).get_data(as_text=True)
    assert ("data-quick-exit" in html) is exit_button
    if exit_button:
        assert 'href="https://www.wetter.com/" rel="noreferrer" data-quick-exit' in html


def test_home_has_search_topics_kitas_and_the_social_worker(client, loaded) -> None:
    html = client.get("/de/").get_data(as_text=True)
    assert 'role="search"' in html and 'action="/de/search"' in html
    for topic in ("money", "kita-school", "health-development", "parenting-family", "crisis-protection",
                  "language-integration", "debts-legal", "daily-needs"):
        assert f'href="/de/topics/{topic}"' in html
    for kita in ("kamp-lintforter-strasse", "westpromenade", "gerderath", "loevenich", "schulring"):
        assert f'href="/de/kitas/{kita}"' in html and f'href="/de/kitas/{kita}/book"' in html
    assert "Sprechen Sie mit Ihrer Kita-Sozialarbeiterin" in html


def test_nothing_needs_other_hosts(client, loaded) -> None:
    for url in ("/de/", "/ar/e/kindergeld", "/de/e/kindergeld/print"):
        html = client.get(url).get_data(as_text=True)
        for attr in ("src", "href"):
            for value in __import__("re").findall(rf'<(?:script|link|img)\b[^>]*\b{attr}="([^"]+)"', html):
                assert value.startswith("/") or value.startswith("http://wegweiser.test/"), (url, value)


def test_error_and_staff_pages_are_not_indexed(client, loaded) -> None:
    for url in ("/de/e/no-such-entry", "/staff/login"):
        html = client.get(url).get_data(as_text=True)
        assert '<meta name="robots" content="noindex">' in html and 'rel="alternate"' not in html, url
    assert 'rel="alternate"' in client.get("/de/").get_data(as_text=True)


@pytest.mark.parametrize("lang", ["de", "en", "ar"])
def test_imprint_states_machine_translation_from_the_data(client, loaded, lang: str) -> None:
    from service.directory.translation_note import TRANSLATION_NOTE, note_for_statuses

    html = client.get(f"/{lang}/imprint").get_data(as_text=True)
    assert TRANSLATION_NOTE not in html
    assert note_for_statuses(["machine"], lang).split(";")[0].split("،")[0] in html
