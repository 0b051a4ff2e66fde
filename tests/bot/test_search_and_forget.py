"""Free-text search through the core, /delete, flood protection and the error handler."""

from __future__ import annotations

import logging

from sqlmodel import Session, select

from bots.telegram.processor import FloodGuard
from service import counters
from service.booking import Booking
from service.chats import get_chat
from service.reports.counters import DailyCounter
from tests.bot.harness import Parent, last, messages
from tests.bot.test_booking_dialog import to_consent
from tests.bot.test_start_and_browse import flush


def test_free_text_search_in_turkish_with_a_typo(parent, loaded) -> None:
    chat = parent(chat_id=6001, lang="tr")
    chat.press("lang:tr")
    answer = last(chat.send("borç danişmanlıgı"))
    assert answer.data()[0] == "e:schuldnerberatung"
    assert answer.buttons[0]["text"].startswith("Borç")  # the Turkish title
    entry = messages(chat.press(answer.data()[0]))
    assert entry[0].text.startswith("<b>Borç")
    counters.flush()
    with Session(loaded) as session:
        counted = {(c.event, c.lang, c.source) for c in session.exec(select(DailyCounter))}
    assert ("search", "tr", "") in counted and ("entry_view", "tr", "bot") in counted


def test_a_search_that_fits_nothing_is_never_a_dead_end(parent) -> None:
    answer = last(parent(chat_id=6101, lang="de").send("xyzzy qqq"))
    assert "topics" in answer.data() and "book" in answer.data()
    assert all(len(d.encode()) <= 64 for d in answer.data())


def test_delete_forgets_the_chat_but_keeps_the_talk(parent, bot, bookable, loaded) -> None:
    chat = parent(chat_id=6201, lang="de")
    chat.press("lang:pl")
    to_consent(chat, bookable, "Ewa")
    chat.press("ok:yes")
    flush(bot)
    with Session(loaded) as session:
        assert get_chat(session, 6201).lang == "pl"
    question = last(chat.send("/delete"))
    assert question.data() == ["del:all", "del:yes", "del:no"]  # talks booked: cancel them, or keep them
    assert "del:yes" not in last(chat.press("del:no")).data()
    last(chat.send("/delete"))
    done = last(chat.press("del:yes"))
    flush(bot)
    with Session(loaded) as session:
        assert get_chat(session, 6201) is None
        [booking] = session.exec(select(Booking)).all()
        assert booking.chat_id is None and booking.status == "booked"
    assert f"{booking.code[:3]} {booking.code[3:]}" in done.text  # said once more: the bot cannot show it again
    assert done.data() == ["menu"]  # not a dead end
    assert "book" in last(chat.send("/mybookings")).data()  # no talks known for this chat any more
    assert "lang:de" in last(chat.send("/start")).data()  # the language is forgotten: asked again


def test_delete_can_cancel_the_talks_first(parent, bot, bookable, loaded) -> None:
    chat = parent(chat_id=6202, lang="de")
    to_consent(chat, bookable, "Ewa")
    chat.press("ok:yes")
    assert "del:all" in last(chat.send("/delete")).data()
    done = last(chat.press("del:all"))
    assert "abgesagt" in done.text
    flush(bot)
    with Session(loaded) as session:
        [booking] = session.exec(select(Booking)).all()
        assert booking.status == "cancelled" and booking.chat_id is None


def test_delete_in_the_middle_of_a_booking_ends_it(parent, bot, bookable, loaded) -> None:
    chat = parent(chat_id=6301, lang="de")
    to_consent(chat, bookable)
    chat.press("del:yes")
    flush(bot)
    with Session(loaded) as session:
        assert get_chat(session, 6301) is None
    again = chat.press("ok:yes")  # the dialog is gone: an old button, nothing booked and nothing alarming
    assert [c.method for c in again] == ["answerCallbackQuery"]
    with Session(loaded) as session:
        assert session.exec(select(Booking)).all() == []


def test_flooding_chat_is_slowed_down_and_others_are_not(api, loaded, start_bot) -> None:
    runner = start_bot(flood=FloodGuard(burst=3, rate=0.0))
    calm = Parent(api, runner, 6402)
    mark = len(api.calls)
    ids = api.push_many([api.text_update(6401, "/help") for _ in range(8)])
    runner.wait(ids)
    sent = [c for c in api.calls_for(6401, since=mark) if c.method == "sendMessage"]
    assert len(sent) == 4  # three answers and one request to slow down
    assert "/help" not in sent[-1].text
    assert "/mybookings" in last(calm.send("/help")).text


def test_errors_are_logged_without_personal_data_and_answered(api, parent, caplog) -> None:
    chat = parent(chat_id=6501, lang="en")
    api.fail_next("sendMessage", 400, "Bad Request: something odd")
    with caplog.at_level(logging.INFO, logger="bots.telegram"):
        calls = chat.send("Secret Name 0171 2345678")
    assert "Secret" not in caplog.text and "0171" not in caplog.text and "odd" not in caplog.text
    assert "BadRequest" in caplog.text
    answer = last(calls)
    assert answer.method == "sendMessage" and answer.text  # the polite answer after the failure


def test_group_chats_are_ignored(api, bot) -> None:
    update = api.text_update(6601, "/start", "de")
    update["message"]["chat"] = {"id": -100123, "type": "supergroup", "title": "Elterncafé"}
    mark = len(api.calls)
    bot.wait([api.push(update)])
    assert [c for c in api.calls[mark:] if c.method == "sendMessage"] == []


def test_hello_gets_the_greeting_with_the_menu_not_a_search(parent, loaded) -> None:
    chat = parent(chat_id=6111, lang="de")
    chat.press("lang:de")
    for hello in ("Hallo", "danke!"):
        answer = last(chat.send(hello))
        assert answer.text.startswith("Hallo! Ich bin der Kita-Wegweiser")
        assert {"topics", "kitas", "book"} <= set(answer.data())
        assert not any(data.startswith("e:") for data in answer.data())


def test_a_name_gets_the_not_sure_screen_with_maybe_hits(parent, loaded) -> None:
    chat = parent(chat_id=6121, lang="de")
    chat.press("lang:de")
    answer = last(chat.send("Sam"))
    assert answer.text.startswith("Ich bin nicht sicher, ob ich Sie richtig verstanden habe.")
    assert "Vielleicht passt eines davon:" in answer.text
    assert any(data.startswith("e:") for data in answer.data())
    assert "topics" in answer.data() and "book" in answer.data()


def test_a_sure_answer_has_no_not_sure_screen(parent, loaded) -> None:
    chat = parent(chat_id=6131, lang="de")
    chat.press("lang:de")
    answer = last(chat.send("Kinderarzt"))
    assert answer.data()[0] == "e:gesundheit-kind" and "nicht sicher" not in answer.text
