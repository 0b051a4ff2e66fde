"""The small staff area under /staff: login, and "Send to a family" (link, QR and message in the family's language)."""

from flask import Blueprint

bp = Blueprint("staff", __name__, url_prefix="/staff")

from service.web.staff import cli, routes  # noqa: E402,F401
