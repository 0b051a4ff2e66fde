"""Who is logged in, and the one decorator every staff page uses to check the role (and, with the helpers below,
the object's owner through service.accounts.access)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import abort, g, redirect, request, session, url_for
from sqlmodel import Session

from service.accounts.access import can_act_on, can_act_on_worker, has_role, may_edit_language, visible_worker_ids
from service.accounts.models import ADMIN, EDITOR, ROLES, SOCIAL_WORKER, StaffUser
from service.booking.hours import get_window
from service.booking.models import Booking, Schedule, ScheduleException
from service.booking.staff import get_block, get_social_worker
from service.db import get_row
from service.directory.models import SocialWorker
from service.errors import NotFound
from service.web.database import db
from service.web.staff.sessions import StaffServerSession

STAFF = (ADMIN, SOCIAL_WORKER)  # the roles that work with bookings
ANY_ROLE = ROLES


def current_user() -> StaffUser | None:
    """The logged-in, active staff user of this request (from the server-side session), if any."""
    if "staff_user" not in g:
        user = db().get(StaffUser, session.user_id) if isinstance(session, StaffServerSession) else None
        g.staff_user = user if user is not None and user.active else None
    return g.staff_user


def _to_login() -> Any:
    return redirect(url_for("staff.login", next=request.full_path if request.query_string else request.path))


def require_role(*roles: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Anonymous GET: to the login page; anonymous POST: 403; logged in with another role: 403."""
    unknown = set(roles) - set(ROLES)
    if unknown or not roles:
        raise ValueError(f"unknown roles {unknown}")

    def decorate(view: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            user = current_user()
            if user is None:
                return _to_login() if request.method in {"GET", "HEAD"} else abort(403)
            if not has_role(user, *roles):
                abort(403)
            return view(*args, **kwargs)

        wrapped.staff_roles = roles  # type: ignore[attr-defined]  # the route-walk test reads this
        return wrapped

    return decorate


login_required = require_role(*ANY_ROLE)


def visible_workers() -> set[int] | None:
    """The social workers the current user may act for (None: all, for admin)."""
    return visible_worker_ids(db(), current_user())


def authorized_worker(slug: str, session: Session | None = None) -> SocialWorker:
    """The social worker named in the URL or form, if the user may act for her; else 404 / 403."""
    session = session or db()
    try:
        worker = get_social_worker(session, slug)
    except NotFound:
        abort(404)
    if not can_act_on_worker(session, current_user(), worker.id):
        abort(403)
    return worker


def authorized_booking(booking_id: int, session: Session | None = None) -> Booking:
    """The booking, if the user may see and act on it; 404 for others (its existence is private too)."""
    session = session or db()
    booking = get_row(session, Booking, booking_id)
    if booking is None or not can_act_on(session, current_user(), booking):
        abort(404)
    return booking


def authorized_block(block_id: int, session: Session | None = None) -> ScheduleException:
    """A blocked time, if the user may act for its social worker; 404 otherwise."""
    session = session or db()
    try:
        block = get_block(session, block_id)
    except NotFound:
        abort(404)
    if not can_act_on_worker(session, current_user(), block.social_worker_id):
        abort(404)
    return block


def authorized_window(schedule_id: int, session: Session | None = None) -> Schedule:
    """A weekly consultation window, if the user may act for its social worker; 404 otherwise."""
    session = session or db()
    try:
        window = get_window(session, schedule_id)
    except NotFound:
        abort(404)
    if not can_act_on_worker(session, current_user(), window.social_worker_id):
        abort(404)
    return window


def require_language(lang: str) -> None:
    """Content in `lang`: 403 unless the user may edit that language (editors: their languages, never German)."""
    if not may_edit_language(current_user(), lang):
        abort(403)


def safe_next(target: str | None, default: str = "staff.index") -> str:
    """Only follow `next` to a page of the staff area (no open redirects, no control characters); else `default`."""
    if target and target.startswith("/staff/") and "\\" not in target and "//" not in target and target.isprintable():
        return target
    return url_for(default)


__all__ = ["ADMIN", "ANY_ROLE", "EDITOR", "SOCIAL_WORKER", "STAFF", "authorized_block", "authorized_booking",
           "authorized_window", "authorized_worker", "current_user", "login_required", "require_language",
           "require_role", "safe_next", "visible_workers"]
