"""The staff area under /staff: login, "Send to a family", bookings, absences, calendar addresses, half-year report."""

from flask import Blueprint

bp = Blueprint("staff", __name__, url_prefix="/staff")

from service.web.staff import (  # noqa: E402,F401
    absences,
    bookings,
    cli,
    common,
    content,
    content_due,
    content_facts,
    content_history,
    feeds,
    report,
    routes,
)
