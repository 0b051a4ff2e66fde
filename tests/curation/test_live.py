"""A browser edit shows at once: the public page, the API and the search (each process rebuilds on the version)."""

from __future__ import annotations

from sqlmodel import Session

from service.curation.operations import edit_entry_text
from service.search import search


def test_edit_reaches_page_api_and_search(client, loaded) -> None:
    assert client.get("/en/e/kindergeld").status_code == 200
    with Session(loaded) as session:
        before = search(session, "Zwiebelkuchenpfand", "en")
        assert all(r.slug != "kindergeld" for r in before.hits)
        edit_entry_text(session, "kindergeld", "en", {
            "summary": "Edited in the browser: money for every child.",
            "keywords": ["Zwiebelkuchenpfand", "child benefit"],
        }, "olena")
        session.commit()
    page = client.get("/en/e/kindergeld").get_data(as_text=True)
    assert "Edited in the browser: money for every child." in page
    api = client.get("/api/v1/entries/kindergeld?lang=en").get_json()
    assert "Edited in the browser" in str(api)
    with Session(loaded) as session:
        found = search(session, "Zwiebelkuchenpfand", "en")
    assert found.hits and found.hits[0].slug == "kindergeld"
