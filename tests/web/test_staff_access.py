"""Every staff route, walked from the app's url_map (a new route cannot be forgotten), as anonymous, an editor,
the other social worker, the owner of the objects and admin: a wrong role or another worker's object answers
403 or 404 and never the data."""

from __future__ import annotations

from datetime import date, time

import pytest
from sqlmodel import Session

from service.accounts.models import StandIn
from service.booking.hours import add_window
from service.booking.models import ScheduleException
from tests.web.conftest import log_in
from tests.web.staff_helpers import add_booking, at

PUBLIC = {"staff.login", "staff.logout", "staff.static"}
# URL arguments that name an object of the owner (worker-a): other social workers must not reach them
OWNED = {"booking_id", "block_id", "schedule_id"}
OWNED_ENDPOINTS = {"staff.renew_feed"}  # its <slug> is the owner's calendar
FAMILY_DATA = ("Ayşe", "0151 2345678", "Brief vom Amt")


def staff_rules(app):
    return sorted((rule for rule in app.url_map.iter_rules() if rule.rule.startswith("/staff")),
                  key=lambda rule: rule.rule)


@pytest.fixture
def objects(staff_world, make_staff):
    """worker-a's booking, block, weekly window; a stand-in of nobody; accounts for every role."""
    booking = add_booking(staff_world, at(3))
    with Session(staff_world.engine) as session:
        block = ScheduleException(social_worker_id=staff_world.workers["worker-a"], starts_at=at(20),
                                  ends_at=at(21), reason="training")
        window = add_window(session, staff_world.workers["worker-a"], staff_world.kitas["loevenich"], 1, time(9),
                            time(12), slot_minutes=30, valid_from=date.today())
        stand_in = StandIn(social_worker_id=staff_world.workers["worker-b"],
                           for_social_worker_id=staff_world.workers["worker-b"], until=date.today())
        session.add_all([block, stand_in])
        session.commit()
        ids = {"booking_id": booking, "block_id": block.id, "schedule_id": window.id, "stand_in_id": stand_in.id}
    make_staff("admin1")
    make_staff("owner", role="social_worker", worker="worker-a")
    make_staff("other", role="social_worker", worker="worker-b")
    make_staff("editor1", role="editor", languages=["ar", "uk"])
    return ids


def _url(app, rule, ids: dict[str, int]) -> str:
    content = rule.endpoint.startswith("staff.content")
    samples = {**ids, "action": "cancel", "slug": "kindergeld" if content else "worker-a", "username": "editor1",
               "lang": "ar", "kinds": "entries", "filename": "staff.css"}
    if rule.endpoint == "staff.content_topic_history":
        samples["slug"] = "money"
    converters = {arg: type(converter).__name__ for arg, converter in rule._converters.items()}
    with app.test_request_context():
        from flask import url_for

        return url_for(rule.endpoint, **{arg: samples.get(arg, 1 if converters.get(arg) == "IntegerConverter"
                                                          else "x") for arg in rule.arguments})


def _calls(app, ids):
    for rule in staff_rules(app):
        if rule.endpoint in PUBLIC:
            continue
        url = _url(app, rule, ids)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            yield rule, method, url


def test_every_staff_route_checks_a_role(app) -> None:
    missing = [rule.endpoint for rule in staff_rules(app)
               if rule.endpoint not in PUBLIC and not getattr(app.view_functions[rule.endpoint], "staff_roles", None)]
    assert missing == []
    assert len(staff_rules(app)) >= 25  # the walk really walks


@pytest.mark.parametrize("who", ["anonymous", "editor1", "other", "owner", "admin1"])
def test_route_walk(app, client, objects, who: str) -> None:
    if who != "anonymous":
        log_in(client, app, who)
    role = {"anonymous": None, "editor1": "editor", "other": "social_worker", "owner": "social_worker",
            "admin1": "admin"}[who]
    walked = 0
    for rule, method, url in _calls(app, objects):
        roles = app.view_functions[rule.endpoint].staff_roles
        response = client.open(url, method=method)
        status, body = response.status_code, response.get_data(as_text=True)
        where = f"{who} {method} {url} -> {status}"
        assert status < 500, where
        walked += 1
        if role is None:
            expected = 302 if method == "GET" else 403
            assert status == expected, where
            if method == "GET":
                assert response.headers["Location"].startswith("/staff/login"), where
        elif role not in roles:
            assert status == 403, where
        elif who == "other" and (OWNED & set(rule.arguments) or rule.endpoint in OWNED_ENDPOINTS):
            assert status in {403, 404}, where
        elif rule.endpoint.startswith("staff.content"):
            # allowed by role; the page's own language/facts check may still refuse an editor, and a sample
            # object may not exist (404)
            assert status not in ({401} if who == "editor1" else {401, 403}), where
        else:
            assert status not in {401, 403, 404}, where
        if who in {"anonymous", "editor1", "other"}:
            for private in FAMILY_DATA:
                assert private not in body, where
    assert walked >= 25
    if who == "editor1":  # German texts and facts belong to social workers and admin
        assert client.get("/staff/content/entries/kindergeld/de").status_code == 403
        assert client.get("/staff/content/entries/kindergeld/uk").status_code != 403
