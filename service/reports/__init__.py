"""Anonymous daily counters and the half-year report built from them."""

from service.reports.counters import EVENTS, DailyCounter, DatabaseWriter, add_counts, record
from service.reports.halfyear import HalfYearReport, build_report, half_year, to_markdown

__all__ = ["EVENTS", "DailyCounter", "HalfYearReport", "DatabaseWriter", "add_counts", "build_report", "half_year",
           "record", "to_markdown"]
