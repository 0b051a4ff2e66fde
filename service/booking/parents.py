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
# Arabic-Indic (U+0660..) and Persian (U+06F0..) digits, as phones in ar and fa type them -> ASCII
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_NOT_IN_NAMES = set("0123456789?!@:;/\\<>=_#*%&+")
NAME_WORDS = 4  # a first name, a nickname or a double name; more is a sentence typed into the name field


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


def ascii_digits(text: str) -> str:
    """Eastern Arabic and Persian digits as ASCII digits ("٠١٧٦" -> "0176"); other characters unchanged."""
    return text.translate(_DIGITS)


def contact_key(contact: str) -> str | None:
    """A normalised form of a phone number or e-mail address (to count bookings per contact); None if neither."""
    text = ascii_digits(contact.strip())
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
    elif (_has_control(name) or not any(ch.isalpha() for ch in name) or _NOT_IN_NAMES & set(ascii_digits(name))
          or len(name.split()) > NAME_WORDS):
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
    text = ascii_digits(value.strip())
    if len(text) > CONTACT_MAX:
        errors["contact"] = "too_long"
        return None, None
    key = contact_key(text)
    if key is None:
        errors["contact"] = "invalid"
    return text, key


def check_first_name(value: object) -> tuple[str, str | None]:
    """A first name as booking stores it, and the error code when it is refused (the bot checks on the way)."""
    errors: dict[str, str] = {}
    name = _first_name(value, errors)
    return name, errors.get("first_name")


def check_phone(value: object) -> tuple[str | None, str | None]:
    """A phone number as booking stores it (ASCII digits), and "invalid" for anything else (e-mail included)."""
    errors: dict[str, str] = {}
    phone, _key = _contact(value, 0, errors)
    if phone and "@" in phone:
        return None, "invalid"
    return phone, errors.get("contact")


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
