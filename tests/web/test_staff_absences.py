"""Staff pages for absences and calendar addresses: block and give back time, odd input, new feed addresses."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from sqlmodel import select

from service.booking import BERLIN, ScheduleException, free_slots
from service.booking.staff import remove_block
from service.directory.models import SocialWorker
from service.errors import NotFound
from tests.booking.conftest import add_window
from tests.web.staff_helpers import text

BLOCK = {"social_worker": "worker-a", "kita": "", "reason": "vacation"}


def _blocks(world) -> list[ScheduleException]:
    with world.session() as session:
        return list(session.exec(select(ScheduleException)))


def test_block_whole_days_takes_the_slots_away(staff_client, staff_world) -> None:
    day = date.today() + timedelta(days=7)
    with staff_world.session() as session:
        add_window(session, "worker-a", "loevenich", day.weekday(), "09:00", "12:00", valid_from=date.today())
        session.commit()
        assert free_slots(session, "loevenich", day, 1)
    data = {**BLOCK, "first_day": day.isoformat(), "last_day": day.isoformat()}
    response = staff_client.post("/staff/absences", data=data)
    assert response.status_code == 303
    [block] = _blocks(staff_world)
    assert block.starts_at == datetime.combine(day, time(0), tzinfo=BERLIN)
    assert block.ends_at == datetime.combine(day + timedelta(days=1), time(0), tzinfo=BERLIN)
    assert block.reason == "vacation" and block.kita_id is None
    with staff_world.session() as session:
        assert free_slots(session, "loevenich", day, 1) == []
    html = text(staff_client.get("/staff/absences"))
    assert "Die Zeit ist gesperrt." in html and "Urlaub" in html and "Beispiel A" in html


def test_block_an_hour_at_one_kita_and_remove_it(staff_client, staff_world) -> None:
    day = (date.today() + timedelta(days=3)).isoformat()
    data = {**BLOCK, "reason": "blocked", "kita": "gerderath", "first_day": day, "first_time": "14:00",
            "last_day": day, "last_time": "15:30"}
    assert staff_client.post("/staff/absences", data=data).status_code == 303
    [block] = _blocks(staff_world)
    assert block.starts_at.astimezone(BERLIN).time() == time(14) and block.kita_id == staff_world.kitas["gerderath"]
    html = text(staff_client.get("/staff/absences"))
    assert "14:00" in html and "15:30" in html and "Familienzentrum Gerderath" in html
    assert staff_client.post(f"/staff/absences/{block.id}/remove").status_code == 303
    assert _blocks(staff_world) == []
    assert "Keine gesperrten Zeiten." in text(staff_client.get("/staff/absences"))


@pytest.mark.parametrize(("changes", "message"), [
    ({"first_day": "2027-13-45"}, "Bitte geben Sie ein Datum ein"),
    ({"first_day": "\x00"}, "Bitte geben Sie ein Datum ein"),
    ({"last_day": ""}, "Bitte geben Sie ein Datum ein"),
    ({"first_day": "99999-01-01"}, "Bitte geben Sie ein Datum ein"),
    ({"first_day": "2027-02-30"}, "Bitte geben Sie ein Datum ein"),
    ({"first_day": "2027-03-01\n"}, None),
    ({"first_day": "1.3.27"}, "Bitte geben Sie ein Datum ein"),
    ({"first_time": "25:00"}, "Bitte geben Sie eine Uhrzeit ein"),
    ({"last_time": "12:00\x00"}, "Bitte geben Sie eine Uhrzeit ein"),
    ({"first_day": "2027-03-05"}, "Das Ende muss nach dem Beginn liegen."),
    ({"social_worker": "nobody"}, "Bitte wählen Sie aus der Liste."),
    ({"social_worker": "\x00"}, "Bitte wählen Sie aus der Liste."),
    ({"kita": "nowhere"}, "Bitte wählen Sie aus der Liste."),
    ({"reason": "holiday"}, "Bitte wählen Sie aus der Liste."),
])
def test_odd_block_input_is_answered_in_the_form(staff_client, staff_world, changes, message) -> None:
    data = {**BLOCK, "first_day": "2027-03-01", "last_day": "2027-03-02", **changes}
    response = staff_client.post("/staff/absences", data=data)
    if message is None:  # harmless: accepted
        assert response.status_code == 303
        return
    assert response.status_code == 422 and message in text(response)
    assert 'aria-invalid="true"' in text(response)
    assert _blocks(staff_world) == []


@pytest.mark.parametrize(("first_day", "first_time", "start"), [
    ("2027-03-01", "", datetime(2027, 3, 1, 0, 0)),
    ("1.3.2027", "9:05", datetime(2027, 3, 1, 9, 5)),
    (" 01.03.2027 ", "09.05", datetime(2027, 3, 1, 9, 5)),
    ("2027-03-01", "23:59:30", datetime(2027, 3, 1, 23, 59)),
])
def test_dates_as_browsers_send_or_people_type_them(staff_client, staff_world, first_day, first_time, start) -> None:
    data = {**BLOCK, "first_day": first_day, "first_time": first_time, "last_day": "2027-03-02"}
    assert staff_client.post("/staff/absences", data=data).status_code == 303
    [block] = _blocks(staff_world)
    assert block.starts_at == start.replace(tzinfo=BERLIN)


def test_remove_block_in_the_core(session) -> None:
    with pytest.raises(NotFound):
        remove_block(session, 2**40)


def test_calendar_addresses_and_a_new_one(staff_client, staff_world, client) -> None:
    old = "feed-token-worker-a-0123456789"
    html = text(staff_client.get("/staff/calendar"))
    assert f'value="http://wegweiser.test/calendar/{old}.ics"' in html
    assert f'href="webcal://wegweiser.test/calendar/{old}.ics"' in html
    assert "Beispiel B" in html and "Outlook" in html
    assert staff_client.get(f"/calendar/{old}.ics").status_code == 200
    response = staff_client.post("/staff/calendar/worker-a/renew")
    assert response.status_code == 303 and response.headers["Location"].endswith("#feed-worker-a")
    with staff_world.session() as session:
        new = session.exec(select(SocialWorker.ical_token).where(SocialWorker.slug == "worker-a")).one()
    assert new != old
    assert staff_client.get(f"/calendar/{old}.ics").status_code == 404
    assert staff_client.get(f"/calendar/{new}.ics").status_code == 200
    assert f"http://wegweiser.test/calendar/{new}.ics" in text(staff_client.get("/staff/calendar"))
