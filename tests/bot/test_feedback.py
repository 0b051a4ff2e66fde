"""The bot's "did this help?" buttons under an entry store an anonymous answer."""

from __future__ import annotations

from sqlmodel import Session, select

from service.curation.models import Feedback
from tests.bot.harness import messages


def test_entry_buttons_store_anonymous_feedback(parent, bot, loaded) -> None:
    chat = parent(chat_id=4101, lang="de")
    shown = messages(chat.send("/start e_uk_kindergeld"))
    assert {"fb:y:kindergeld", "fb:n:kindergeld"} <= set(shown[-1].data())
    calls = chat.press("fb:n:kindergeld")
    answers = [c for c in calls if c.method == "answerCallbackQuery"]
    assert answers and answers[-1].params.get("text")
    chat.press("fb:y:no-such-entry")
    with Session(loaded) as session:
        rows = list(session.exec(select(Feedback)))
    assert [(r.kind, r.entry_slug, r.lang, r.helpful, r.channel) for r in rows] == [
        ("entry", "kindergeld", "uk", False, "bot")]


def test_not_sure_screen_takes_a_wish_once(parent, bot, loaded) -> None:
    chat = parent(chat_id=4102, lang="de")
    screen = messages(chat.send("xqzzyv blorf"))
    assert "wish" in screen[-1].data()
    chat.press("wish")
    thanks = messages(chat.send("Hilfe für die Miete, ruft 0176 123 an"))
    assert thanks and "0176" not in thanks[-1].text
    searched = messages(chat.send("Kindergeld"))
    assert any("kindergeld" in str(m.data()) for m in searched)
    with Session(loaded) as session:
        rows = list(session.exec(select(Feedback)))
    assert [(r.kind, r.text, r.channel, r.lang) for r in rows] == [("search", "Hilfe für die Miete, ruft an", "bot",
                                                                    "de")]
