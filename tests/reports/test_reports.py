"""Anonymous counters and the half-year report."""

from __future__ import annotations

import threading
from datetime import date

import pytest
from sqlmodel import Session, select

from service.reports import DailyCounter, build_report, half_year, record, to_markdown


def test_record_counts_per_day_and_dimensions(session: Session) -> None:
    day = date(2026, 3, 2)
    for _ in range(3):
        record(session, "entry_view", day, entry="kindergeld", topic="money", lang="ar")
    record(session, "entry_view", day, entry="kindergeld", topic="money", lang="tr")
    session.commit()
    rows = session.exec(select(DailyCounter.lang, DailyCounter.count).order_by(DailyCounter.lang)).all()
    assert rows == [("ar", 3), ("tr", 1)]


def test_unknown_event_or_dimension_is_refused(session: Session) -> None:
    with pytest.raises(ValueError):
        record(session, "click", date(2026, 1, 1))
    with pytest.raises(ValueError):
        record(session, "search", date(2026, 1, 1), name="Ayşe")
    with pytest.raises(ValueError):
        record(session, "search_empty", date(2026, 1, 1), query="Ayşe Yılmaz")  # free text is never counted


def test_concurrent_increments_lose_nothing(db) -> None:  # noqa: ANN001
    day = date(2026, 5, 5)

    def bump() -> None:
        for _ in range(10):
            with Session(db) as session:
                record(session, "search", day, lang="de")
                session.commit()

    threads = [threading.Thread(target=bump) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with Session(db) as session:
        assert session.exec(select(DailyCounter.count)).all() == [40]


def test_half_year_report(session: Session) -> None:
    start, end = half_year(2026, 1)
    assert (start, end) == (date(2026, 1, 1), date(2026, 6, 30))
    for _ in range(2):
        record(session, "search_empty", date(2026, 2, 1), terms=["platz", "kindergarten", "3"], lang="de")
    record(session, "search_empty", date(2026, 2, 1), terms=["rare"], lang="de")
    record(session, "booking", date(2026, 4, 1), kita="loevenich", lang="ar")
    record(session, "booking", date(2026, 7, 1), kita="loevenich", lang="ar")  # next half year
    record(session, "entry_view", date(2026, 6, 30), topic="money", entry="kindergeld")
    session.commit()
    report = build_report(session, start, end)
    assert report.unanswered_queries == [("kindergarten platz", 2)]
    assert report.bookings_by_kita == [("loevenich", 1)]
    assert report.totals["search_empty"] == 3
    text = to_markdown(report, {"loevenich": "Städt. Kita Lövenich"})
    assert "| Städt. Kita Lövenich | 1 |" in text
    assert "rare" not in text
