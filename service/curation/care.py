"""The half-year report's section "Pflege des Wegweisers": edits, reviews and what is due, as counts only."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import func
from sqlmodel import Session, select

from service.curation.models import Revision

CARE_LABELS = (
    ("edits", "Änderungen im Browser (gespeicherte Fassungen)"),
    ("reviews", "Übersetzungen von einem Menschen geprüft"),
    ("created", "Neue Einträge im Browser angelegt"),
    ("outdated", "Veraltete Übersetzungen (am Stichtag)"),
    ("never_reviewed", "Maschinelle Übersetzungen, noch nie geprüft (am Stichtag)"),
    ("old_amounts", "Beträge mit Stand aus einem Vorjahr (am Stichtag)"),
    ("contacts", "Kontaktdaten unbestätigt oder über 12 Monate nicht geprüft (am Stichtag)"),
    ("helpful", "Rückmeldungen „Hat geholfen“"),
    ("not_helpful", "Rückmeldungen „Hat nicht geholfen“"),
    ("wishes", "Rückmeldungen „Was Sie gesucht haben“"),
)


def care_figures(session: Session, start: date, end: date) -> dict[str, int]:
    """Counts for the half-year report's section on keeping the directory true (no names, no texts)."""
    from service.curation.feedback import feedback_counts
    from service.curation.overview import due

    first = datetime.combine(start, time(), tzinfo=UTC)
    last = datetime.combine(end + timedelta(days=1), time(), tzinfo=UTC)
    in_period = (Revision.created_at >= first) & (Revision.created_at < last)
    revisions = session.exec(select(Revision.action, func.count()).where(in_period)
                             .group_by(Revision.action)).all()
    by_action = {action: int(count) for action, count in revisions}
    counts = due(session, min(end, date.today()), with_feedback=False).counts()
    figures = {"edits": sum(by_action.values()), "reviews": by_action.get("review", 0),
               "created": int(session.exec(select(func.count()).select_from(Revision).where(
                   in_period, Revision.action == "create", Revision.kind == "facts")).one()),
               **{key: counts[key] for key in ("outdated", "never_reviewed", "old_amounts", "contacts")}}
    figures.update(feedback_counts(session, first, last))
    return figures
