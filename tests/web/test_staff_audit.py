"""The staff audit log: a row per action (booking ids only, never a family's data), filters, CSV, retention."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import Session, select

from service.accounts.audit import purge_audit, record
from service.accounts.models import AuditEntry, utcnow
from service.booking.models import ScheduleException
from tests.web.conftest import log_in
from tests.web.staff_helpers import add_booking, at, text


def _rows(engine) -> list[AuditEntry]:
    with Session(engine) as session:
        return list(session.exec(select(AuditEntry).order_by(AuditEntry.id)))


def _actions(engine) -> list[tuple[str, str, str]]:
    return [(row.username, row.action, row.object) for row in _rows(engine)]


@pytest.fixture
def admin(client, app, make_staff, staff_world):
    log_in(client, app, make_staff("chefin"))
    return client


def test_booking_actions_are_recorded_with_the_booking_id_only(admin, staff_world) -> None:
    past = add_booking(staff_world, at(-1))
    future = add_booking(staff_world, at(2), code="FUT234", cancel_token="f" * 32)
    admin.get("/staff/bookings?code=K7M4QX")
    admin.post(f"/staff/bookings/{past}/held")
    admin.post(f"/staff/bookings/{past}/no-show")
    admin.post(f"/staff/bookings/{future}/cancel")
    actions = _actions(staff_world.engine)
    assert ("chefin", "bookings.view", "") in actions
    assert ("chefin", "booking.view", f"booking:{past}") in actions
    assert ("chefin", "booking.held", f"booking:{past}") in actions
    assert ("chefin", "booking.no_show", f"booking:{past}") in actions
    assert ("chefin", "booking.cancel", f"booking:{future}") in actions
    everything = repr([row.model_dump() for row in _rows(staff_world.engine)])
    for private in ("Ayşe", "K7M4QX", "FUT234", "0151", "Brief vom Amt"):
        assert private not in everything


def test_absence_calendar_hours_and_people_are_recorded(admin, staff_world) -> None:
    booked = add_booking(staff_world, at(30, 10))
    day = at(30).date().isoformat()
    block = {"social_worker": "worker-a", "kita": "", "reason": "sickness", "first_day": day, "last_day": day}
    assert "K7M 4QX" in text(admin.post("/staff/absences", data=block))  # shown before saving
    assert admin.post("/staff/absences", data={**block, "affected": "cancel"}).status_code == 303
    with Session(staff_world.engine) as session:
        block_id = session.exec(select(ScheduleException.id)).one()
    admin.post(f"/staff/absences/{block_id}/remove")
    admin.get("/staff/calendar")
    admin.post("/staff/calendar/worker-a/renew")
    admin.post("/staff/hours", data={"social_worker": "worker-a", "kita": "loevenich", "weekday": "1",
                                     "opens": "09:00", "closes": "12:00", "slot_minutes": "30",
                                     "valid_from": "2027-01-01"})
    admin.post("/staff/people/workers/worker-b", data={"name": "B", "email": "b@kita.example"})
    admin.post("/staff/people/accounts", data={"username": "uebersetzung", "password": "a long enough password",
                                               "role": "editor", "languages": ["ar"]})
    admin.post("/staff/people/accounts/uebersetzung/role", data={"role": "editor", "languages": ["uk"]})
    admin.post("/staff/people/accounts/uebersetzung/active", data={"active": "0"})
    actions = {action for _user, action, _obj in _actions(staff_world.engine)}
    assert {"absence.block", "absence.remove", "booking.cancel", "calendar.view", "calendar.renew", "hours.add",
            "worker.edit", "account.create", "account.role", "account.deactivate"} <= actions
    assert ("chefin", "booking.cancel", f"booking:{booked}") in _actions(staff_world.engine)


def test_login_logout_and_password_are_recorded(client, make_staff, staff_world) -> None:
    make_staff("anna", role="social_worker", worker="worker-a")
    client.post("/staff/login", data={"username": "anna", "password": "a long enough password"})
    client.post("/staff/password", data={"current": "a long enough password", "new": "another good password",
                                         "repeat": "another good password"})
    client.post("/staff/logout")
    assert [a for _u, a, _o in _actions(staff_world.engine)] == ["login", "account.password", "logout"]


def test_admin_filters_and_downloads(admin, staff_world) -> None:
    with Session(staff_world.engine) as session:
        old = record(session, None, "account.create", "user:old")
        old.at = utcnow() - timedelta(days=40)
        session.add(old)
        session.commit()
    admin.get("/staff/calendar")
    html = text(admin.get("/staff/audit?action=calendar.view"))
    assert "calendar.view" in html and "user:old" not in html
    assert "user:old" in text(admin.get("/staff/audit?user=(cli)"))
    recent = (utcnow() - timedelta(days=2)).date().isoformat()
    assert "user:old" not in text(admin.get(f"/staff/audit?from={recent}"))
    assert admin.get("/staff/audit?from=nonsense&user=%00&action=<x>").status_code == 200
    csv = admin.get("/staff/audit?format=csv")
    assert csv.mimetype == "text/csv" and "attachment" in csv.headers["Content-Disposition"]
    lines = csv.get_data(as_text=True).splitlines()
    assert lines[0] == "time_utc,user,action,object,detail" and any("user:old" in line for line in lines)


def test_only_admin_reads_the_log(client, app, make_staff, staff_world) -> None:
    log_in(client, app, make_staff("anna", role="social_worker", worker="worker-a"))
    assert client.get("/staff/audit").status_code == 403
    assert client.get("/staff/audit?format=csv").status_code == 403


def test_retention_purge(app, staff_world) -> None:
    with Session(staff_world.engine) as session:
        for days in (800, 729):
            row = record(session, None, "account.create", f"user:{days}")
            row.at = utcnow() - timedelta(days=days)
            session.add(row)
        session.commit()
    result = app.test_cli_runner().invoke(args=["booking", "purge"])
    assert result.exit_code == 0 and "deleted 1 staff audit row(s) older than 730 days" in result.output
    assert [row.object for row in _rows(staff_world.engine)] == ["user:729"]
    with Session(staff_world.engine) as session:
        assert purge_audit(session, utcnow(), 730) == 0


def test_unknown_actions_are_refused(session) -> None:
    with pytest.raises(ValueError):
        record(session, None, "something.new")
