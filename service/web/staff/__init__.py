"""The staff area under /staff: login, "Send to a family", bookings, absences, calendar addresses, half-year report."""

from flask import Blueprint

bp = Blueprint("staff", __name__, url_prefix="/staff")

from service.web.staff import absences, bookings, cli, common, feeds, report, routes  # noqa: E402,F401
