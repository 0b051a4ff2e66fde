"""Staff: block time for a social worker (vacation, sickness, training, a blocked hour) and give it back."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from service.booking import block_time, future_blocks, remove_block
from service.errors import InvalidInput, NotFound
from service.web.database import db
from service.web.staff import bp
from service.web.staff.auth import login_required
from service.web.staff.common import kitas_and_workers
from service.web.staff.forms import NOT_IN_LIST, BlockForm


@bp.route("/absences", methods=["GET", "POST"])
@login_required
def absences():
    """The form to block time, and every block that has not ended yet."""
    session = db()
    kitas, workers = kitas_and_workers(session)
    form = BlockForm()
    form.choices([(w.slug, w.name) for w in workers], [(k.slug, k.name) for k in kitas])
    status = 200
    if request.method == "POST" and form.validate_on_submit():
        span = form.span()
        if span is not None:
            try:
                block_time(session, form.social_worker.data or "", *span, reason=form.reason.data or "",
                           kita_slug=form.kita.data or None)
                session.commit()
                flash(_("The time is blocked. Families can no longer book it."), "ok")
                return redirect(url_for("staff.absences"), code=303)
            except InvalidInput as exc:
                session.rollback()
                for field in exc.fields:
                    if field == "end":
                        form.add_error("last_day", _("The end must be after the start."))
                    else:
                        form.add_error(field, str(NOT_IN_LIST))
            except NotFound:  # removed in the meantime
                session.rollback()
                form.add_error("social_worker", str(NOT_IN_LIST))
        status = 422
    return render_template("staff/absences.html", form=form, blocks=future_blocks(session),
                           has_workers=bool(workers)), status


@bp.post("/absences/<int:block_id>/remove")
@login_required
def remove_absence(block_id: int):
    """Give the time back: families can book it again."""
    session = db()
    remove_block(session, block_id)
    session.commit()
    flash(_("The blocked time is removed. Families can book these hours again."), "ok")
    return redirect(url_for("staff.absences"), code=303)
