"""Dialogs without booking: greeting, language, deep links to entries, topics, kitas, help, privacy, fallbacks."""

from __future__ import annotations

from sqlmodel import Session

from bots.telegram.text import LRI, RLM
from service.chats import get_chat
from tests.bot.harness import last, messages


def flush(bot) -> None:  # noqa: ANN001
    """Write the bot's chat state now (it does so every second and on stop)."""
    bot.call(bot.application.update_persistence())
    bot.call(bot.application.persistence.flush())


def test_start_greets_with_emergency_numbers_and_language_buttons(parent) -> None:
    message = last(parent(lang="de").send("/start"))
    first_emergency_line = next(line for line in message.text.split("\n") if "110" in line)
    assert "112" in first_emergency_line and "116 016" in first_emergency_line
    assert [d for d in message.data() if d.startswith("lang:")] == [
        "lang:de", "lang:en", "lang:tr", "lang:ar", "lang:uk", "lang:ru", "lang:pl", "lang:ro", "lang:fa", "lang:ku"]
    names = [b["text"] for b in message.buttons]
    assert "العربية" in names and "Kurdî (Kurmancî)" in names and "Українська" in names
    assert message.params["parse_mode"] == "HTML"


def test_telegram_language_code_is_the_first_guess(parent) -> None:
    greeting = last(parent(chat_id=2001, lang="uk-UA").send("/start"))
    german = last(parent(chat_id=2002, lang="de").send("/start"))
    assert greeting.text != german.text
    assert "Kita-Wegweiser" in greeting.text
    arabic = last(parent(chat_id=2003, lang="ar").send("/start"))
    assert all(line.startswith(RLM) for line in arabic.text.split("\n") if line)


def test_a_telegram_language_we_do_not_offer_falls_back_to_english(parent) -> None:
    spanish = last(parent(chat_id=2004, lang="es").send("/start"))
    english = last(parent(chat_id=2005, lang="en").send("/start"))
    assert spanish.text == english.text and "Hello!" in spanish.text


def test_choosing_a_language_is_kept_in_the_database(parent, bot, loaded) -> None:
    chat = parent(chat_id=2101, lang="en")
    answer = last(chat.press("lang:tr"))
    assert "Türkçe" in answer.text
    assert answer.method == "sendMessage"  # the greeting with the emergency numbers stays in the chat
    assert "topics" in answer.data()
    flush(bot)
    with Session(loaded) as session:
        row = get_chat(session, 2101)
        assert row is not None and row.lang == "tr"
    help_text = last(chat.send("/help")).text
    assert "/mybookings" in help_text


def test_deep_link_opens_an_entry_in_arabic(parent, bot, loaded) -> None:
    calls = parent(chat_id=2201, lang="de").send("/start e_ar_kinderzuschlag")
    shown = messages(calls)
    assert shown[0].text.startswith(RLM + "<b>العلاوة الإضافية للطفل")
    assert len(shown) == 1 and len(shown[0].text) <= 900  # a short card; the sections are buttons
    assert all(line.startswith(RLM) for line in shown[0].text.split("\n") if line)
    assert shown[0].urls() == ["https://wegweiser.test/ar/e/kinderzuschlag?src=bot"]
    assert {"bt:kinderzuschlag", "es:wg:kinderzuschlag", "es:ha:kinderzuschlag", "es:wh:kinderzuschlag"} <= set(
        shown[0].data())
    where = messages(parent(chat_id=2201, lang="de").press("es:wh:kinderzuschlag"))
    body = "\n".join(c.text for c in where)
    assert all(line.startswith(RLM) for line in body.split("\n") if line)
    assert "0800 4 5555 30" in body and LRI + "0800 4 5555 30" in body  # the hotline kept in order
    assert all(len(c.text) <= 1200 for c in where)
    assert {"e:kinderzuschlag", "bt:kinderzuschlag"} <= set(where[-1].data())  # back to the card, or book
    flush(bot)
    with Session(loaded) as session:
        assert get_chat(session, 2201).lang == "ar"  # set by the link, since none was chosen


def test_deep_link_keeps_a_chosen_language(parent, bot, loaded) -> None:
    chat = parent(chat_id=2202, lang="de")
    chat.press("lang:en")
    shown = messages(chat.send("/start e_ar_kindergeld"))
    assert "إعانة الطفل" in shown[0].text
    flush(bot)
    with Session(loaded) as session:
        assert get_chat(session, 2202).lang == "en"


def test_unknown_payloads_fall_back_to_the_greeting(parent) -> None:
    chat = parent(chat_id=2301)
    greeting = last(chat.send("/start")).text
    for payload in ["hello", "e_xx_kindergeld", "e_de_no-such-entry", "e_de_", "b_de_no-such-kita", "b_zz_loevenich",
                    "e_de_" + "a" * 60, "<script>"]:
        assert last(chat.send(f"/start {payload}")).text == greeting, payload


def test_topics_lead_to_entries(parent) -> None:
    chat = parent(chat_id=2401, lang="de")
    topics = last(chat.send("/topics"))
    assert "t:money" in topics.data()
    entries = last(chat.press("t:money"))
    assert "e:kindergeld" in entries.data() and "topics" in entries.data()
    entry = messages(chat.press("e:kindergeld"))
    assert entry[0].text.startswith("<b>Kindergeld")
    assert "Back" not in entry[0].text
    stale = last(chat.press("t:no-such-topic"))  # a button of a topic removed meanwhile
    assert "no-such-topic" not in stale.text and "Thema gibt es nicht mehr" in stale.text
    assert "topics" in stale.data()


def test_kitas_lead_to_booking(parent) -> None:
    chat = parent(chat_id=2501, lang="de")
    kitas = last(chat.send("/kitas"))
    assert len([d for d in kitas.data() if d.startswith("k:")]) == 5
    kita = last(chat.press("k:loevenich"))
    assert "Lövenich" in kita.text
    assert "b:loevenich" in kita.data()
    assert "https://wegweiser.test/de/kitas/loevenich?src=bot" in kita.urls()


def test_privacy_and_help(parent) -> None:
    chat = parent(chat_id=2601, lang="en")
    privacy = last(chat.send("/privacy"))
    assert "12" in privacy.text and "30" in privacy.text
    assert "https://wegweiser.test/en/privacy?src=bot" in privacy.urls()
    assert "del" in privacy.data()
    assert "/delete" in last(chat.send("/nonsense")).text  # unknown command -> help


def test_voice_message_gets_a_kind_reply(parent) -> None:
    chat = parent(chat_id=2701, lang="tr")
    reply = last(chat.voice())
    assert reply.method == "sendMessage" and "topics" in reply.data() and "book" in reply.data()


def test_over_long_text_is_answered_without_searching(parent, loaded) -> None:
    chat = parent(chat_id=2801, lang="de")
    reply = last(chat.send("Kindergeld " * 40))
    assert "200" in reply.text
    assert not reply.data()


def test_old_buttons_are_answered_politely(parent) -> None:
    chat = parent(chat_id=2901, lang="de")
    calls = chat.press("s:1_2_202612011000")
    assert any(c.method == "answerCallbackQuery" for c in calls)
    assert "topics" in last(calls).data()
    assert "topics" in last(chat.press("lang:xx")).data()


def test_html_in_user_input_is_never_echoed_raw(parent) -> None:
    reply = last(parent(chat_id=3001).send("<b>hallo</b> & <script>"))
    assert "<script>" not in reply.text
