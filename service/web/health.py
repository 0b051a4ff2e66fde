"""Liveness and readiness: `/healthz` checks the database and reports the directory version."""

from __future__ import annotations

from flask import Blueprint, jsonify
from sqlalchemy.exc import SQLAlchemyError

from service.directory.queries import directory_version
from service.web.database import db

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz():
    """200 with the directory version when the database answers, else 503."""
    try:
        version = directory_version(db())
    except SQLAlchemyError:
        return jsonify(status="error", database="unreachable"), 503
    return jsonify(status="ok", directory_version=version)
