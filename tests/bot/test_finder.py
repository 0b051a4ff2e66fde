"""The finder in the bot against the stand-in Bot API: buttons for every question, the core's answer as cards,
and the saved chat state forgets the answers when the dialog ends."""

from __future__ import annotations

from sqlmodel import Session

from service.chats import get_chat
from tests.bot.harness import last


def flush(bot) -> None:  # noqa: ANN001
    bot.call(bot.application.update_persistence())
    bot.call(bot.application.persistence.flush())


def saved_state(bot, engine, chat_id: int) -> str:  # noqa: ANN001
    flush(bot)
    with Session(engine) as session:
        row = get_chat(session, chat_id)
        return repr(row.model_dump()) if row else ""


def test_a_single_parent_taps_through_the_finder(parent, bot, loaded) -> None:
    chat = parent(chat_id=3101, lang="de")
    first = last(chat.send("/finder"))
    assert "fd:age:0" in first.data() and "fd:age:24" in first.data() and "fd:next" in first.data()
    assert "fd:age:3" in last(chat.press("fd:age:3")).data()
    shown = last(chat.press("fd:age:14")).text
    assert "3, 14" in shown
    assert "fd:set:pregnant=y" in last(chat.press("fd:next")).data()
    assert "fd:set:adults=1" in last(chat.press("fd:set:pregnant=n")).data()
    income = last(chat.press("fd:set:adults=1"))
    assert "fd:toggle:work" in income.data() and "fd:toggle:none" in income.data()
    marked = last(chat.press("fd:toggle:work"))
    assert any(b["text"].startswith("✅") for b in marked.buttons)
    earned = last(chat.press("fd:next"))
    assert "fd:set:earned_income=600" in earned.data()
    support = last(chat.press("fd:set:earned_income=900"))
    assert "fd:set:child_support=no" in support.data()
    assert "finder" in bot.application.chat_data[3101]  # held in memory while the dialog runs
    assert "earned_income" not in saved_state(bot, loaded, 3101)  # never written to the database
    assert "fd:set:disability=y" in last(chat.press("fd:set:child_support=no")).data()
    worries = last(chat.press("fd:set:disability=n"))
    assert "fd:toggle:debts" in worries.data()
    chat.press("fd:toggle:debts")
    result = last(chat.press("fd:next"))
    assert "Unterhaltsvorschuss" in result.text and "Kindergeld" in result.text and "Schuldnerberatung" in result.text
    assert "keine Entscheidung" in result.text
    assert "e:unterhaltsvorschuss" in result.data() and "book" in result.data()
    assert "finder" not in bot.application.chat_data[3101]  # forgotten when the dialog ends
    after = saved_state(bot, loaded, 3101)
    assert "earned_income" not in after and "'finder'" not in after and "child_support" not in after


def test_the_deep_link_opens_the_finder_in_its_language(parent, bot, loaded) -> None:
    chat = parent(chat_id=3102, lang="de")
    first = last(chat.send("/start f_ar"))
    assert "fd:age:0" in first.data()
    assert "Which help" not in first.text and "Welche Hilfe" not in first.text


def test_skipping_everything_still_answers_and_closing_forgets(parent, bot, loaded) -> None:
    chat = parent(chat_id=3103, lang="en")
    chat.send("/finder")
    for _step in range(7):
        reply = last(chat.press("fd:skip"))
        if "fd:next" in reply.data() and "fd:toggle:debts" in reply.data():
            break
    result = last(chat.press("fd:next"))
    assert "not a decision" in result.text
    chat.send("/finder")
    closed = last(chat.press("fd:quit"))
    assert "Nothing was saved" in closed.text
    assert "finder" not in bot.application.chat_data[3103]


def test_an_old_finder_button_starts_again(parent, bot, loaded) -> None:
    chat = parent(chat_id=3104, lang="de")
    assert "fd:age:0" in last(chat.press("fd:age:5")).data()


def test_the_menu_offers_the_finder(parent, bot, loaded) -> None:
    chat = parent(chat_id=3105, lang="tr")
    menu = last(chat.press("lang:tr"))
    assert "fd:start" in menu.data()
    assert "fd:age:0" in last(chat.press("fd:start")).data()
