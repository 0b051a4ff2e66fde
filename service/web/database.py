"""One database session per request; views commit what they write."""

from __future__ import annotations

from flask import Flask, g
from sqlmodel import Session

from service.web.state import state


def db() -> Session:
    """The request's session (opened on first use)."""
    if "db_session" not in g:
        g.db_session = Session(state().engine, expire_on_commit=False)
    return g.db_session


def _close(_exc: BaseException | None) -> None:
    session = g.pop("db_session", None)
    if session is not None:
        session.close()


def init_app(app: Flask) -> None:
    app.teardown_appcontext(_close)
