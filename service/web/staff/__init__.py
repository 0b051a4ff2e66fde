"""The staff area under /staff: login, "Send to a family", bookings, absences, consultation hours, calendar
addresses, half-year report, people and accounts, audit log, own password; content pages (curation)."""

from flask import Blueprint

bp = Blueprint("staff", __name__, url_prefix="/staff")

from service.web.staff import (  # noqa: E402,F401
    absences,
    account,
    audit,
    bookings,
    cli,
    common,
    content,
    content_due,
    content_facts,
    content_history,
    feeds,
    hours,
    people,
    report,
    routes,
)
