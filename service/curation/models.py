"""Curation tables: revisions of directory records, marks of browser edits since the last load, parents' feedback."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column, UniqueConstraint
from sqlmodel import Field, SQLModel

from service.directory.models import json_dict, json_list, timestamp

RECORD_KINDS = ("entry", "facts", "kita", "page", "topic")


class Revision(SQLModel, table=True):
    """One save of one record (entry texts in a language, entry facts, kita texts, a page, a topic)."""

    __tablename__ = "revision"

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=16, index=True)
    slug: str = Field(max_length=48, index=True)
    lang: str = Field(default="", max_length=8)
    action: str = Field(default="edit", max_length=16)
    author: str = Field(max_length=64)
    comment: str = Field(default="", max_length=500)
    fields: list[str] = json_list()
    before: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=True))
    after: dict[str, Any] = json_dict()
    created_at: datetime = timestamp()


class EditMark(SQLModel, table=True):
    """A record changed in the browser since the last load: `directory load` reports it instead of overwriting."""

    __tablename__ = "edit_mark"
    __table_args__ = (UniqueConstraint("kind", "slug", "lang", name="uq_edit_mark_record"),)

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=16)
    slug: str = Field(max_length=48)
    lang: str = Field(default="", max_length=8)
    fields: list[str] = json_list()
    created: bool = False
    author: str = Field(max_length=64)
    changed_at: datetime = timestamp()


class Feedback(SQLModel, table=True):
    """Anonymous feedback from a parent: "did this help?" under an entry, or what a search was looking for."""

    __tablename__ = "feedback"

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=16)
    entry_slug: str | None = Field(default=None, max_length=48, index=True)
    lang: str = Field(max_length=8)
    helpful: bool | None = None
    text: str = Field(default="", max_length=300)
    channel: str = Field(default="web", max_length=8)
    created_at: datetime = timestamp()

