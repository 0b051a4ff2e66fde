"""Staff: weekly consultation hours edited in the browser; a change never drops a booking."""

from __future__ import annotations

from datetime import date, timedelta

from sqlmodel import select

from service.booking import BERLIN, Schedule
from tests.web.conftest import log_in
from tests.web.staff_helpers import add_booking, at, text


def _window(**overrides: str) -> dict[str, str]:
    values = {"social_worker": "worker-a", "kita": "loevenich", "weekday": "1", "opens": "09:00",
              "closes": "12:00", "slot_minutes": "30", "valid_from": date.today().isoformat(), "valid_until": ""}
    values.update(overrides)
    return values


def _windows(world) -> list[Schedule]:
    with world.session() as session:
        return list(session.exec(select(Schedule)))


def test_admin_adds_a_window_and_the_slots_follow(staff_client, staff_world) -> None:
    response = staff_client.post("/staff/hours", data=_window())
    assert response.status_code == 303
    [window] = _windows(staff_world)
    assert (window.weekday, window.opens.isoformat(), window.slot_minutes) == (1, "09:00:00", 30)
    html = text(staff_client.get("/staff/hours"))
    assert "Dienstag" in html and "09:00" in html and "Städt. Kita Lövenich" in html


def test_a_window_is_checked(staff_client, staff_world) -> None:
    assert staff_client.post("/staff/hours", data=_window()).status_code == 303
    overlapping = staff_client.post("/staff/hours", data=_window(kita="gerderath", opens="11:00", closes="13:00"))
    assert overlapping.status_code == 422 and "überschneidet" in text(overlapping)
    not_hers = staff_client.post("/staff/hours", data=_window(social_worker="worker-b", kita="loevenich"))
    assert not_hers.status_code == 422
    backwards = staff_client.post("/staff/hours", data=_window(weekday="2", opens="12:00", closes="09:00"))
    assert backwards.status_code == 422
    bad = staff_client.post("/staff/hours", data=_window(weekday="9", opens="25:00", valid_from="gestern"))
    assert bad.status_code == 422
    assert len(_windows(staff_world)) == 1


def test_ending_hours_keeps_bookings_and_lists_them(staff_client, staff_world) -> None:
    start = at(7, 10)
    weekday = start.astimezone(BERLIN).weekday()
    staff_client.post("/staff/hours", data=_window(weekday=str(weekday), valid_from=(date.today() - timedelta(days=1))
                                                  .isoformat()))
    booking = add_booking(staff_world, start)
    assert "Gebuchte Gespräche außerhalb" not in text(staff_client.get("/staff/hours"))
    [window] = _windows(staff_world)
    response = staff_client.post(f"/staff/hours/{window.id}/end", data={"last_day": date.today().isoformat()})
    assert response.status_code == 303
    html = text(staff_client.get("/staff/hours"))
    assert "Gebuchte Gespräche außerhalb" in html and "K7M 4QX" in html
    from tests.web.staff_helpers import status_of

    assert status_of(staff_world, booking) == "booked"


def test_a_social_worker_edits_only_her_own_hours(client, app, make_staff, staff_world) -> None:
    log_in(client, app, make_staff("anna", role="social_worker", worker="worker-a"))
    assert client.post("/staff/hours", data=_window(social_worker="worker-b", kita="gerderath")).status_code in {
        403, 422}
    assert client.post("/staff/hours", data=_window()).status_code == 303
    html = text(client.get("/staff/hours"))
    assert "Beispiel B" not in html
    with staff_world.session() as session:
        from service.booking.hours import add_window

        other = add_window(session, staff_world.workers["worker-b"], staff_world.kitas["gerderath"], 4,
                           *[__import__("datetime").time(h) for h in (9, 10)], slot_minutes=30,
                           valid_from=date.today())
        session.commit()
        other_id = other.id
    assert client.post(f"/staff/hours/{other_id}/end", data={"last_day": date.today().isoformat()}).status_code == 404
