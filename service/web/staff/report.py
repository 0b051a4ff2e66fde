"""Staff: the anonymous half-year report as a page and as a Markdown download for the committee paper."""

from __future__ import annotations

from datetime import datetime

from flask import Response, render_template, request

from service.booking import BERLIN
from service.reports import HalfYearReport, build_report, half_year, to_markdown
from service.reports.labels import bookings_per_kita, named_report, report_names
from service.web.database import db
from service.web.staff import bp
from service.web.staff.auth import STAFF, require_role
from service.web.staff.common import page_lang

FIRST_YEAR = 2025  # the service started in 2025; nothing was counted before
REPORT_LANG = "de"  # the committee paper is German


def last_complete_half(today: datetime | None = None) -> tuple[int, int]:
    """(year, half) of the last half year that has ended."""
    today = today or datetime.now(BERLIN)
    return (today.year - 1, 2) if today.month <= 6 else (today.year, 1)


def years() -> list[int]:
    """The years to choose from, newest first."""
    return list(range(datetime.now(BERLIN).year, min(FIRST_YEAR, last_complete_half()[0]) - 1, -1))


def _period() -> tuple[int, int]:
    """The year and half asked for; the last complete half year for anything missing or odd."""
    default_year, default_half = last_complete_half()
    raw_year, raw_half = request.args.get("year", ""), request.args.get("half", "")
    year = int(raw_year) if raw_year.isascii() and raw_year.isdigit() and int(raw_year) in years() else default_year
    half = int(raw_half) if raw_half in {"1", "2"} else default_half
    return year, half


def _figures() -> tuple[int, int, HalfYearReport]:
    """The period asked for and its figures (still with slugs and codes)."""
    year, half = _period()
    return year, half, build_report(db(), *half_year(year, half))


@bp.get("/report")
@require_role(*STAFF)
def report():
    """Totals, topics, most-read entries, searches, unanswered searches, bookings per kita and language."""
    year, half, figures = _figures()
    names = report_names(db(), page_lang())
    return render_template("staff/report.html", report=named_report(figures, names), year=year, half=half,
                           years=years(), per_kita=bookings_per_kita(figures, names))


@bp.get("/report.md")
@require_role(*STAFF)
def report_markdown():
    """The same figures as a Markdown file (German), built by service.reports.to_markdown."""
    year, half, figures = _figures()
    text = to_markdown(named_report(figures, report_names(db(), REPORT_LANG)))
    response = Response(text, mimetype="text/markdown")
    response.headers["Content-Disposition"] = f'attachment; filename="kita-wegweiser-bericht-{year}-{half}.md"'
    return response
