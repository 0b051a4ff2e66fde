"""Staff (admin): social workers, stand-ins, accounts; deactivation blocked while talks are booked."""

from __future__ import annotations

from datetime import date, timedelta

from sqlmodel import select

from service.accounts.models import AuditEntry, StaffUser, StandIn
from service.directory.models import SocialWorker, SocialWorkerKita
from tests.web.conftest import log_in
from tests.web.staff_helpers import add_booking, at, text


def _worker(world, slug: str) -> SocialWorker:
    with world.session() as session:
        return session.exec(select(SocialWorker).where(SocialWorker.slug == slug)).one()


def test_admin_edits_a_social_worker(staff_client, staff_world) -> None:
    response = staff_client.post("/staff/people/workers/worker-b", data={
        "name": "Beispiel B.", "email": "b@kita.example", "kitas": ["gerderath", "loevenich"]})
    assert response.status_code == 303
    worker = _worker(staff_world, "worker-b")
    assert (worker.name, worker.email) == ("Beispiel B.", "b@kita.example")
    with staff_world.session() as session:
        assert len(session.exec(select(SocialWorkerKita).where(
            SocialWorkerKita.social_worker_id == worker.id)).all()) == 2
    html = text(staff_client.get("/staff/people"))
    assert "b@kita.example" in html and "Beispiel B." in html
    staff_client.post("/staff/people/workers/worker-b", data={"name": "X", "email": "not an address"})
    assert _worker(staff_world, "worker-b").email == "b@kita.example"


def test_admin_adds_a_social_worker_and_her_account(staff_client, staff_world) -> None:
    assert staff_client.post("/staff/people/workers", data={
        "slug": "anna-neu", "name": "Anna Neu", "email": "", "kitas": ["loevenich"]}).status_code == 303
    assert staff_client.post("/staff/people/accounts", data={
        "username": "anna", "password": "a long enough password", "role": "social_worker",
        "worker": "anna-neu"}).status_code == 303
    with staff_world.session() as session:
        user = session.exec(select(StaffUser).where(StaffUser.username == "anna")).one()
        assert user.role == "social_worker" and user.social_worker_id == _worker(staff_world, "anna-neu").id


def test_deactivation_waits_for_future_talks(staff_client, staff_world) -> None:
    add_booking(staff_world, at(3))
    response = staff_client.post("/staff/people/workers/worker-a/active", data={"active": "0"})
    assert response.status_code == 409
    assert "K7M 4QX" in text(response)
    assert _worker(staff_world, "worker-a").active
    assert staff_client.post("/staff/people/workers/worker-b/active", data={"active": "0"}).status_code == 303
    assert not _worker(staff_world, "worker-b").active


def test_a_deactivated_social_worker_is_signed_out_and_her_account_closed(app, make_staff, staff_client,
                                                                         staff_world) -> None:
    her = app.test_client()
    log_in(her, app, make_staff("berta", role="social_worker", worker="worker-b"))
    assert her.get("/staff/bookings").status_code == 200
    assert staff_client.post("/staff/people/workers/worker-b/active", data={"active": "0"}).status_code == 303
    assert her.get("/staff/bookings").status_code in (302, 303)  # back to the login page
    with staff_world.session() as session:
        assert not session.exec(select(StaffUser).where(StaffUser.username == "berta")).one().active
        assert session.exec(select(AuditEntry).where(AuditEntry.action == "account.deactivate",
                                                     AuditEntry.object == "user:berta")).one()
    staff_client.post("/staff/people/workers/worker-b/active", data={"active": "1"})
    with staff_world.session() as session:  # reactivating the record does not open the account by itself
        assert not session.exec(select(StaffUser).where(StaffUser.username == "berta")).one().active


def test_a_stand_in_sees_her_colleagues_bookings_until_the_day(client, app, make_staff, staff_client,
                                                                staff_world) -> None:
    add_booking(staff_world, at(2), worker="worker-b", kita="gerderath", code="BBB222", cancel_token="b" * 32,
                first_name="Olena")
    log_in(client, app, make_staff("anna", role="social_worker", worker="worker-a"))
    assert "Olena" not in text(client.get("/staff/bookings"))
    until = (date.today() + timedelta(days=7)).isoformat()
    log_in(client, app, "sozialarbeit")
    assert client.post("/staff/people/stand-ins", data={"worker": "worker-a", "for_worker": "worker-b",
                                                        "until": until}).status_code == 303
    log_in(client, app, "anna")
    assert "Olena" in text(client.get("/staff/bookings"))
    with staff_world.session() as session:
        item = session.exec(select(StandIn)).one()
        item.until = date.today() - timedelta(days=1)
        session.add(item)
        session.commit()
    assert "Olena" not in text(client.get("/staff/bookings"))


def test_admin_gives_a_colleague_a_new_password_and_her_sessions_end(app, make_staff, staff_client,
                                                                     staff_world) -> None:
    from service.accounts.operations import check_password

    her = app.test_client()
    log_in(her, app, make_staff("carla", role="editor", languages=["tr"]))
    assert staff_client.post("/staff/people/accounts/carla/password", data={"password": "short"}).status_code == 303
    assert her.get("/staff/content").status_code == 200  # refused: nothing changed
    assert staff_client.post("/staff/people/accounts/carla/password",
                             data={"password": "a brand new long password"}).status_code == 303
    assert her.get("/staff/content").status_code in (302, 303)
    with staff_world.session() as session:
        user = session.exec(select(StaffUser).where(StaffUser.username == "carla")).one()
        assert check_password(user, "a brand new long password")
        assert session.exec(select(AuditEntry).where(AuditEntry.action == "account.password",
                                                     AuditEntry.object == "user:carla")).one()
    own = staff_client.post("/staff/people/accounts/sozialarbeit/password", data={"password": "x" * 20})
    assert own.status_code == 303 and own.headers["Location"].endswith("/staff/password")
    assert staff_client.post("/staff/people/accounts/nobody/password", data={"password": "x" * 20}).status_code == 404
