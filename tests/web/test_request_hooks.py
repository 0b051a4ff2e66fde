"""The steps around every request run where they matter: CSRF checks on unsafe methods, the limiter's on limited
views; the language cookie and the session cookie are what Flask and werkzeug would write."""

from __future__ import annotations

import time

from flask import Response

from service.web.extensions import _teardown_for_limited_views, csrf, limiter
from service.web.public.lang import COOKIE, COOKIE_AGE


def test_csrf_is_checked_for_unsafe_methods_only(app, loaded, monkeypatch) -> None:
    app.config["WTF_CSRF_ENABLED"] = True
    checked: list[str] = []
    protect = csrf.protect

    def spy(*args, **kwargs):  # noqa: ANN202
        from flask import request

        checked.append(request.method)
        return protect(*args, **kwargs)

    monkeypatch.setattr(csrf, "protect", spy)
    client = app.test_client()
    assert client.get("/de/e/kindergeld").status_code == 200
    assert client.head("/de/").status_code == 200
    assert checked == []
    refused = client.post("/staff/login", data={"username": "anna", "password": "no token sent"})
    assert refused.status_code == 400 and checked == ["POST"]
    assert client.post("/de/feedback", data={"kind": "entry", "token": "x"}).status_code == 400  # exempt: its own
    assert checked == ["POST", "POST"]  # token check refuses, not the CSRF one


def test_the_limiters_teardown_runs_for_limited_views_only(app) -> None:
    assert not [hook for hook in app.teardown_request_funcs[None] if getattr(hook, "__self__", None) is limiter]
    released: list[str] = []
    run = _teardown_for_limited_views(lambda _exc: released.append("released"))
    with app.test_request_context("/de/e/kindergeld"):
        run(None)
    assert released == []
    with app.test_request_context("/de/feedback", method="POST"):  # @limiter.limit
        run(None)
    assert released == ["released"]


def test_the_language_cookie_is_the_one_set_cookie_writes(app, loaded) -> None:
    for base_url, secure in (("http://wegweiser.test", False), ("https://wegweiser.test", True)):
        for _ in range(3):  # the same second for both, else again
            second = int(time.time())
            header = app.test_client().get("/uk/e/kindergeld", base_url=base_url).headers["Set-Cookie"]
            expected = Response()
            expected.set_cookie(COOKIE, "uk", max_age=COOKIE_AGE, samesite="Lax", httponly=True, secure=secure)
            if int(time.time()) == second:
                break
        assert header == expected.headers["Set-Cookie"]
        assert ("; Secure" in header) is secure


def test_a_page_that_keeps_a_form_token_still_writes_its_session(client, loaded) -> None:
    response = client.get("/staff/login")
    assert [c for c in response.headers.getlist("Set-Cookie") if c.startswith("session=")]
    assert "Cookie" in response.headers["Vary"]
    page = client.get("/de/e/kindergeld")  # the session cookie sent back: nothing new to write
    assert not [c for c in page.headers.getlist("Set-Cookie") if c.startswith("session=")]
