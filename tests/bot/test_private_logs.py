"""A bot dialog with personal data (name, phone, a search naming a street) leaves none of it in logs or counters."""

from __future__ import annotations

import json
import logging

from sqlmodel import Session, select

from service import counters
from service.reports import DailyCounter
from tests.bot.harness import last
from tests.bot.test_booking_dialog import to_first_name

PERSONAL = ("Zeynep", "Yilmaz", "Gartenstrasse", "5551234", "0170")


def test_bot_dialog_leaves_nothing_personal(parent, bookable, loaded, caplog) -> None:
    caplog.set_level(logging.INFO)  # what `python -m bots.telegram` logs (DEBUG would echo whole updates)
    chat = parent(chat_id=7301, lang="de")
    to_first_name(chat, bookable)
    assert last(chat.send("Zeynep")).data() == ["ph:skip", "bk", "bx"]
    last(chat.send("0170 5551234"))
    last(chat.press("ip:no"))
    booked = last(chat.press("ok:yes"))
    assert "Zeynep" in booked.text or "/mybookings" in booked.text
    mine = last(chat.send("/mybookings"))
    cancel = next(d for d in mine.data() if d.startswith("cx:"))
    chat.press(cancel)
    chat.send("Zeynep Yilmaz Gartenstrasse 12 0170 5551234")
    counters.flush()
    logged = "\n".join(f"{r.name} {r.getMessage()} {r.exc_text or ''}" for r in caplog.records)
    with Session(loaded) as session:
        stored = json.dumps([row.model_dump(mode="json") for row in session.exec(select(DailyCounter))])
    assert '"booking"' in stored and '"search_empty"' in stored
    for secret in PERSONAL:
        assert secret not in logged, secret
        assert secret.lower() not in stored.lower(), secret
