"""Staff (admin): social workers with name, kitas, e-mail and active; stand-ins; staff accounts and their roles."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlmodel import Session, col, select

from service.accounts.audit import record
from service.accounts.models import ROLES, StaffUser
from service.accounts.operations import create_user, list_users, set_active, set_password, set_role
from service.accounts.people import (
    add_stand_in,
    remove_stand_in,
    save_worker,
    set_worker_active,
    stand_ins,
    worker_rows,
)
from service.booking.staff import BookingView, booking_view
from service.directory.models import Kita
from service.errors import Conflict, InvalidInput, NotFound
from service.i18n import LANGUAGES
from service.web.database import db
from service.web.staff import bp
from service.web.staff.auth import ADMIN, current_user, require_role

ROLE_NAMES = {"admin": _l("Admin"), "social_worker": _l("Social worker"), "editor": _l("Editor (translations)")}
FIELD_NAMES = {"name": _l("Name"), "email": _l("E-mail address"), "kitas": _l("Kitas"), "slug": _l("Short name"),
               "username": _l("User name"), "password": _l("Password"), "role": _l("Role"),
               "worker": _l("Social worker"), "languages": _l("Languages"), "for_worker": _l("Stands in for"),
               "until": _l("Until (day)")}


def _refused(exc: InvalidInput) -> None:
    names = ", ".join(str(FIELD_NAMES.get(field, field)) for field in exc.fields)
    flash(_("Not saved. Please check: %(fields)s.", fields=names), "error")


def _back():  # noqa: ANN202
    return redirect(url_for("staff.people"), code=303)


def _day(raw: str) -> date | None:
    try:
        return date.fromisoformat(raw[:10])
    except ValueError:
        return None


@bp.get("/people")
@require_role(ADMIN)
def people(blocked: tuple | None = None, status: int = 200):  # noqa: ANN201
    """Social workers, stand-ins and accounts on one page."""
    session = db()
    kitas = list(session.exec(select(Kita).order_by(col(Kita.name))))
    return render_template("staff/people.html", workers=worker_rows(session), kitas=kitas,
                           stand_ins=stand_ins(session), accounts=list_users(session), roles=ROLES,
                           role_names=ROLE_NAMES, languages=[lang for lang in LANGUAGES if lang.code != "de"],
                           blocked=blocked), status


@bp.post("/people/workers")
@require_role(ADMIN)
def add_worker():
    """A new social worker (then: her kitas' hours on the hours page, her account below)."""
    return _save_worker(request.form.get("slug", "").strip()[:48], create=True)


@bp.post("/people/workers/<slug>")
@require_role(ADMIN)
def edit_worker(slug: str):
    """Name, e-mail address (notices go there) and kitas."""
    return _save_worker(slug, create=False)


def _save_worker(slug: str, *, create: bool):  # noqa: ANN202
    session = db()
    try:
        save_worker(session, slug, request.form.get("name", "")[:200], request.form.get("email", "")[:200],
                    request.form.getlist("kitas"), create=create)
    except InvalidInput as exc:
        session.rollback()
        _refused(exc)
    except NotFound:
        abort(404)
    else:
        record(session, current_user(), "worker.add" if create else "worker.edit", f"worker:{slug}")
        session.commit()
        flash(_("Saved."), "ok")
    return _back()


@bp.post("/people/workers/<slug>/active")
@require_role(ADMIN)
def worker_active(slug: str):
    """Deactivate (refused, with the list, while talks are booked with her) or reactivate."""
    session, active = db(), request.form.get("active") == "1"
    try:
        worker, closed = set_worker_active(session, slug, active)
    except NotFound:
        abort(404)
    except Conflict as exc:
        session.rollback()
        talks: list[BookingView] = [booking_view(session, b) for b in exc.params["talks"]]
        flash(_("She still has booked talks. Cancel them or ask the families to book a colleague first."), "error")
        return people(blocked=(slug, talks), status=409)
    record(session, current_user(), "worker.edit" if active else "worker.deactivate", f"worker:{worker.slug}",
           detail="active" if active else "")
    for user in closed:
        record(session, current_user(), "account.deactivate", f"user:{user.username}", detail=f"worker:{worker.slug}")
    session.commit()
    flash(_("Saved."), "ok")
    return _back()


@bp.post("/people/stand-ins")
@require_role(ADMIN)
def add_stand_in_view():
    """A social worker stands in for a colleague until a day."""
    session, until = db(), _day(request.form.get("until", ""))
    try:
        if until is None:
            raise InvalidInput({"until": "invalid"})
        item = add_stand_in(session, request.form.get("worker", ""), request.form.get("for_worker", ""), until)
    except InvalidInput as exc:
        session.rollback()
        _refused(exc)
    except NotFound:
        session.rollback()
        _refused(InvalidInput({"worker": "unknown"}))
    else:
        record(session, current_user(), "stand_in.add", f"stand_in:{item.id}")
        session.commit()
        flash(_("Saved."), "ok")
    return _back()


@bp.post("/people/stand-ins/<int:stand_in_id>/remove")
@require_role(ADMIN)
def remove_stand_in_view(stand_in_id: int):
    session = db()
    try:
        remove_stand_in(session, stand_in_id)
    except NotFound:
        abort(404)
    record(session, current_user(), "stand_in.remove", f"stand_in:{stand_in_id}")
    session.commit()
    flash(_("Saved."), "ok")
    return _back()


def _languages() -> list[str]:
    return request.form.getlist("languages")


@bp.post("/people/accounts")
@require_role(ADMIN)
def add_account():
    """A staff account with its role (a social worker's account is linked to her record)."""
    session, role = db(), request.form.get("role", "")
    try:
        user = create_user(session, request.form.get("username", "")[:64], request.form.get("password", ""),
                           role=role, worker=request.form.get("worker") or None, languages=_languages())
    except InvalidInput as exc:
        session.rollback()
        _refused(exc)
    except Conflict:
        session.rollback()
        _refused(InvalidInput({"username": "taken"}))
    else:
        record(session, current_user(), "account.create", f"user:{user.username}", detail=f"role={role}")
        session.commit()
        flash(_("Saved."), "ok")
    return _back()


@bp.post("/people/accounts/<username>/role")
@require_role(ADMIN)
def account_role(username: str):
    """Change the role; every session of that account ends."""
    session, role = db(), request.form.get("role", "")
    return _change_account(session, lambda: set_role(session, username, role, worker=request.form.get("worker") or None,
                                                     languages=_languages()), "account.role", f"role={role}")


@bp.post("/people/accounts/<username>/password")
@require_role(ADMIN)
def account_password(username: str):
    """A new password for someone who forgot hers; every session of that account ends. Your own: the password page
    (which asks for the current one)."""
    user = current_user()
    if user is not None and user.username == username:
        return redirect(url_for("staff.password"), 303)
    session = db()
    return _change_account(session, lambda: set_password(session, username, request.form.get("password", "")),
                           "account.password")


def _change_account(session: Session, change: Callable[[], StaffUser], action: str, detail: str = ""):  # noqa: ANN202
    """Make a change that ends the account's sessions, audit it and say so; refused input becomes a message."""
    try:
        user = change()
    except NotFound:
        abort(404)
    except InvalidInput as exc:
        session.rollback()
        _refused(exc)
    else:
        record(session, current_user(), action, f"user:{user.username}", detail=detail)
        session.commit()
        flash(_("Saved. Her sessions have ended; she logs in again."), "ok")
    return _back()


@bp.post("/people/accounts/<username>/active")
@require_role(ADMIN)
def account_active(username: str):
    """Deactivate (every session ends at once) or reactivate an account; never your own."""
    session, active = db(), request.form.get("active") == "1"
    user = current_user()
    if user is not None and user.username == username:
        flash(_("You cannot deactivate your own account."), "error")
        return _back()
    try:
        changed = set_active(session, username, active)
    except NotFound:
        abort(404)
    record(session, user, "account.activate" if active else "account.deactivate", f"user:{changed.username}")
    session.commit()
    flash(_("Saved."), "ok")
    return _back()
