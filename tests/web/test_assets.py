"""Transfer: versioned static files cached for a year, ETags and 304s, gzip, and the per-process page cache."""

from __future__ import annotations

import gzip
import re

import pytest
from flask import Response
from sqlmodel import Session, select

from service.directory.models import DirectoryVersion, Entry, EntryTranslation
from service.web.assets import Body, GzipCache, _finish, respond


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


KEPT_HTML = "<!doctype html><p>" + "Kindergeld für jedes Kind. " * 60 + "</p>"


@pytest.mark.parametrize(("method", "headers"), [
    ("GET", {}), ("GET", {"Accept-Encoding": "gzip"}), ("HEAD", {"Accept-Encoding": "gzip"}),
    ("GET", {"If-None-Match": "{etag}", "Accept-Encoding": "gzip"}), ("GET", {"If-None-Match": '"other"'}),
    ("GET", {"If-None-Match": "*"}), ("GET", {"If-Match": '"other"'}), ("GET", {"Range": "bytes=0-10"}),
    ("GET", {"Range": "bytes=0-10", "If-Range": "{etag}"}),
    ("GET", {"If-Modified-Since": "Sun, 06 Dec 2026 09:20:45 GMT"}),
    ("HEAD", {"If-None-Match": "{etag}"}), ("POST", {"Accept-Encoding": "gzip"})])
def test_a_kept_page_answers_as_any_page_with_its_html(app, method: str, headers: dict[str, str]) -> None:
    """respond() sets a kept page's headers up front and _finish skips them: the answer is still the one that
    _finish gives any response with the same HTML (status, every header in order, body)."""
    body = Body.of(KEPT_HTML)
    headers = {name: value.format(etag=f'W/"{body.digest[:20]}"') for name, value in headers.items()}
    answers = []
    for make in (lambda: respond(body), lambda: Response(KEPT_HTML, mimetype="text/html")):
        with app.test_request_context("/de/e/kindergeld", method=method, headers=headers):
            response = _finish(make(), GzipCache())
            answers.append((response.status_code, [(k, v) for k, v in response.headers.items() if k != "Date"],
                            response.get_data()))
    kept, general = answers
    assert kept == general
    assert kept[0] in {200, 304, 412}


def test_a_kept_page_a_view_changed_goes_the_general_way(app) -> None:
    """A header the view set on a kept page stays as the view set it (not doubled, not replaced)."""
    with app.test_request_context("/de/e/kindergeld", headers={"Accept-Encoding": "gzip"}):
        response = respond(Body.of(KEPT_HTML))
        response.headers["Cache-Control"] = "private, max-age=60"
        response = _finish(response, GzipCache())
    assert response.headers.getlist("Cache-Control") == ["private, max-age=60"]
    assert response.headers["Content-Encoding"] == "gzip" and response.headers["ETag"].startswith('W/"')
