"""Staff: change your own password (every other session of yours ends; this one continues with a new id)."""

from __future__ import annotations

from flask import current_app, flash, redirect, render_template, session, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import PasswordField

from service.accounts.audit import record
from service.accounts.operations import MIN_PASSWORD, check_password, set_password
from service.errors import InvalidInput
from service.web.database import db
from service.web.staff import bp
from service.web.staff.auth import current_user, login_required
from service.web.staff.sessions import StaffServerSession, start_session


class PasswordForm(FlaskForm):
    current = PasswordField(_l("Current password"))
    new = PasswordField(_l("New password"))
    repeat = PasswordField(_l("New password again"))


@bp.route("/password", methods=["GET", "POST"])
@login_required
def password():
    """Check the current password, set the new one, end the other sessions."""
    form, user, status = PasswordForm(), current_user(), 200
    if form.validate_on_submit() and user is not None:
        if not check_password(user, form.current.data or ""):
            form.current.errors = [_("This is not your current password.")]
        elif (form.new.data or "") != (form.repeat.data or ""):
            form.repeat.errors = [_("The two new passwords differ.")]
        else:
            try:
                set_password(db(), user.username, form.new.data or "")
            except InvalidInput:
                form.new.errors = [_("At least %(num)s characters, please.", num=MIN_PASSWORD)]
            else:
                record(db(), user, "account.password", f"user:{user.username}")
                db().commit()
                if isinstance(session, StaffServerSession):
                    session.ended = True
                start_session(current_app._get_current_object(), user)  # type: ignore[attr-defined]
                flash(_("Your password is changed. You were logged out on every other device."), "ok")
                return redirect(url_for("staff.index"), code=303)
        db().rollback()
        status = 422
    return render_template("staff/password.html", form=form, min_length=MIN_PASSWORD), status
