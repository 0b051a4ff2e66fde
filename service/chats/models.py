"""One row per chat that has state worth keeping; nothing else about the person."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Column, DateTime
from sqlmodel import Field, SQLModel

from service.clock import utcnow


class ChatState(SQLModel, table=True):
    """A messenger chat's language, conversation positions and the booking it is in the middle of."""

    __tablename__ = "chat_state"

    # Telegram chat ids exceed 32 bits.
    chat_id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    lang: str | None = Field(default=None, max_length=8)
    conversations: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    pending: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    last_seen: datetime = Field(
        default_factory=utcnow, sa_column=Column(DateTime(timezone=True), nullable=False, index=True)
    )
