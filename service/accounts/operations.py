"""Create staff users and check their passwords (argon2id)."""

from __future__ import annotations

import re

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlmodel import Session, select

from service.accounts.models import StaffUser, utcnow
from service.errors import Conflict, InvalidInput, NotFound

USERNAME_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{2,63}$")
MIN_PASSWORD = 10
MAX_PASSWORD = 1024
_hasher = PasswordHasher()
# Verified against when the user does not exist, so a wrong name costs as long as a wrong password.
_DUMMY_HASH = _hasher.hash("not a real password, only for timing")


def normalize_username(username: str) -> str:
    return (username or "").strip().lower()


def create_user(session: Session, username: str, password: str) -> StaffUser:
    """Add a staff user; InvalidInput for a bad name or short password, Conflict when the name is taken."""
    name = normalize_username(username)
    problems: dict[str, str] = {}
    if not USERNAME_RE.match(name):
        problems["username"] = "invalid"
    if not MIN_PASSWORD <= len(password or "") <= MAX_PASSWORD:
        problems["password"] = "too_short" if len(password or "") < MIN_PASSWORD else "too_long"
    if problems:
        raise InvalidInput(problems)
    if session.exec(select(StaffUser).where(StaffUser.username == name)).first() is not None:
        raise Conflict("username taken", username=name)
    user = StaffUser(username=name, password_hash=_hasher.hash(password))
    session.add(user)
    session.flush()
    return user


def set_password(session: Session, username: str, password: str) -> StaffUser:
    """Give an existing user a new password."""
    user = session.exec(select(StaffUser).where(StaffUser.username == normalize_username(username))).first()
    if user is None:
        raise NotFound("no such user", username=username)
    if not MIN_PASSWORD <= len(password or "") <= MAX_PASSWORD:
        raise InvalidInput({"password": "too_short" if len(password or "") < MIN_PASSWORD else "too_long"})
    user.password_hash = _hasher.hash(password)
    session.add(user)
    session.flush()
    return user


def authenticate(session: Session, username: str, password: str) -> StaffUser | None:
    """The active user with this name and password, else None (same work either way)."""
    user = session.exec(select(StaffUser).where(StaffUser.username == normalize_username(username))).first()
    candidate = user.password_hash if user is not None and user.active else _DUMMY_HASH
    try:
        _hasher.verify(candidate, (password or "")[:MAX_PASSWORD])
    except (VerificationError, InvalidHashError):
        return None
    if user is None or not user.active:
        return None
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = _hasher.hash(password)
    user.last_login_at = utcnow()
    session.add(user)
    return user
