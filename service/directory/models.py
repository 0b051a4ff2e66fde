"""Directory tables, shaped after Open Referral HSDS 3.0 with a translation table per translatable model."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Column, DateTime, UniqueConstraint
from sqlmodel import Field, SQLModel

from service.clock import utcnow

TRANSLATION_STATUSES = ("reviewed", "machine", "outdated")
ENTRY_KINDS = ("benefit", "service", "partner")


def timestamp() -> Any:
    """A timezone-aware timestamp column defaulting to now."""
    return Field(default_factory=utcnow, sa_column=Column(DateTime(timezone=True), nullable=False))


def json_list() -> Any:
    return Field(default_factory=list, sa_column=Column(JSON, nullable=False))


def json_dict() -> Any:
    return Field(default_factory=dict, sa_column=Column(JSON, nullable=False))


class DirectoryVersion(SQLModel, table=True):
    """One row: bumped by every load, so each process knows when to rebuild its search index."""

    __tablename__ = "directory_version"

    id: int = Field(default=1, primary_key=True)
    version: int = 0
    loaded_at: datetime = timestamp()


class Topic(SQLModel, table=True):
    """One of the eight fixed topics."""

    __tablename__ = "topic"

    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(index=True, unique=True, max_length=48)
    position: int = 0
    icon: str = ""
    names: dict[str, str] = json_dict()
    descriptions: dict[str, str] = json_dict()


class Organisation(SQLModel, table=True):
    """Who provides an offer (HSDS organization)."""

    __tablename__ = "organisation"

    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(index=True, unique=True, max_length=48)
    name: str
    url: str | None = None


class Entry(SQLModel, table=True):
    """One offer of the directory (HSDS service): the language-neutral facts."""

    __tablename__ = "entry"

    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(index=True, unique=True, max_length=48)
    kind: str = Field(max_length=16)
    organisation_id: int | None = Field(default=None, foreign_key="organisation.id")
    legal_basis: list[str] = json_list()
    amounts: list[dict[str, Any]] = json_list()
    deadlines: list[dict[str, Any]] = json_list()
    eligibility: list[str] = json_list()
    cost: str | None = None
    languages_spoken: list[str] = json_list()
    locations: list[dict[str, Any]] = json_list()
    phones: list[dict[str, Any]] = json_list()
    emails: list[dict[str, Any]] = json_list()
    links: list[dict[str, Any]] = json_list()
    sources: list[dict[str, Any]] = json_list()
    verified_on: date | None = None
    verified: bool = False
    archived: bool = False
    updated_at: datetime = timestamp()


class EntryTopic(SQLModel, table=True):
    """Which topics an entry belongs to."""

    __tablename__ = "entry_topic"

    entry_id: int = Field(foreign_key="entry.id", primary_key=True)
    topic_id: int = Field(foreign_key="topic.id", primary_key=True)
    position: int = 0


class EntryTranslation(SQLModel, table=True):
    """The texts of one entry in one language."""

    __tablename__ = "entry_translation"
    __table_args__ = (UniqueConstraint("entry_id", "lang", name="uq_entry_translation_lang"),)

    id: int | None = Field(default=None, primary_key=True)
    entry_id: int = Field(foreign_key="entry.id", index=True)
    lang: str = Field(max_length=8)
    title: str = ""
    short_title: str = Field(default="", max_length=32)
    summary: str = ""
    for_whom: str = ""
    what_you_get: str = ""
    how_to_apply: list[str] = json_list()
    what_to_bring: list[str] = json_list()
    where: str = ""
    keywords: list[str] = json_list()
    labels: dict[str, str] = json_dict()
    status: str = Field(default="machine", max_length=16)
    source_hash: str | None = None


class GlossaryConcept(SQLModel, table=True):
    """One concept of the glossary: the German word, the chosen term per language, variants to avoid."""

    __tablename__ = "glossary_concept"

    id: int | None = Field(default=None, primary_key=True)
    concept: str = Field(index=True, unique=True, max_length=48)
    position: int = 0
    de: str
    terms: dict[str, str] = json_dict()
    avoid: dict[str, list[str]] = json_dict()
    note: str = ""


class Kita(SQLModel, table=True):
    """One of the five plusKITAs."""

    __tablename__ = "kita"

    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(index=True, unique=True, max_length=48)
    name: str
    address: dict[str, Any] = json_dict()
    phone: str | None = None
    verified: bool = False


class KitaTranslation(SQLModel, table=True):
    """The texts of one kita in one language."""

    __tablename__ = "kita_translation"
    __table_args__ = (UniqueConstraint("kita_id", "lang", name="uq_kita_translation_lang"),)

    id: int | None = Field(default=None, primary_key=True)
    kita_id: int = Field(foreign_key="kita.id", index=True)
    lang: str = Field(max_length=8)
    summary: str = ""
    description: str = ""
    status: str = Field(default="machine", max_length=16)


class PageTranslation(SQLModel, table=True):
    """A static page (about, privacy, imprint) in one language."""

    __tablename__ = "page_translation"
    __table_args__ = (UniqueConstraint("page", "lang", name="uq_page_translation_lang"),)

    id: int | None = Field(default=None, primary_key=True)
    page: str = Field(max_length=48, index=True)
    lang: str = Field(max_length=8)
    title: str = ""
    body: str = ""
    status: str = Field(default="machine", max_length=16)
    source_hash: str | None = None


class SocialWorker(SQLModel, table=True):
    """A kita social worker; seeded from example files, then kept in the database."""

    __tablename__ = "social_worker"

    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(index=True, unique=True, max_length=48)
    name: str
    is_example: bool = True
    languages: list[str] = json_list()
    email: str | None = None
    ical_token: str | None = Field(default=None, index=True, unique=True)
    active: bool = True


class SocialWorkerKita(SQLModel, table=True):
    """Which kitas a social worker serves."""

    __tablename__ = "social_worker_kita"

    social_worker_id: int = Field(foreign_key="social_worker.id", primary_key=True)
    kita_id: int = Field(foreign_key="kita.id", primary_key=True)
