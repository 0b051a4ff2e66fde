"""The booking dialog end to end: whole booking (with the interpreter question), restarts in the middle, two chats
racing, /mybookings, limits."""

from __future__ import annotations

from datetime import date, timedelta

from sqlmodel import Session, select

from service import chats
from service.booking import BOOKED, CANCELLED, Booking, free_slots
from tests.bot.harness import Parent, last, messages


def to_first_name(chat: Parent, kita: str) -> str:
    """Walk the dialog up to the first-name question; returns the chosen slot id."""
    kitas = last(chat.send("/book"))
    assert f"b:{kita}" in kitas.data()
    days = last(chat.press(f"b:{kita}"))
    slots = last(chat.press(next(d for d in days.data() if d.startswith("d:"))))
    slot = next(d for d in slots.data() if d.startswith("s:"))
    assert last(chat.press(slot)).data() == ["bk", "bx"]  # asks for the first name, typed; back or cancel
    return slot.removeprefix("s:")


def to_interpreter(chat: Parent, kita: str, name: str = "Ayşe") -> str:
    """Walk the dialog up to the interpreter question; returns the chosen slot id."""
    slot = to_first_name(chat, kita)
    assert last(chat.send(name)).data() == ["ph:skip", "bk", "bx"]  # a phone number is optional
    assert last(chat.press("ph:skip")).data() == ["ip:yes", "ip:no", "bk", "bx"]  # one tap: yes or no
    return slot


def to_consent(chat: Parent, kita: str, name: str = "Ayşe", interpreter: bool = False) -> str:
    """Walk the dialog up to the consent question; returns the chosen slot id."""
    slot = to_interpreter(chat, kita, name)
    consent = last(chat.press("ip:yes" if interpreter else "ip:no"))
    assert name in consent.text and consent.data()[:2] == ["ok:yes", "ok:no"]
    return slot


def bookings(engine) -> list[Booking]:  # noqa: ANN001
    with Session(engine) as session:
        return list(session.exec(select(Booking).order_by(Booking.id)).all())


def test_whole_booking_then_mybookings_and_cancel(parent, bookable, loaded) -> None:
    chat = parent(chat_id=5001, lang="de")
    to_interpreter(chat, bookable)
    consent = last(chat.press("ip:yes"))
    assert "Dolmetschung: ja" in consent.text and "ob Sie eine Dolmetschung brauchen" in consent.text
    booked = last(chat.press("ok:yes"))
    [booking] = bookings(loaded)
    assert booking.chat_id == 5001 and booking.first_name == "Ayşe" and booking.lang == "de"
    assert booking.contact is None and booking.status == BOOKED and booking.interpreter is True
    assert f"{booking.code[:3]} {booking.code[3:]}" in booked.text
    assert "/mybookings" in booked.text and "Dolmetschung gebeten" in booked.text
    mine = last(chat.send("/mybookings"))
    assert booking.code[:3] in mine.text and f"cx:{booking.id}" in mine.data()
    assert "mit Dolmetschung" in mine.text
    confirm = last(chat.press(f"cx:{booking.id}"))
    assert confirm.data() == [f"cxy:{booking.id}", "cxn"]
    last(chat.press(f"cxy:{booking.id}"))
    assert bookings(loaded)[0].status == CANCELLED
    assert "book" in last(chat.send("/mybookings")).data()  # nothing left; offers to book


def test_booking_from_an_entry_keeps_the_topic_and_a_deep_link_starts_at_the_kita(parent, bookable, loaded) -> None:
    chat = parent(chat_id=5101, lang="ar")
    kitas = last(chat.press("bt:kinderzuschlag"))
    assert f"b:{bookable}" in kitas.data()
    days = last(chat.press(f"b:{bookable}"))
    slots = last(chat.press(next(d for d in days.data() if d.startswith("d:"))))
    chat.press(next(d for d in slots.data() if d.startswith("s:")))
    chat.send("Leyla")
    question = last(chat.press("ph:skip"))
    assert [b["text"] for b in question.buttons][:2] == ["نعم", "لا"]  # in the parent's language
    chat.press("ip:no")
    booked = last(chat.press("ok:yes"))
    assert [(b.topic, b.lang, b.interpreter) for b in bookings(loaded)] == [("kinderzuschlag", "ar", False)]
    assert "مترجم" not in booked.text and "مترجم" not in last(chat.send("/mybookings")).text
    other = parent(chat_id=5102, lang="de")
    days = last(other.send(f"/start b_tr_{bookable}"))
    assert any(d.startswith("d:") for d in days.data())


