"""Server-side sessions for the staff area only.

Public pages keep Flask's signed cookie (flask-wtf's CSRF token, nothing written per visit). Under /staff a
logged-in user's session lives in the `staff_session` table: the cookie holds a random id, the table its SHA-256,
so that logout, a password, role or activity change end every session of the user at once (a deleted row), and
the idle and absolute timeouts are enforced on the server. A new id is issued at every login.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from datetime import datetime, timedelta
from typing import Any

from flask import Flask, Request, Response, g
from flask.sessions import SecureCookieSessionInterface, SessionMixin
from sqlmodel import Session, col, delete
from werkzeug.datastructures import CallbackDict

from service.accounts.models import StaffSession, StaffUser, aware, utcnow
from service.web.state import state

STAFF_PREFIX = "/staff"
COOKIE = "staff_session"
PRODUCTION_COOKIE = "__Host-staff"  # __Host-: Secure, Path=/, no Domain — no subdomain can set or read it
TOUCH_EVERY = timedelta(seconds=60)  # how often a request writes last_seen_at (idle timeout precision)


def cookie_name(app: Flask) -> str:
    return PRODUCTION_COOKIE if state(app).settings.production else COOKIE


def _digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class StaffServerSession(CallbackDict, SessionMixin):
    """The session of a logged-in staff user, stored in the database."""

    def __init__(self, data: dict[str, Any], row_id: str, user_id: int) -> None:
        def on_update(self: StaffServerSession) -> None:
            self.modified = True

        super().__init__(data, on_update)
        self.row_id, self.user_id = row_id, user_id
        self.modified = False
        self.ended = False


def _expired(row: StaffSession, now: datetime, app: Flask) -> bool:
    settings = state(app).settings
    return (aware(row.last_seen_at) + timedelta(minutes=settings.session_idle_minutes) <= now
            or aware(row.created_at) + timedelta(hours=settings.session_max_hours) <= now)


def _release_request_session() -> None:
    """Views commit what they keep; end the request's transaction so a session write never waits on it."""
    request_session = g.get("db_session")
    if request_session is not None:
        request_session.rollback()


def start_session(app: Flask, user: StaffUser) -> None:
    """Log `user` in with a new session id (never the one sent before login); the response sets the cookie."""
    now = utcnow()
    raw = secrets.token_urlsafe(32)
    with Session(state(app).engine) as db:
        cutoff_idle = now - timedelta(minutes=state(app).settings.session_idle_minutes)
        cutoff_max = now - timedelta(hours=state(app).settings.session_max_hours)
        db.exec(delete(StaffSession).where(  # type: ignore[call-overload]
            (col(StaffSession.last_seen_at) < cutoff_idle) | (col(StaffSession.created_at) < cutoff_max)))
        db.add(StaffSession(id=_digest(raw), user_id=user.id, data={}, created_at=now, last_seen_at=now))
        db.commit()
    g.staff_new_cookie = raw


class StaffSessionInterface(SecureCookieSessionInterface):
    """The signed cookie everywhere; under /staff, the server-side session when the staff cookie is valid."""

    def open_session(self, app: Flask, request: Request) -> SessionMixin | None:
        if app.secret_key and "HTTP_COOKIE" not in request.environ:
            return self.session_class()  # no cookie at all (a first visit, a link opened): nothing to read
        raw = request.cookies.get(cookie_name(app))
        if raw and (request.path == STAFF_PREFIX or request.path.startswith(STAFF_PREFIX + "/")):
            loaded = self._load(app, raw)
            if loaded is not None:
                return loaded
            g.staff_drop_cookie = True
        if app.secret_key and self.get_cookie_name(app) not in request.cookies:
            return self.session_class()  # nothing to read: no signer to build (most public pages)
        return super().open_session(app, request)

    def _load(self, app: Flask, raw: str) -> StaffServerSession | None:
        if len(raw) > 100:
            return None
        now = utcnow()
        with Session(state(app).engine) as db:
            row = db.get(StaffSession, _digest(raw))
            if row is None:
                return None
            if _expired(row, now, app):
                db.delete(row)
                db.commit()
                return None
            session = StaffServerSession(dict(row.data or {}), row.id, row.user_id)
            session.touch_due = aware(row.last_seen_at) + TOUCH_EVERY <= now  # type: ignore[attr-defined]
            return session

    def save_session(self, app: Flask, session: SessionMixin, response: Response) -> None:
        if not (session or session.accessed or session.modified or isinstance(session, StaffServerSession)
                or g.get("staff_new_cookie") or g.get("staff_drop_cookie")):
            return  # an empty signed-cookie session nobody read or changed: nothing to write, as in Flask's own
        name = cookie_name(app)
        options = {"path": "/", "secure": state(app).settings.production, "httponly": True, "samesite": "Lax"}
        if isinstance(session, StaffServerSession):
            response.vary.add("Cookie")
            if session.ended:
                self._delete(app, session.row_id)  # logout deleted them all already; a new login ends this one
                if not g.get("staff_new_cookie"):
                    response.delete_cookie(name, **options)
            elif session.modified or getattr(session, "touch_due", False):
                self._store(app, session)
        elif g.get("staff_new_cookie") is None:
            super().save_session(app, session, response)
        if g.get("staff_new_cookie"):
            response.set_cookie(name, g.staff_new_cookie, **options)
            response.vary.add("Cookie")
        elif g.get("staff_drop_cookie"):
            response.delete_cookie(name, **options)

    def _delete(self, app: Flask, row_id: str) -> None:
        _release_request_session()
        with Session(state(app).engine) as db:
            db.exec(delete(StaffSession).where(col(StaffSession.id) == row_id))  # type: ignore[call-overload]
            db.commit()

    def _store(self, app: Flask, session: StaffServerSession) -> None:
        _release_request_session()
        data = json.loads(json.dumps(dict(session), default=str))
        with Session(state(app).engine) as db:
            row = db.get(StaffSession, session.row_id)
            if row is not None:  # ended meanwhile (another tab logged out): nothing to keep
                row.data, row.last_seen_at = data, utcnow()
                db.add(row)
                db.commit()
