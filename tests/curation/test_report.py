"""The half-year report's section "Pflege des Wegweisers"."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session

from service.curation.feedback import give_feedback
from service.curation.operations import edit_entry_text, mark_reviewed
from service.directory.models import utcnow
from service.reports import build_report, to_markdown


def test_report_has_the_care_section(loaded) -> None:
    today = utcnow().date()
    half = (date(today.year, 1, 1), date(today.year, 6, 30)) if today.month <= 6 else \
        (date(today.year, 7, 1), date(today.year, 12, 31))
    with Session(loaded) as session:
        edit_entry_text(session, "kindergeld", "de", {"summary": "Neu."}, "anna")
        mark_reviewed(session, "entry", "kindergeld", "tr", "ayse")
        give_feedback(session, "entry", "de", entry="wohngeld", helpful=False)
        give_feedback(session, "search", "ru", text="квартира")
        session.commit()
        report = build_report(session, *half)
    assert report.care["edits"] == 2 and report.care["reviews"] == 1
    assert report.care["not_helpful"] == 1 and report.care["wishes"] == 1
    assert report.care["outdated"] >= 8 and report.care["never_reviewed"] > 0
    text = to_markdown(report)
    assert "## Pflege des Wegweisers" in text
    assert "- Übersetzungen von einem Menschen geprüft: 1" in text
    assert "квартира" not in text and "anna" not in text
