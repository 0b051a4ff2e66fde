"""/<lang>/finder without JavaScript: the form, the POSTed result, errors, the shared list without crisis entries."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest

FORM = {"children": "4, 7", "adults": "2", "income": ["work"], "earned_income": "2.100", "rent": "850",
        "worries": ["debts", "violence"]}


@pytest.mark.parametrize("lang", ["de", "ar", "ku"])
def test_the_form_asks_every_question_in_the_language(client, loaded, lang: str) -> None:
    response = client.get(f"/{lang}/finder")
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    assert f'action="/{lang}/finder"' in html and 'method="post"' in html
    for name in ("children", "pregnant", "adults", "income", "earned_income", "rent", "child_support",
                 "disability", "worries"):
        assert f'name="{name}"' in html
    if lang == "ar":
        assert 'dir="rtl"' in html
    if lang != "de":
        assert "Welche Hilfe passt" not in html


def test_the_result_comes_from_a_post_and_never_from_the_url(client, loaded) -> None:
    response = client.post("/de/finder", data=FORM)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Kindergeld" in html and "Schuldnerberatung" in html.replace("\u00ad", "")
    assert "keine Entscheidung" in html
    assert 'href="/de/e/kindergeld"' in html
    assert "/de/kitas/" in html and "/book" in html  # book a talk at the family's kita
    share = re.search(r'class="ltr share-link">([^<]+)<', html).group(1)
    parts = urlsplit(share)
    assert parts.path == "/de/finder/shared"
    slugs = parse_qs(parts.query)["e"][0].split(",")
    assert "kindergeld" in slugs and "schuldnerberatung" in slugs
    assert "gewaltschutz-frauen" not in slugs and "kinderschutz-notfall" not in slugs  # crisis never shared
    assert "2100" not in share and "850" not in share and "debts" not in share


def test_a_get_never_carries_answers(client, loaded) -> None:
    html = client.get("/de/finder?children=4&income=work").get_data(as_text=True)
    assert "Kindergeld" not in html.split("<form", 1)[0].split("<h1", 1)[1]


def test_invalid_answers_show_the_form_again_with_messages(client, loaded) -> None:
    response = client.post("/en/finder", data={"children": "four", "income": ["none", "work"],
                                               "earned_income": "lots"})
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'aria-invalid="true"' in html and 'id="children-error"' in html and 'id="income-error"' in html
    assert 'value="four"' in html and 'id="earned_income-error"' in html


def test_digits_of_other_scripts_are_understood(client, loaded) -> None:
    response = client.post("/fa/finder", data={"children": "۴، ۷", "adults": "1", "child_support": "no"})
    assert response.status_code == 200
    assert "/fa/e/unterhaltsvorschuss" in response.get_data(as_text=True)


def test_the_shared_list_shows_entries_but_never_crisis_ones(client, loaded) -> None:
    response = client.get("/uk/finder/shared?e=kindergeld,gewaltschutz-frauen,nonsense,WOHNGELD,wohngeld")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "/uk/e/kindergeld" in html and "/uk/e/wohngeld" in html
    assert "gewaltschutz" not in html


def test_unknown_language_is_404(client, loaded) -> None:
    assert client.get("/xx/finder").status_code == 404


def test_the_home_page_links_to_the_finder(client, loaded) -> None:
    assert 'href="/pl/finder"' in client.get("/pl/").get_data(as_text=True)
