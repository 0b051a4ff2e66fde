"""PTB persistence over our chat-state table: a restart in the middle of a booking continues where it was.

Only what the bot needs survives: per chat the language (`chat_data["lang"]`), the booking being made
(`chat_data["booking"]`) and the conversation positions. User data, bot data and callback data are not kept.
Writes of one persistence run go to the database in one transaction, off the event loop.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from sqlalchemy.engine import Engine
from telegram.ext import BasePersistence, PersistenceInput

from service import chats
from service.db import session_scope

Write = Callable[[Any], object]
ConversationKey = tuple[int | str, ...]
ConversationDict = dict[ConversationKey, object]


class DatabasePersistence(BasePersistence[dict, dict, dict]):
    """Chat data and conversation states in `chat_state`."""

    def __init__(self, engine: Engine, update_interval: float = 1.0,
                 states: dict[str, frozenset[object]] | None = None) -> None:
        super().__init__(PersistenceInput(bot_data=False, chat_data=True, user_data=False, callback_data=False),
                         update_interval=update_interval)
        self.engine = engine
        self.states = states or {}  # conversation name -> the states it has today
        self._rows: list[chats.ChatState] | None = None
        self._batch: list[Write] | None = None
        self._writer: asyncio.Task | None = None

    def _load(self) -> list[chats.ChatState]:
        if self._rows is None:
            with session_scope(self.engine) as session:
                self._rows = chats.load_chats(session)
        return self._rows

    async def get_chat_data(self) -> dict[int, dict]:
        rows = await asyncio.to_thread(self._load)
        data: dict[int, dict] = {}
        for row in rows:
            entry: dict[str, Any] = {}
            if row.lang:
                entry["lang"] = row.lang
            if row.pending:
                entry["booking"] = dict(row.pending)
            data[row.chat_id] = entry
        return data

    async def get_conversations(self, name: str) -> ConversationDict:
        """Saved positions; one the bot no longer knows (a dialog saved by an older version) is dropped, so the
        chat's next button offers to continue from its draft instead of failing."""
        rows = await asyncio.to_thread(self._load)
        known = self.states.get(name)
        return {(row.chat_id,): row.conversations[name] for row in rows if name in (row.conversations or {})
                and (known is None or row.conversations[name] in known)}

    async def update_chat_data(self, chat_id: int, data: dict) -> None:
        if data.get("lang") or data.get("booking"):
            lang, pending = data.get("lang"), data.get("booking") or {}
            await self._write(lambda session: chats.save_chat(session, chat_id, lang, pending))
        else:
            await self._write(lambda session: chats.touch_chat(session, chat_id))

    async def update_conversation(self, name: str, key: ConversationKey, new_state: object | None) -> None:
        chat_id = int(key[0])
        await self._write(lambda session: chats.set_conversation(session, chat_id, name, new_state))

    async def drop_chat_data(self, chat_id: int) -> None:
        await self._write(lambda session: chats.delete_chat(session, chat_id))

    async def _write(self, work: Write) -> None:
        """Join the current batch (one transaction for everything one persistence run writes)."""
        if self._batch is None:
            self._batch = []
            self._writer = asyncio.create_task(self._commit(self._batch))
        self._batch.append(work)
        writer = self._writer
        assert writer is not None
        await asyncio.shield(writer)

    async def _commit(self, batch: list[Write]) -> None:
        await asyncio.sleep(0)  # let the other writes of this persistence run join
        self._batch = None
        await asyncio.to_thread(self._apply, batch)

    def _apply(self, batch: list[Write]) -> None:
        with session_scope(self.engine) as session:
            for work in batch:
                work(session)
                session.flush()

    async def flush(self) -> None:
        if self._writer is not None:
            await asyncio.shield(self._writer)
        self._rows = None

    # What the bot does not keep.
    async def get_user_data(self) -> dict[int, dict]:
        return {}

    async def get_bot_data(self) -> dict:
        return {}

    async def get_callback_data(self) -> None:
        return None

    async def update_user_data(self, user_id: int, data: dict) -> None:
        return None

    async def update_bot_data(self, data: dict) -> None:
        return None

    async def update_callback_data(self, data: Any) -> None:
        return None

    async def drop_user_data(self, user_id: int) -> None:
        return None

    async def refresh_user_data(self, user_id: int, user_data: dict) -> None:
        return None

    async def refresh_chat_data(self, chat_id: int, chat_data: dict) -> None:
        return None

    async def refresh_bot_data(self, bot_data: dict) -> None:
        return None
