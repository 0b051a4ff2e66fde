"""Staff accounts: create, authenticate (argon2id), change password or role, deactivate; every change of
password, role or activity ends all of that user's sessions at once."""

from __future__ import annotations

import re
from collections.abc import Iterable

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlmodel import Session, col, delete, select

from service.accounts.models import EDITOR, ROLES, SOCIAL_WORKER, StaffSession, StaffUser, utcnow
from service.directory.models import SocialWorker
from service.errors import Conflict, InvalidInput, NotFound
from service.i18n import BY_CODE

USERNAME_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{2,63}$")
MIN_PASSWORD = 10
MAX_PASSWORD = 1024
SOURCE_LANG = "de"
_hasher = PasswordHasher()
# Verified against when the user does not exist, so a wrong name costs as long as a wrong password.
_DUMMY_HASH = _hasher.hash("not a real password, only for timing")


def normalize_username(username: str) -> str:
    return (username or "").strip().lower()


def _password_problem(password: str) -> str | None:
    if len(password or "") < MIN_PASSWORD:
        return "too_short"
    return "too_long" if len(password) > MAX_PASSWORD else None


def get_user(session: Session, username: str) -> StaffUser:
    """The account with this name; NotFound when there is none."""
    user = session.exec(select(StaffUser).where(StaffUser.username == normalize_username(username))).first()
    if user is None:
        raise NotFound("no such user", username=username)
    return user


def _role_fields(session: Session, role: str, worker_slug: str | None,
                 languages: Iterable[str] | None) -> tuple[dict[str, str], int | None, list[str]]:
    """Check role, linked social worker and editor languages; (problems, social_worker_id, languages)."""
    problems: dict[str, str] = {}
    worker_id = None
    langs = sorted({code.strip() for code in languages or () if code.strip()})
    if role not in ROLES:
        problems["role"] = "invalid"
    if role == SOCIAL_WORKER:
        worker = session.exec(select(SocialWorker).where(SocialWorker.slug == (worker_slug or ""))).first()
        if worker is None:
            problems["worker"] = "required" if not worker_slug else "unknown"
        else:
            worker_id = worker.id
    elif worker_slug:
        problems["worker"] = "only_social_worker"
    if role == EDITOR:
        if not langs:
            problems["languages"] = "required"
        elif SOURCE_LANG in langs:
            problems["languages"] = "german_not_allowed"
        elif any(code not in BY_CODE for code in langs):
            problems["languages"] = "unknown"
    elif langs:
        problems["languages"] = "only_editor"
    return problems, worker_id, langs if role == EDITOR else []


def create_user(session: Session, username: str, password: str, *, role: str = "admin",
                worker: str | None = None, languages: Iterable[str] | None = None) -> StaffUser:
    """Add a staff account; InvalidInput for a bad name, password, role, worker or languages; Conflict when taken."""
    name = normalize_username(username)
    problems, worker_id, langs = _role_fields(session, role, worker, languages)
    if not USERNAME_RE.match(name):
        problems["username"] = "invalid"
    if problem := _password_problem(password):
        problems["password"] = problem
    if problems:
        raise InvalidInput(problems)
    if session.exec(select(StaffUser).where(StaffUser.username == name)).first() is not None:
        raise Conflict("username taken", username=name)
    user = StaffUser(username=name, password_hash=_hasher.hash(password), role=role, social_worker_id=worker_id,
                     languages=langs)
    session.add(user)
    session.flush()
    return user


def end_sessions(session: Session, user_id: int | None) -> None:
    """Log the user out everywhere (every browser, every device)."""
    session.exec(delete(StaffSession).where(col(StaffSession.user_id) == user_id))  # type: ignore[call-overload]


def set_password(session: Session, username: str, password: str) -> StaffUser:
    """Give an existing user a new password; her sessions end."""
    user = get_user(session, username)
    if problem := _password_problem(password):
        raise InvalidInput({"password": problem})
    user.password_hash = _hasher.hash(password)
    session.add(user)
    end_sessions(session, user.id)
    session.flush()
    return user


def set_role(session: Session, username: str, role: str, *, worker: str | None = None,
             languages: Iterable[str] | None = None) -> StaffUser:
    """Change a user's role (with her social worker or languages); her sessions end."""
    user = get_user(session, username)
    problems, worker_id, langs = _role_fields(session, role, worker, languages)
    if problems:
        raise InvalidInput(problems)
    user.role, user.social_worker_id, user.languages = role, worker_id, langs
    session.add(user)
    end_sessions(session, user.id)
    session.flush()
    return user


def set_active(session: Session, username: str, active: bool) -> StaffUser:
    """Deactivate (or reactivate) an account; deactivation ends her sessions."""
    user = get_user(session, username)
    user.active = active
    session.add(user)
    if not active:
        end_sessions(session, user.id)
    session.flush()
    return user


def list_users(session: Session) -> list[tuple[StaffUser, SocialWorker | None]]:
    """Every account by name, with its linked social worker."""
    rows = session.exec(select(StaffUser, SocialWorker)
                        .join(SocialWorker, col(SocialWorker.id) == StaffUser.social_worker_id, isouter=True)
                        .order_by(col(StaffUser.username)))
    return list(rows.all())


def check_password(user: StaffUser, password: str) -> bool:
    """The user's password is this one (before changing it)."""
    try:
        return _hasher.verify(user.password_hash, (password or "")[:MAX_PASSWORD])
    except (VerificationError, InvalidHashError):
        return False


def authenticate(session: Session, username: str, password: str) -> StaffUser | None:
    """The active user with this name and password, else None (the same work either way)."""
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