def test_a_restart_in_the_middle_of_a_booking_continues(api, parent, bookable, loaded, start_bot, bot) -> None:
    chat = parent(chat_id=5201, lang="tr")
    to_first_name(chat, bookable)  # the bot now waits for the first name
    bot.stop()
    again = Parent(api, start_bot(), 5201, "tr")
    assert last(again.send("Mehmet")).data()[0] == "ph:skip"  # a name, not a search: the dialog survived
    again.runner.stop()
    third = Parent(api, start_bot(), 5201, "tr")  # and once more, between name and phone
    question = last(third.send("0176 1234567"))
    assert question.data()[:2] == ["ip:yes", "ip:no"] and [b["text"] for b in question.buttons][:2] == ["Evet", "Hayır"]
    third.runner.stop()
    fourth = Parent(api, start_bot(), 5201, "tr")  # and in the interpreter step: the button still answers it
    consent = last(fourth.press("ip:yes"))
    assert consent.data()[:2] == ["ok:yes", "ok:no"] and "Mehmet" in consent.text and "Tercüman: evet" in consent.text
    last(fourth.press("ok:yes"))
    assert [(b.first_name, b.chat_id, b.contact, b.interpreter) for b in bookings(loaded)] == [
        ("Mehmet", 5201, "0176 1234567", True)]


def test_two_chats_racing_for_one_slot(api, parent, bookable, loaded, bot) -> None:
    first, second = parent(chat_id=5301), parent(chat_id=5302)
    slot = to_consent(first, bookable, "Anna")
    assert to_consent(second, bookable, "Olena") == slot
    mark = len(api.calls)
    ids = api.push_many([api.press_update(5301, "ok:yes"), api.press_update(5302, "ok:yes")])
    bot.wait(ids)
    assert len([b for b in bookings(loaded) if b.status == BOOKED]) == 1
    winner = bookings(loaded)[0].chat_id
    loser = 5302 if winner == 5301 else 5301
    answer = last(api.calls_for(loser, since=mark))
    offered = [d for d in answer.data() if d.startswith("s:")]
    assert offered and f"s:{slot}" not in offered
    again = Parent(api, bot, loser)
    consent = last(again.press(offered[0]))  # the name is known: straight to consent
    assert consent.data()[:2] == ["ok:yes", "ok:no"]
    last(again.press("ok:yes"))
    assert sorted(b.chat_id for b in bookings(loaded)) == [5301, 5302]


def test_no_third_future_booking_per_chat(parent, bookable, loaded) -> None:
    chat = parent(chat_id=5401, lang="en")
    for _ in range(2):
        to_consent(chat, bookable, "Sam")
        chat.press("ok:yes")
    refused = last(chat.send("/book"))  # said at the start, not after all the steps
    assert "two talks" in refused.text and "/mybookings" in refused.text and "mine" in refused.data()
    assert not any(d.startswith("b:") for d in refused.data())
    assert len(bookings(loaded)) == 2


def test_commands_and_cancel_leave_the_dialog(parent, bookable, loaded) -> None:
    chat = parent(chat_id=5501, lang="de")
    to_first_name(chat, bookable)
    assert "lang:de" in last(chat.send("/start")).data()  # a command ends the dialog and is answered
    answer = last(chat.send("Kindergeld"))  # ... so text is a search again, not a first name
    assert "e:kindergeld" in answer.data()
    chat.send("/book")
    last(chat.press(f"b:{bookable}"))
    assert "ok:yes" not in last(chat.press("bx")).data()
    assert bookings(loaded) == []


def test_invalid_first_names_are_asked_again(parent, bookable) -> None:
    chat = parent(chat_id=5601, lang="de")
    to_first_name(chat, bookable)
    assert "Buchstaben" in last(chat.send("12345")).text
    assert "60" in last(chat.send("x" * 61)).text
    asked = last(chat.send("Ich möchte gerne einen Termin wegen Kindergeld machen"))  # a sentence is no name
    assert "Vorname" in asked.text and asked.data() == ["bk", "bx"]
    assert last(chat.send("Maria")).data() == ["ph:skip", "bk", "bx"]


