"""Staff sessions: who is logged in, and a decorator for pages that need it."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import g, redirect, request, session, url_for

from service.accounts.models import StaffUser
from service.web.database import db


def current_user() -> StaffUser | None:
    """The logged-in, active staff user of this request, if any."""
    if "staff_user" not in g:
        user_id = session.get("staff_user_id")
        user = db().get(StaffUser, user_id) if isinstance(user_id, int) else None
        g.staff_user = user if user is not None and user.active else None
    return g.staff_user


def login_required(view: Callable[..., Any]) -> Callable[..., Any]:
    """Send visitors without a staff session to the login page (and back afterwards)."""
    @wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        if current_user() is None:
            return redirect(url_for("staff.login", next=request.full_path if request.query_string else request.path))
        return view(*args, **kwargs)
    return wrapped


def safe_next(target: str | None, default: str = "staff.send") -> str:
    """Only follow `next` to a page of the staff area (no open redirects, no control characters); else `default`."""
    if target and target.startswith("/staff/") and "\\" not in target and target.isprintable():
        return target
    return url_for(default)
