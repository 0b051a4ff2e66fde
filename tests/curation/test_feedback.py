"""Parents' feedback: anonymous, no cookie, digits and e-mail addresses dropped, rate limited, purged."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlmodel import Session, select

from service.config import Settings
from service.curation.feedback import clean_text, feedback_token, purge_feedback
from service.curation.models import Feedback
from service.directory.models import utcnow


def _rows(engine) -> list[Feedback]:
    with Session(engine) as session:
        return list(session.exec(select(Feedback).order_by(Feedback.id)))


def test_clean_text_drops_digits_and_addresses() -> None:
    assert clean_text("Call me 0176 1234567 or mail anna@example.org about Wohngeld ٣٤٥ ۱۲") == \
        "Call me or mail about Wohngeld"


def test_entry_page_form_stores_an_answer_without_a_cookie(client, loaded) -> None:
    page = client.get("/ar/e/kindergeld").get_data(as_text=True)
    token = re.search(r'name="token" value="([^"]+)"', page).group(1)
    answer = client.post("/ar/feedback", data={"token": token, "kind": "entry", "entry": "kindergeld",
                                                "helpful": "no"})
    assert answer.status_code == 200
    assert "Set-Cookie" not in answer.headers
    rows = _rows(loaded)
    assert [(r.kind, r.entry_slug, r.lang, r.helpful, r.channel) for r in rows] == [
        ("entry", "kindergeld", "ar", False, "web")]


def test_a_forged_or_foreign_token_is_refused(client, loaded) -> None:
    wrong = feedback_token("another-secret", "entry", "kindergeld")
    assert client.post("/de/feedback", data={"token": wrong, "kind": "entry", "entry": "kindergeld",
                                              "helpful": "yes"}).status_code == 400
    other = feedback_token("test-secret", "entry", "wohngeld")
    assert client.post("/de/feedback", data={"token": other, "kind": "entry", "entry": "kindergeld",
                                              "helpful": "yes"}).status_code == 400
    assert _rows(loaded) == []


def test_search_wish_is_stored_without_digits(client, loaded) -> None:
    token = feedback_token("test-secret", "search")
    answer = client.post("/ru/feedback", data={"token": token, "kind": "search",
                                                "text": "пособие на квартиру 850 евро, пишите ivan@mail.ru"})
    assert answer.status_code == 200
    assert [r.text for r in _rows(loaded)] == ["пособие на квартиру евро, пишите"]


def test_api_feedback(client, loaded) -> None:
    made = client.post("/api/v1/feedback", json={"kind": "entry", "lang": "kmr", "entry": "wohngeld",
                                                 "helpful": True})
    assert made.status_code == 201 and made.get_json() == {"stored": True}
    wish = client.post("/api/v1/feedback", json={"kind": "search", "lang": "de", "text": "Hilfe 0241 für Miete"})
    assert wish.status_code == 201
    bad = client.post("/api/v1/feedback", json={"kind": "entry", "lang": "xx", "entry": "nope", "helpful": "ja"})
    assert bad.status_code == 422 and set(bad.get_json()["error"]["fields"]) == {"helpful"}
    worse = client.post("/api/v1/feedback", json={"kind": "entry", "lang": "xx", "entry": "nope", "helpful": True})
    assert set(worse.get_json()["error"]["fields"]) == {"lang", "entry"}
    assert client.post("/api/v1/feedback", data="nonsense").status_code == 400
    assert client.post("/api/v1/feedback", json={"kind": "search", "lang": "de", "name": "x"}).status_code == 422
    assert [(r.lang, r.text) for r in _rows(loaded)] == [("ku", ""), ("de", "Hilfe für Miete")]


def test_feedback_is_rate_limited(database_url, loaded) -> None:
    from service.web import create_app

    app = create_app(Settings(database_url=database_url, testing=True, ratelimit_enabled=True,
                              public_base_url="http://wegweiser.test", secret_key="test-secret"))
    client = app.test_client()
    codes = [client.post("/api/v1/feedback", json={"kind": "search", "lang": "de", "text": "Kita"}).status_code
             for _ in range(8)]
    app.extensions["wegweiser"].engine.dispose()
    assert codes[:6] == [201] * 6 and codes[-1] == 429


def test_old_feedback_is_purged(loaded) -> None:
    with Session(loaded) as session:
        session.add(Feedback(kind="search", lang="de", text="alt", created_at=utcnow() - timedelta(days=181)))
        session.add(Feedback(kind="search", lang="de", text="neu"))
        session.commit()
        assert purge_feedback(session, retention_days=180) == 1
        session.commit()
    assert [r.text for r in _rows(loaded)] == ["neu"]


def test_a_token_is_the_same_all_day_and_expires_after_three_days() -> None:
    from datetime import date

    from service.curation.feedback import check_token

    monday = date(2027, 1, 18)
    token = feedback_token("s", "entry", "kindergeld", today=monday)
    assert token == feedback_token("s", "entry", "kindergeld", today=monday)  # cached pages keep their ETag
    assert check_token("s", token, "entry", "kindergeld", today=date(2027, 1, 21))
    assert not check_token("s", token, "entry", "kindergeld", today=date(2027, 1, 22))
    assert not check_token("s", token, "entry", "wohngeld", today=monday)
