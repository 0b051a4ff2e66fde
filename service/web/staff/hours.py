"""Staff: weekly consultation hours per kita — a social worker her own, admin everyone's. Changes never drop a
booking; the page lists booked talks that the hours no longer cover, so she can call those families."""

from __future__ import annotations

from babel.dates import get_day_names
from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlmodel import col, select
from wtforms import SelectChoice

from service.accounts.audit import record
from service.booking.hours import SLOT_CHOICES, add_window, current_windows, end_window, outside_hours
from service.clock import berlin_today
from service.directory.models import Kita, SocialWorkerKita
from service.errors import InvalidInput
from service.web.database import db
from service.web.staff import bp
from service.web.staff.auth import (
    STAFF,
    authorized_window,
    authorized_worker,
    current_user,
    require_role,
    visible_workers,
)
from service.web.staff.common import kitas_and_workers, page_lang
from service.web.staff.forms import NOT_IN_LIST, EndWindowForm, HoursForm

MESSAGES = {
    "not_served": _l("This social worker does not work at this kita (admin assigns kitas on the people page)."),
    "overlaps": _l("This overlaps with another window of hers on the same weekday."),
    "too_short": _l("The end must be after the start, with room for at least one talk."),
    "before_start": _l("The end must be after the start."),
}


def _form() -> HoursForm:
    session = db()
    kitas, workers = kitas_and_workers(session)
    form = HoursForm()
    form.social_worker.choices = [SelectChoice(w.slug, w.name) for w in workers]
    served = set(session.exec(select(SocialWorkerKita.kita_id).where(
        col(SocialWorkerKita.social_worker_id).in_([w.id for w in workers]))))
    form.kita.choices = [SelectChoice(k.slug, k.name) for k in kitas if k.id in served]
    days = get_day_names("wide", locale=page_lang())
    form.weekday.choices = [SelectChoice(str(n), days[n]) for n in range(7)]
    form.slot_minutes.choices = [SelectChoice(str(m), _("%(num)s minutes", num=m)) for m in SLOT_CHOICES]
    if request.method == "GET":
        form.slot_minutes.data = "30"
        form.valid_from.data = berlin_today().isoformat()
    return form


@bp.route("/hours", methods=["GET", "POST"])
@require_role(*STAFF)
def hours():
    """The current and coming windows, the form for a new one, and booked talks outside the hours."""
    session, form, status = db(), _form(), 200
    if request.method == "POST" and form.validate_on_submit():
        values = form.window()
        if values is not None:
            worker = authorized_worker(form.social_worker.data or "", session)
            kita = session.exec(select(Kita).where(Kita.slug == form.kita.data)).one()
            try:
                window = add_window(session, worker.id, kita.id, **values)
            except InvalidInput as exc:
                session.rollback()
                for field, code in exc.fields.items():
                    form.add_error(field if hasattr(form, field) else "opens", str(MESSAGES.get(code, NOT_IN_LIST)))
            else:
                record(session, current_user(), "hours.add", f"hours:{window.id}", detail=f"worker={worker.slug}")
                session.commit()
                flash(_("The consultation window is saved. Families can book it from its first day."), "ok")
                return redirect(url_for("staff.hours"), code=303)
        status = 422
    return _page(form, status)


def _page(form: HoursForm, status: int):  # noqa: ANN202
    visible = visible_workers()
    windows = current_windows(db(), visible)
    return render_template("staff/hours.html", form=form, windows=windows, end_form=EndWindowForm(),
                           outside=outside_hours(db(), visible), day_names=get_day_names("wide", locale=page_lang()),
                           has_workers=bool(form.social_worker.choices)), status


@bp.post("/hours/<int:schedule_id>/end")
@require_role(*STAFF)
def end_hours(schedule_id: int):
    """Let a window end after a day (bookings made before stay; see the list of talks outside the hours)."""
    session = db()
    authorized_window(schedule_id, session)
    form = EndWindowForm()
    day = form.day() if form.validate_on_submit() else None
    if day is None:
        flash(_("Please enter a date, for example 24.12.2026."), "error")
        return redirect(url_for("staff.hours"), code=303)
    kept = end_window(session, schedule_id, day)
    record(session, current_user(), "hours.end" if kept else "hours.remove", f"hours:{schedule_id}")
    session.commit()
    flash(_("The consultation window ends after the day you chose.") if kept else
          _("The consultation window is removed."), "ok")
    return redirect(url_for("staff.hours"), code=303)

