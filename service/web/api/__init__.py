"""The JSON API under /api/v1 (contract: ../shared/CONTRACTS.md)."""

from flask import Blueprint

from service.booking.operations import is_token
from service.directory.schema import SLUG_RE
from service.errors import NotFound

bp = Blueprint("api", __name__, url_prefix="/api/v1")


@bp.url_value_preprocessor
def _check_path_values(_endpoint: str | None, values: dict | None) -> None:
    """Slugs and tokens in the path are checked before any query (PostgreSQL refuses NUL bytes with an error)."""
    for name, value in (values or {}).items():
        if (name == "slug" and not SLUG_RE.fullmatch(value)) or (name == "token" and not is_token(value)):
            raise NotFound(f"no such {name}")


from service.web.api import booking, entries, feedback, finder, openapi, search  # noqa: E402,F401 - modules register their routes
