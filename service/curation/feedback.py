"""Parents' anonymous feedback: "did this help?" under an entry, and what a search was looking for.

No identities: no cookie, no session, no address, no chat id. A form carries a stateless signed token (which
entry, when the page was made) instead of a session. Free text loses digits and e-mail addresses before it is
stored, and every row is deleted after FEEDBACK_RETENTION_DAYS.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from itsdangerous import BadSignature, URLSafeSerializer
from sqlmodel import Session, delete, select

from service import counters
from service.clock import berlin_today
from service.curation.models import Feedback
from service.directory.models import Entry, utcnow
from service.errors import InvalidInput
from service.i18n import LANGUAGE_CODES

KINDS = ("entry", "search")
CHANNELS = ("web", "bot", "api")
MAX_TEXT = 300
TOKEN_MAX_DAYS = 3  # cached pages are rebuilt at least daily
_EMAIL = re.compile(r"\S+@\S+")
_DIGITS = re.compile(r"[0-9\u0660-\u0669\u06f0-\u06f9]+")  # Latin, Arabic-Indic and Persian digits
_SPACE = re.compile(r"\s+")


def clean_text(text: str) -> str:
    """The text without e-mail addresses and digits (phone numbers, dates), at most 300 characters."""
    text = _EMAIL.sub(" ", text or "")
    text = _DIGITS.sub(" ", text)
    return _SPACE.sub(" ", text).strip()[:MAX_TEXT]


def _serializer(secret: str) -> URLSafeSerializer:
    return URLSafeSerializer(secret, salt="wegweiser-feedback")


def feedback_token(secret: str, kind: str, subject: str = "", *, today: date | None = None) -> str:
    """A token the feedback form carries: what the form is about, signed with the day the page was made.

    The day, not the second: a cached page stays byte for byte the same all day (its ETag holds)."""
    return _serializer(secret).dumps([kind, subject, (today or berlin_today()).isoformat()])


def check_token(secret: str, token: str, kind: str, subject: str = "", *, today: date | None = None) -> bool:
    """True when `token` was made by us for this kind and subject within the last three days."""
    try:
        value = _serializer(secret).loads(token or "")
    except BadSignature:
        return False
    if not (isinstance(value, list) and len(value) == 3 and value[:2] == [kind, subject]):
        return False
    try:
        made = date.fromisoformat(value[2])
    except (TypeError, ValueError):
        return False
    return 0 <= ((today or berlin_today()) - made).days <= TOKEN_MAX_DAYS


def give_feedback(session: Session, kind: str, lang: str, *, entry: str | None = None, helpful: bool | None = None,
                  text: str = "", channel: str = "web") -> Feedback:
    """Store one anonymous feedback; InvalidInput names each wrong field."""
    errors: dict[str, str] = {}
    if kind not in KINDS:
        errors["kind"] = "invalid"
    if lang not in LANGUAGE_CODES:
        errors["lang"] = "invalid"
    if channel not in CHANNELS:
        errors["channel"] = "invalid"
    if kind == "entry":
        if not entry or session.exec(select(Entry.id).where(Entry.slug == entry, Entry.archived == False)  # noqa: E712
                                     ).first() is None:
            errors["entry"] = "unknown"
        if helpful is None:
            errors["helpful"] = "required"
    cleaned = clean_text(text)
    if kind == "search" and not cleaned:
        errors["text"] = "required"
    if errors:
        raise InvalidInput(errors)
    row = Feedback(kind=kind, entry_slug=entry if kind == "entry" else None, lang=lang,
                   helpful=helpful if kind == "entry" else None, text=cleaned, channel=channel)
    session.add(row)
    session.flush()
    counters.count("feedback", berlin_today(), lang=lang, entry=row.entry_slug,
                   source=channel)
    return row


def purge_feedback(session: Session, now: datetime | None = None, retention_days: int = 180) -> int:
    """Delete feedback older than the retention; returns how many rows went."""
    limit = (now or utcnow()) - timedelta(days=retention_days)
    result = session.exec(delete(Feedback).where(Feedback.created_at < limit))  # type: ignore[call-overload]
    return result.rowcount or 0


def feedback_counts(session: Session, start: datetime, end: datetime) -> dict[str, int]:
    """Helpful / not helpful answers and search wishes between two moments (for the half-year report)."""
    rows = session.exec(select(Feedback.kind, Feedback.helpful).where(Feedback.created_at >= start,
                                                                      Feedback.created_at < end)).all()
    return {"helpful": sum(1 for k, h in rows if k == "entry" and h),
            "not_helpful": sum(1 for k, h in rows if k == "entry" and h is False),
            "wishes": sum(1 for k, _ in rows if k == "search")}
