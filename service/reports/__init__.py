"""Anonymous daily counters and the half-year report built from them."""

from service.reports.counters import EVENTS, DailyCounter, clean_query, record

__all__ = ["EVENTS", "DailyCounter", "clean_query", "record"]
