"""A text saved in the browser is what the bot shows next (the bot's cache follows the directory version)."""

from __future__ import annotations

from sqlmodel import Session

from service.curation.operations import edit_entry_text
from tests.bot.harness import messages


def test_bot_shows_a_browser_edit(parent, bot, loaded) -> None:
    bot.application.bot_data["runtime"].cache.check_every = 0  # the version is read every 2 s in production
    chat = parent(chat_id=4201, lang="de")
    before = "\n".join(m.text for m in messages(chat.send("/start e_en_wohngeld")))
    assert "Edited in the browser for the bot." not in before
    with Session(loaded) as session:
        edit_entry_text(session, "wohngeld", "en", {"summary": "Edited in the browser for the bot."}, "olena")
        session.commit()
    after = "\n".join(m.text for m in messages(chat.send("/start e_en_wohngeld")))
    assert "Edited in the browser for the bot." in after
