"""The JSON API under /api/v1 (contract: ../shared/CONTRACTS.md)."""

from flask import Blueprint

bp = Blueprint("api", __name__, url_prefix="/api/v1")

from service.web.api import booking, entries, search  # noqa: E402,F401 - modules register their routes
