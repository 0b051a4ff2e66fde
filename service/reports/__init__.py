"""Anonymous daily counters and the half-year report built from them."""

from service.reports.counters import EVENTS, DailyCounter, clean_query, record
from service.reports.halfyear import HalfYearReport, build_report, half_year, to_markdown

__all__ = ["EVENTS", "DailyCounter", "HalfYearReport", "build_report", "clean_query", "half_year", "record",
           "to_markdown"]
