"""Transfer: versioned static files cached for a year, ETags and 304s, gzip, and the per-process page cache."""

from __future__ import annotations

import gzip
import re

from sqlmodel import Session, select

from service.directory.models import DirectoryVersion, Entry, EntryTranslation


def test_static_files_are_versioned_and_cached_for_a_year(client, loaded) -> None:
    html = client.get("/de/").get_data(as_text=True)
    css = re.search(r'href="(/static/site\.css\?v=[0-9a-f]{10})"', html).group(1)
    response = client.get(css, headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert response.headers["Content-Encoding"] == "gzip" and b"--brand" in gzip.decompress(response.data)
    etag = response.headers["ETag"]
    again = client.get(css, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b""
    assert "immutable" not in client.get("/static/site.css").headers["Cache-Control"]


def test_pages_carry_an_etag_and_answer_304(client, loaded) -> None:
    response = client.get("/de/e/kindergeld")
    assert response.headers["Cache-Control"] == "no-cache"
    assert "Accept-Encoding" in response.headers["Vary"]
    assert "Content-Encoding" not in response.headers
    again = client.get("/de/e/kindergeld", headers={"If-None-Match": response.headers["ETag"]})
    assert again.status_code == 304


def test_page_cache_follows_the_directory_version(app, loaded) -> None:
    app.config["PAGE_CACHE"] = True
    app.extensions["wegweiser_pages"].check_every = 0
    client = app.test_client()
    assert "<h1>Kindergeld</h1>" in client.get("/de/e/kindergeld").get_data(as_text=True)
    with Session(loaded) as session:
        entry = session.exec(select(Entry).where(Entry.slug == "kindergeld")).one()
        row = session.exec(select(EntryTranslation).where(EntryTranslation.entry_id == entry.id,
                                                          EntryTranslation.lang == "de")).one()
        original = row.title
        row.title = "Kindergeld (neu)"
        session.add(row)
        session.commit()
        assert "<h1>Kindergeld</h1>" in client.get("/de/e/kindergeld").get_data(as_text=True)  # still cached
        version = session.get(DirectoryVersion, 1)
        version.version += 1
        session.add(version)
        session.commit()
        assert "<h1>Kindergeld (neu)</h1>" in client.get("/de/e/kindergeld").get_data(as_text=True)
        row.title, version.version = original, version.version + 1
        session.add_all([row, version])
        session.commit()


def test_pages_allow_nothing_from_other_hosts(client, loaded) -> None:
    response = client.get("/ar/e/kindergeld")
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
