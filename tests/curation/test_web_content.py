"""The content pages: edits show on the public page, roles and languages are enforced, every save is audited."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select

from service.accounts.audit import AuditEntry
from service.curation.models import Feedback
from service.curation.operations import edit_entry_text, history
from service.directory.queries import get_entry
from tests.web.conftest import log_in

ENTRY_FORM = {"title": "Kindergeld", "summary": "Geld für jedes Kind, jeden Monat.", "for_whom": "Für Familien.",
              "what_you_get": "Den Betrag oben.", "how_to_apply": "Antrag stellen.\nBescheid abwarten.",
              "what_to_bring": "Steuer-ID", "where": "Familienkasse", "keywords": "Kindergeld\nKinder Geld",
              "labels": "per_child: pro Kind\nclaim_back: rückwirkend\nhotline: Familienkasse\n"
                        "official_info: Kindergeld – BA\nfamily_portal: Familienportal",
              "comment": "kürzer", "action": "save"}


@pytest.fixture
def as_user(client, app, make_staff, loaded):
    def login(role: str = "admin", languages: list[str] | None = None, name: str | None = None):
        username = name or f"{role}-user"
        make_staff(username, role, worker="beispiel-a" if role == "social_worker" else None, languages=languages)
        log_in(client, app, username)
        return client
    return login


def _audit(engine, action: str) -> list[AuditEntry]:
    with Session(engine) as session:
        return list(session.exec(select(AuditEntry).where(AuditEntry.action == action)))


def test_list_and_german_edit_reach_the_public_page(as_user, loaded) -> None:
    client = as_user("social_worker")
    listing = client.get("/staff/content?lang=ar&status=machine&topic=money")
    assert listing.status_code == 200 and "/staff/content/entries/kindergeld/ar" in listing.get_data(as_text=True)
    page = client.get("/staff/content/entries/kindergeld/de")
    assert page.status_code == 200 and 'name="short_title"' in page.get_data(as_text=True)
    form = {**ENTRY_FORM, "short_title": "Kindergeld"}
    saved = client.post("/staff/content/entries/kindergeld/de", data=form)
    assert saved.status_code == 303
    assert "Geld für jedes Kind, jeden Monat." in client.get("/de/e/kindergeld").get_data(as_text=True)
    with Session(loaded) as session:
        assert get_entry(session, "kindergeld", "en").status == "outdated"
    assert [a.object for a in _audit(loaded, "content.edit")] == ["entry:kindergeld/de"]


def test_preview_does_not_save_and_shows_hints(as_user, loaded) -> None:
    client = as_user("admin")
    long = " ".join(["Wort"] * 30) + "."
    page = client.post("/staff/content/entries/kindergeld/de", data={**ENTRY_FORM, "summary": long,
                                                                      "for_whom": "Gemäß dem Gesetz.",
                                                                      "action": "preview"})
    text = page.get_data(as_text=True)
    assert page.status_code == 200 and "gemäß" in text.lower() and "Wort Wort" in text
    with Session(loaded) as session:
        assert get_entry(session, "kindergeld", "de").summary != long


def test_arabic_page_is_right_to_left_with_amounts(as_user) -> None:
    client = as_user("editor", ["ar"])
    page = client.get("/staff/content/entries/kindergeld/ar").get_data(as_text=True)
    assert 'dir="rtl"' in page and "259" in page


def test_editor_limited_to_her_languages(as_user, loaded) -> None:
    client = as_user("editor", ["ar", "fa"])
    assert client.get("/staff/content/entries/kindergeld/ar").status_code == 200
    for path in ("/staff/content/entries/kindergeld/tr", "/staff/content/entries/kindergeld/de",
                 "/staff/content/entries/kindergeld/facts", "/staff/content/new",
                 "/staff/content/kitas/loevenich/de", "/staff/content/entries/kindergeld/de/history"):
        assert client.get(path).status_code == 403, path
    assert client.post("/staff/content/entries/kindergeld/tr", data=ENTRY_FORM).status_code == 403
    assert client.post("/staff/content/entries/kindergeld/facts", data={}).status_code == 403
    reviewed = client.post("/staff/content/entries/kindergeld/ar/review")
    assert reviewed.status_code == 303
    with Session(loaded) as session:
        view = get_entry(session, "kindergeld", "ar")
        assert view.status == "reviewed"
    listing = client.get("/staff/content").get_data(as_text=True)
    assert "editor-user" in listing and "/staff/content/entries/kindergeld/tr" not in listing


def test_facts_edit_shows_on_the_page(as_user, loaded) -> None:
    client = as_user("social_worker")
    page = client.get("/staff/content/entries/kindergeld/facts").get_data(as_text=True)
    assert 'name="amounts-0-amount"' in page
    form = {"amounts-count": "1", "amounts-0-label_key": "per_child", "amounts-0-amount": "265",
            "amounts-0-per": "month", "amounts-0-as_of": "2026-12-01", "verified_on": "2026-12-06",
            "verified": "yes", "comment": "new figure"}
    with Session(loaded) as session:
        from service.curation.records import read_record
        from service.directory.export import dump_yaml

        facts = read_record(session, "facts", "kindergeld")
    for group in ("deadlines", "phones", "links", "sources", "legal_basis", "eligibility"):
        form[group] = dump_yaml(facts[group]) if facts.get(group) else ""
    saved = client.post("/staff/content/entries/kindergeld/facts", data=form)
    assert saved.status_code == 303, saved.get_data(as_text=True)
    assert "265" in client.get("/de/e/kindergeld").get_data(as_text=True)
    assert [a.object for a in _audit(loaded, "content.facts")] == ["entry:kindergeld"]


def test_kita_page_and_topic_edits(as_user, loaded) -> None:
    client = as_user("admin")
    kita = client.post("/staff/content/kitas/loevenich/en", data={
        "summary": "A kita in Lövenich (edited).", "description": "Text.", "status": "reviewed", "action": "save"})
    assert kita.status_code == 303
    assert "A kita in Lövenich (edited)." in client.get("/en/kitas/loevenich").get_data(as_text=True)
    page = client.post("/staff/content/pages/about/en", data={"title": "About us (edited)", "body": "Hello.",
                                                               "status": "machine", "action": "save"})
    assert page.status_code == 303
    assert "About us (edited)" in client.get("/en/about").get_data(as_text=True)
    form = {"money-name-en": "Money (edited)", "money-name-de": "Geld und Leistungen"}
    assert client.post("/staff/content/topics", data=form).status_code == 303
    assert "Money (edited)" in client.get("/en/topics/money").get_data(as_text=True)


def test_new_entry_in_the_browser(as_user, loaded) -> None:
    client = as_user("social_worker")
    created = client.post("/staff/content/new", data={
        "slug": "elterncafe-markt", "kind": "service", "topics": ["parenting-family"], "title": "Elterncafé",
        "summary": "Treffen für Eltern.", "source_title": "Stadt Erkelenz", "source_url": "https://www.erkelenz.de"})
    assert created.status_code == 303
    assert "Elterncafé" in client.get("/de/e/elterncafe-markt").get_data(as_text=True)
    taken = client.post("/staff/content/new", data={"slug": "kindergeld", "topics": ["money"], "title": "X",
                                                    "source_title": "Y"})
    assert taken.status_code == 422


def test_history_restore(as_user, loaded) -> None:
    client = as_user("admin")
    with Session(loaded) as session:
        first = edit_entry_text(session, "kindergeld", "en", {"title": "Child benefit one"}, "olena").revision.id
        edit_entry_text(session, "kindergeld", "en", {"title": "Child benefit two"}, "olena")
        session.commit()
    shown = client.get("/staff/content/entries/kindergeld/en/history").get_data(as_text=True)
    assert "<ins>" in shown and "olena" in shown
    assert client.post(f"/staff/content/revisions/{first}/restore").status_code == 303
    with Session(loaded) as session:
        assert get_entry(session, "kindergeld", "en").title == "Child benefit one"
        assert history(session, "entry", "kindergeld", "en")[0].action == "restore"
    assert len(_audit(loaded, "content.restore")) == 1


def test_due_list_shows_each_kind(as_user, loaded) -> None:
    with Session(loaded) as session:
        session.add(Feedback(kind="entry", entry_slug="wohngeld", lang="tr", helpful=False))
        session.add(Feedback(kind="search", lang="ru", text="помощь с квартирой"))
        edit_entry_text(session, "kindergeld", "de", {"summary": "Neu."}, "anna")
        session.commit()
    client = as_user("social_worker")
    page = client.get("/staff/content/due").get_data(as_text=True)
    assert "/staff/content/entries/kindergeld/en" in page  # outdated
    assert "<progress" in page
    assert "помощь с квартирой" in page and "wohngeld</a>: 1" in page
    editor = as_user("editor", ["ru"], name="ed-ru")
    assert editor is client
    hidden = client.get("/staff/content/due").get_data(as_text=True)
    assert "помощь с квартирой" not in hidden and "<progress" in hidden


def test_editor_keeps_her_column_of_topics_and_glossary(as_user, loaded) -> None:
    from service.curation.records import read_record

    with Session(loaded) as session:
        german_revision = edit_entry_text(session, "kindergeld", "de", {"summary": "Neu."}, "anna").revision.id
        session.commit()
    client = as_user("editor", ["ar"])
    form = {"money-name-ar": "المال (جديد)", "money-name-de": "Geld (vom Editor)"}
    assert client.post("/staff/content/topics", data=form).status_code == 303
    names = read_record(Session(loaded), "topic", "money")["names"]
    assert names["ar"] == "المال (جديد)" and names["de"] != "Geld (vom Editor)"
    glossary = client.get("/staff/content/glossary")
    assert glossary.status_code == 200
    assert client.post(f"/staff/content/revisions/{german_revision}/restore").status_code == 403
