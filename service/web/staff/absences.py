"""Staff: block time for a social worker (vacation, sickness, training, a blocked hour) and give it back; talks
booked in the blocked time are shown before saving and can be cancelled in the same step."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from service.accounts.audit import record
from service.booking import block_time, cancel_by_staff, future_blocks, remove_block
from service.booking.staff import affected_by_block
from service.errors import Conflict, InvalidInput, NotFound
from service.web.database import db
from service.web.staff import bp
from service.web.staff.auth import (
    STAFF,
    authorized_block,
    authorized_worker,
    current_user,
    require_role,
    visible_workers,
)
from service.web.staff.common import kitas_and_workers, number
from service.web.staff.forms import NOT_IN_LIST, BlockForm
from service.web.state import settings

CANCEL, KEEP = "cancel", "keep"


@bp.route("/absences", methods=["GET", "POST"])
@require_role(*STAFF)
def absences():
    """The form to block time, the talks it would fall on (before saving), and every block not ended yet."""
    session = db()
    kitas, workers = kitas_and_workers(session)
    form = BlockForm()
    form.choices([(w.slug, w.name) for w in workers], [(k.slug, k.name) for k in kitas])
    status, affected = 200, []
    if request.method == "POST" and form.validate_on_submit():
        span = form.span()
        if span is not None:
            worker = authorized_worker(form.social_worker.data or "", session)
            kita = form.kita.data or None
            affected = affected_by_block(session, worker.slug, *span, kita_slug=kita)
            choice = request.form.get("affected", "")
            if affected and choice not in {CANCEL, KEEP}:
                return _page(form, affected, 200)  # show the talks first; the same form then says what to do
            try:
                block = block_time(session, worker.slug, *span, reason=form.reason.data or "", kita_slug=kita)
            except InvalidInput as exc:
                session.rollback()
                for field in exc.fields:
                    form.add_error("last_day" if field == "end" else field,
                                   _("The end must be after the start.") if field == "end" else str(NOT_IN_LIST))
            except NotFound:  # removed in the meantime
                session.rollback()
                form.add_error("kita", str(NOT_IN_LIST))
            else:
                user = current_user()
                record(session, user, "absence.block", f"absence:{block.id}", detail=f"worker={worker.slug}")
                cancelled = _cancel_all(affected) if choice == CANCEL else 0
                session.commit()
                flash(_("The time is blocked. Families can no longer book it."), "ok")
                if cancelled:
                    flash(_("Talks cancelled in the blocked time: %(num)s", num=number(cancelled)), "ok")
                return redirect(url_for("staff.absences"), code=303)
        status = 422
    return _page(form, affected, status)


def _cancel_all(affected: list) -> int:  # noqa: ANN001 - BookingViews
    """Cancel the talks shown before saving (each one audited; the notices hook tells the families)."""
    session, user, cancelled = db(), current_user(), 0
    for view in affected:
        try:
            cancel_by_staff(session, view.booking.id, counters=settings().analytics_enabled)
        except Conflict:  # began in the meantime
            continue
        record(session, user, "booking.cancel", f"booking:{view.booking.id}", detail="absence")
        cancelled += 1
    return cancelled


def _page(form: BlockForm, affected: list, status: int):  # noqa: ANN202
    blocks = future_blocks(db(), social_worker_ids=visible_workers())
    return render_template("staff/absences.html", form=form, blocks=blocks, affected=affected,
                           has_workers=bool(form.social_worker.choices)), status


@bp.post("/absences/<int:block_id>/remove")
@require_role(*STAFF)
def remove_absence(block_id: int):
    """Give the time back: families can book it again."""
    session = db()
    authorized_block(block_id, session)
    remove_block(session, block_id)
    record(session, current_user(), "absence.remove", f"absence:{block_id}")
    session.commit()
    flash(_("The blocked time is removed. Families can book these hours again."), "ok")
    return redirect(url_for("staff.absences"), code=303)
