"""Read and write chat state; the adapter (the bot's persistence) commits."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete
from sqlmodel import Session, select

from service.chats.models import ChatState, utcnow

INACTIVE_DAYS = 365
LANG_MAX = 8


def get_chat(session: Session, chat_id: int) -> ChatState | None:
    """The state of one chat, or None when nothing is kept for it."""
    return session.get(ChatState, chat_id)


def load_chats(session: Session) -> list[ChatState]:
    """Every kept chat (the bot reads them once at start)."""
    return list(session.exec(select(ChatState)).all())


def save_chat(session: Session, chat_id: int, lang: str | None, pending: dict[str, Any],
              now: datetime | None = None) -> ChatState:
    """Store a chat's language and pending booking, creating the row when needed."""
    row = session.get(ChatState, chat_id) or ChatState(chat_id=chat_id)
    row.lang = (lang or None) and lang[:LANG_MAX]
    row.pending = dict(pending)
    row.last_seen = now or utcnow()
    session.add(row)
    return row


def touch_chat(session: Session, chat_id: int, now: datetime | None = None) -> bool:
    """Record activity of a chat that has a row; never creates one (nothing to keep, nothing stored)."""
    row = session.get(ChatState, chat_id)
    if row is None:
        return False
    row.last_seen = now or utcnow()
    session.add(row)
    return True


def set_conversation(session: Session, chat_id: int, name: str, state: Any,
                     now: datetime | None = None) -> None:
    """Set the position of a chat in one conversation; None ends it (and creates no row)."""
    row = session.get(ChatState, chat_id)
    if row is None:
        if state is None:
            return
        row = ChatState(chat_id=chat_id)
    conversations = {key: value for key, value in (row.conversations or {}).items() if key != name}
    if state is not None:
        conversations[name] = state
    row.conversations = conversations
    row.last_seen = now or utcnow()
    session.add(row)


def delete_chat(session: Session, chat_id: int) -> bool:
    """Forget everything kept about a chat; True when there was something."""
    result = session.execute(delete(ChatState).where(ChatState.chat_id == chat_id))  # type: ignore[arg-type]
    return bool(result.rowcount)


def purge_inactive(session: Session, now: datetime | None = None, days: int = INACTIVE_DAYS) -> list[int]:
    """Delete the state of chats inactive for `days` (12 months); returns their ids."""
    cutoff = (now or utcnow()) - timedelta(days=days)
    ids = list(session.exec(select(ChatState.chat_id).where(ChatState.last_seen < cutoff)).all())
    if ids:
        session.execute(delete(ChatState).where(ChatState.chat_id.in_(ids)))  # type: ignore[attr-defined]
    return ids
