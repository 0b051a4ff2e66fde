"""What a parent gives when booking, and its validation (field name -> error code)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from sqlmodel import Session, col, select

from service.directory.models import Entry, EntryTopic, Topic
from service.directory.schema import EMAIL_RE, SLUG_RE
from service.i18n import normalize_lang

NAME_MAX, CONTACT_MAX, NOTE_MAX = 60, 120, 500
_PHONE = re.compile(r"^\+?[0-9][0-9 /()\-.]*[0-9]$")


@dataclass
class ParentDetails:
    """The parent's side of a booking: nothing more than the talk needs."""

    first_name: str
    contact: str | None
    lang: str
    interpreter: bool = False
    topic: str | None = None
    note: str | None = None
    consent: bool = False
    chat_id: int | None = None


@dataclass(frozen=True)
class CleanParent:
    """Validated and normalised parent details."""

    first_name: str
    contact: str | None
    contact_key: str | None
    lang: str
    interpreter: bool
    topic: str | None
    topic_group: str | None  # the entry's first topic, for the anonymous counters
    note: str | None
    chat_id: int | None


def _has_control(text: str) -> bool:
    return any(unicodedata.category(ch) in {"Cc", "Cf", "Cs", "Co", "Cn"} for ch in text if ch not in "\n\t")


def contact_key(contact: str) -> str | None:
    """A normalised form of a phone number or e-mail address (to count bookings per contact); None if neither."""
    text = contact.strip()
    if "@" in text:
        return text.lower() if EMAIL_RE.match(text) else None
    digits = re.sub(r"\D", "", text)
    if not _PHONE.match(text) or not 6 <= len(digits) <= 15:
        return None
    if text.startswith("+"):
        return "+" + digits
    if digits.startswith("00"):
        return "+" + digits[2:]
    return "+49" + digits.lstrip("0")


def _first_name(value: object, errors: dict[str, str]) -> str:
    if not isinstance(value, str) or not value.strip():
        errors["first_name"] = "required"
        return ""
    name = " ".join(value.split())
    if len(name) > NAME_MAX:
        errors["first_name"] = "too_long"
    elif _has_control(name) or not any(ch.isalpha() for ch in name):
        errors["first_name"] = "invalid"
    return name


def _contact(value: object, chat_id: int | None, errors: dict[str, str]) -> tuple[str | None, str | None]:
    if value is None or (isinstance(value, str) and not value.strip()):
        if chat_id is None:
            errors["contact"] = "required"
        return None, None
    if not isinstance(value, str):
        errors["contact"] = "invalid"
        return None, None
    text = value.strip()
    if len(text) > CONTACT_MAX:
        errors["contact"] = "too_long"
        return None, None
    key = contact_key(text)
    if key is None:
        errors["contact"] = "invalid"
    return text, key


def _topic(session: Session, value: object, errors: dict[str, str]) -> tuple[str | None, str | None]:
    if value is None or value == "":
        return None, None
    if not isinstance(value, str) or not SLUG_RE.match(value):
        errors["topic"] = "unknown"
        return None, None
    entry = session.exec(select(Entry).where(Entry.slug == value, Entry.archived == False)).first()  # noqa: E712
    if entry is None:
        errors["topic"] = "unknown"
        return None, None
    group = session.exec(
        select(Topic.slug).join(EntryTopic, col(EntryTopic.topic_id) == Topic.id)
        .where(EntryTopic.entry_id == entry.id).order_by(col(EntryTopic.position))
    ).first()
    return value, group


def clean_parent(session: Session, parent: ParentDetails) -> tuple[CleanParent | None, dict[str, str]]:
    """Check every field at once; returns the cleaned details and the field errors."""
    errors: dict[str, str] = {}
    name = _first_name(parent.first_name, errors)
    chat_id = parent.chat_id
    if chat_id is not None and (isinstance(chat_id, bool) or not isinstance(chat_id, int)):
        errors["chat_id"] = "invalid"
        chat_id = None
    contact, key = _contact(parent.contact, chat_id, errors)
    lang = normalize_lang(parent.lang) if isinstance(parent.lang, str) else None
    if lang is None:
        errors["lang"] = "invalid"
    if not isinstance(parent.interpreter, bool):
        errors["interpreter"] = "invalid"
    topic, group = _topic(session, parent.topic, errors)
    note = parent.note
    if note is not None and not isinstance(note, str):
        errors["note"] = "invalid"
        note = None
    elif note is not None:
        note = note.strip() or None
        if note and len(note) > NOTE_MAX:
            errors["note"] = "too_long"
        elif note and _has_control(note):
            errors["note"] = "invalid"
    if parent.consent is not True:
        errors["consent"] = "required"
    if errors:
        return None, errors
    return CleanParent(name, contact, key, lang or "", bool(parent.interpreter), topic, group, note, chat_id), {}