def test_an_optional_phone_number_is_checked(parent, bookable, loaded) -> None:
    chat = parent(chat_id=5701, lang="ru")
    to_first_name(chat, bookable)
    chat.send("Ольга")
    for wrong in ["abc", "12", "olga@example.org"]:
        assert last(chat.send(wrong)).data() == ["ph:skip", "bk", "bx"]
    assert last(chat.send("+49 2431 123456")).data() == ["ip:yes", "ip:no", "bk", "bx"]
    consent = last(chat.press("ip:yes"))
    assert "+49 2431 123456" in consent.text and "ok:yes" in consent.data() and "Переводчик: да" in consent.text
    changed = last(chat.press("ip:no"))  # a change of mind on the older question
    assert "Переводчик: нет" in changed.text and "ok:yes" in changed.data()
    chat.press("ok:yes")
    [booking] = bookings(loaded)
    assert (booking.contact, booking.chat_id, booking.lang, booking.interpreter) == ("+49 2431 123456", 5701, "ru",
                                                                                      False)


def test_a_draft_from_before_the_interpreter_question_asks_it_before_booking(api, bookable, loaded,
                                                                             start_bot) -> None:
    with Session(loaded) as session:  # a parent was at consent when the bot was updated
        slot = free_slots(session, bookable, date.today() + timedelta(days=1), 7)[0]
        chats.save_chat(session, 5801, "de", {"kita": bookable, "first_name": "Lena", "phone": None, "slot": {
            "id": slot.id, "start": slot.start.isoformat(), "worker": slot.social_worker_name}})
        chats.set_conversation(session, 5801, "booking", "consent")
        session.commit()
    chat = Parent(api, start_bot(), 5801, "de")
    assert last(chat.press("ok:yes")).data()[:2] == ["ip:yes", "ip:no"]
    assert bookings(loaded) == []
    assert "Dolmetschung: nein" in last(chat.press("ip:no")).text
    chat.press("ok:yes")
    assert [(b.first_name, b.interpreter) for b in bookings(loaded)] == [("Lena", False)]


def test_back_and_change_on_the_way_and_at_the_check_screen(parent, bookable, loaded) -> None:
    chat = parent(chat_id=5801, lang="de")
    to_first_name(chat, bookable)
    chat.send("Ich möchte einen Termin")  # a sentence: asked again, nothing kept
    assert last(chat.send("Lena")).data() == ["ph:skip", "bk", "bx"]
    assert "Vorname" in last(chat.press("bk")).text  # back from the phone step to the name
    chat.send("Lena")
    chat.press("ph:skip")
    consent = last(chat.press("ip:no"))
    assert {"chg:name", "chg:phone", "chg:time"} <= set(consent.data())
    assert "Vorname" in last(chat.press("chg:name")).text
    again = last(chat.send("Lea"))  # straight back to the check screen
    assert "Name: Lea" in again.text and "ok:yes" in again.data()
    chat.press("chg:phone")
    assert "+49 2431 99" in last(chat.send("+49 2431 99")).text  # and back to the check screen
    days = last(chat.press("chg:time"))
    assert any(d.startswith("d:") for d in days.data()) and "bk" in days.data()
    last(chat.press("ok:yes"))
    assert bookings(loaded) == []  # an old consent button after "change time" books nothing by itself


def test_a_command_mid_booking_says_so_and_the_booking_can_continue(parent, bookable, loaded) -> None:
    chat = parent(chat_id=5802, lang="en")
    to_consent(chat, bookable, "Sam")
    answers = messages(chat.send("/help"))
    assert "not finished" in answers[0].text and answers[0].data() == ["bc", "bx"]
    assert "/topics" in answers[-1].text  # the command itself is answered too
    stale = last(chat.press("ok:yes"))  # the old consent button: no "no longer active", an offer to continue
    assert "not finished" in stale.text and "bc" in stale.data()
    resumed = last(chat.press("bc"))
    assert "Sam" in resumed.text and "ok:yes" in resumed.data()
    booked = last(chat.press("ok:yes"))
    assert len(bookings(loaded)) == 1 and "mine" in booked.data()  # the confirmation is no dead end
    second = chat.press("ok:yes")  # a double tap on consent: nothing alarming under the success
    assert [c.method for c in second] == ["answerCallbackQuery"] and len(bookings(loaded)) == 1


def test_leaving_the_dialog_is_no_dead_end(parent, bookable, loaded) -> None:
    chat = parent(chat_id=5803, lang="de")
    to_first_name(chat, bookable)
    nothing = last(chat.press("bx"))
    assert "nichts gebucht" in nothing.text and "book" in nothing.data()
