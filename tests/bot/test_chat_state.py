"""The chat-state core (service.chats) and the bot's persistence over it, on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from sqlmodel import Session

from bots.telegram.persistence import DatabasePersistence
from service import chats

BIG_CHAT = 7_000_000_000  # Telegram chat ids exceed 32 bits


def test_save_touch_and_delete(session: Session) -> None:
    chats.save_chat(session, BIG_CHAT, "fa", {"kita": "loevenich"})
    session.commit()
    row = chats.get_chat(session, BIG_CHAT)
    assert row is not None and row.lang == "fa" and row.pending == {"kita": "loevenich"}
    assert chats.touch_chat(session, BIG_CHAT) and not chats.touch_chat(session, 1)
    assert chats.get_chat(session, 1) is None  # touching never creates a row
    assert chats.delete_chat(session, BIG_CHAT) and not chats.delete_chat(session, BIG_CHAT)
    session.commit()
    assert chats.load_chats(session) == []


def test_conversation_positions(session: Session) -> None:
    chats.set_conversation(session, 11, "booking", None)
    assert chats.get_chat(session, 11) is None  # ending a conversation creates nothing
    chats.set_conversation(session, 11, "booking", "name")
    chats.set_conversation(session, 11, "other", "x")
    session.commit()
    assert chats.get_chat(session, 11).conversations == {"booking": "name", "other": "x"}
    chats.set_conversation(session, 11, "booking", None)
    session.commit()
    session.expire_all()
    assert chats.get_chat(session, 11).conversations == {"other": "x"}


def test_purge_inactive(session: Session) -> None:
    now = datetime.now(UTC)
    chats.save_chat(session, 21, "de", {}, now=now - timedelta(days=366))
    chats.save_chat(session, 22, "de", {}, now=now - timedelta(days=364))
    session.commit()
    assert chats.purge_inactive(session, now) == [21]
    session.commit()
    assert [row.chat_id for row in chats.load_chats(session)] == [22]


def test_persistence_round_trip(db) -> None:  # noqa: ANN001
    async def write() -> None:
        persistence = DatabasePersistence(db)
        await asyncio.gather(
            persistence.update_chat_data(31, {"lang": "ar", "booking": {"kita": "gerderath", "first_name": "Ali"}}),
            persistence.update_conversation("booking", (31,), "consent"),
            persistence.update_chat_data(32, {}),  # nothing worth keeping: no row
            persistence.update_chat_data(33, {"lang": "uk", "scratch": "not kept"}),
        )
        await persistence.drop_chat_data(33)
        await persistence.flush()

    async def read() -> tuple[dict, dict]:
        persistence = DatabasePersistence(db)
        return await persistence.get_chat_data(), await persistence.get_conversations("booking")

    asyncio.run(write())
    data, conversations = asyncio.run(read())
    assert data == {31: {"lang": "ar", "booking": {"kita": "gerderath", "first_name": "Ali"}}}
    assert conversations == {(31,): "consent"}


def test_one_persistence_run_is_one_transaction(db, monkeypatch) -> None:  # noqa: ANN001
    persistence = DatabasePersistence(db)
    batches: list[int] = []
    original = persistence._apply

    def counting(batch: list) -> None:
        batches.append(len(batch))
        original(batch)

    monkeypatch.setattr(persistence, "_apply", counting)

    async def run() -> None:
        await asyncio.gather(*(persistence.update_chat_data(i, {"lang": "de"}) for i in range(100, 150)))

    asyncio.run(run())
    assert batches == [50]


def test_a_saved_position_the_bot_no_longer_knows_is_dropped(db) -> None:  # noqa: ANN001
    from bots.telegram.handlers.dialog import STATES

    async def write() -> None:
        persistence = DatabasePersistence(db)
        await asyncio.gather(persistence.update_chat_data(41, {"booking": {"kita": "gerderath"}}),
                             persistence.update_conversation("booking", (41,), "retired-step"),
                             persistence.update_chat_data(42, {"booking": {"kita": "gerderath"}}),
                             persistence.update_conversation("booking", (42,), "name"))
        await persistence.flush()

    async def read() -> dict:
        return await DatabasePersistence(db, states={"booking": STATES}).get_conversations("booking")

    asyncio.run(write())
    assert asyncio.run(read()) == {(42,): "name"}  # 41 keeps its draft: its next button offers to continue
