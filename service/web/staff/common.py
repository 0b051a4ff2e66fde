"""What every staff page shares: the navigation, dates in the page's language, the lists to filter by."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from babel.dates import format_date
from babel.numbers import format_decimal
from flask import current_app, g, redirect, request
from flask_babel import lazy_gettext as _l
from markupsafe import Markup
from sqlmodel import Session, col, select

from service.accounts.access import has_role
from service.accounts.models import ADMIN, EDITOR, SOCIAL_WORKER
from service.booking import format_code
from service.directory.models import Kita, SocialWorker
from service.i18n import DEFAULT_LANG, language
from service.present import formats, times
from service.web.staff import bp
from service.web.staff.auth import current_user, safe_next, visible_workers
from service.web.staff.forms import REASON_NAMES, STATUS_NAMES
from service.web.state import state

BOTH = (ADMIN, SOCIAL_WORKER)
# (endpoint, label, roles); endpoints of other parts (content pages) show once they are registered
NAVIGATION = (
    ("staff.send", _l("Send to a family"), BOTH),
    ("staff.bookings", _l("Bookings"), BOTH),
    ("staff.absences", _l("Absences"), BOTH),
    ("staff.hours", _l("Consultation hours"), BOTH),
    ("staff.calendar", _l("Calendar subscription"), BOTH),
    ("staff.report", _l("Half-year report"), BOTH),
    ("staff.content", _l("Content"), (ADMIN, SOCIAL_WORKER, EDITOR)),
    ("staff.people", _l("People and accounts"), (ADMIN,)),
    ("staff.audit", _l("Audit log"), (ADMIN,)),
    ("staff.password", _l("Change password"), (ADMIN, SOCIAL_WORKER, EDITOR)),
)


def navigation() -> list[tuple[str, Any]]:
    """The pages the current user may open, as (endpoint, label)."""
    user = current_user()
    return [(endpoint, label) for endpoint, label, roles in NAVIGATION
            if endpoint in current_app.view_functions and has_role(user, *roles)]


def page_lang() -> str:
    return getattr(g, "lang", None) or DEFAULT_LANG


def local_day(moment: datetime) -> str:
    """The day of a moment in Berlin, short with weekday ("Do., 26. Nov. 2026")."""
    return times.day_label(moment, page_lang(), year=True)


def local_time(moment: datetime) -> str:
    """The time of a moment in Berlin ("14:30")."""
    return times.time_label(moment, page_lang())


def local_moment(moment: datetime) -> str:
    """Day and time joined the way the page's language joins them ("Do., 26. Nov. 2026, 14:30")."""
    return times.moment_label(moment, page_lang())


def local_span(start: datetime, end: datetime) -> tuple[str, str]:
    """From and until of a blocked time; whole days as days only (until the last day, not midnight after it)."""
    start, end = times.local(start), times.local(end)
    if start.time() == time(0) and end.time() == time(0):
        return local_day(start), local_day(end - timedelta(hours=12))
    return local_moment(start), local_moment(end)


def kitas_and_workers(session: Session) -> tuple[list[Kita], list[SocialWorker]]:
    """All kitas and the active social workers the current user may act for, by name (for filters and forms)."""
    kitas = list(session.exec(select(Kita).order_by(col(Kita.name))))
    query = select(SocialWorker).where(SocialWorker.active == True)  # noqa: E712
    visible = visible_workers()
    if visible is not None:
        query = query.where(col(SocialWorker.id).in_(visible))
    workers = list(session.exec(query.order_by(col(SocialWorker.name))))
    return kitas, workers


def chosen(name: str, allowed: set[str]) -> str:
    """A query parameter when it is one of the allowed values, else ''."""
    value = request.args.get(name, "")
    return value if value in allowed else ""


def go_back(default: str):  # noqa: ANN201 - a redirect response
    """After a POST: back to the page the form was on (a staff page only), as a new GET."""
    return redirect(safe_next(request.form.get("back"), default), code=303)


def long_date(day: date) -> str:
    return format_date(day, "long", locale=page_lang())


def number(value: int) -> str:
    return format_decimal(value, locale=page_lang())


def language_name(code: str | None) -> Markup | str:
    """A family's language in the staff member's language, with its own name: "Arabisch (العربية)"."""
    if not code:
        return ""
    own = language(code).native_name
    if code == page_lang():
        return own
    return Markup('{} (<bdi lang="{}">{}</bdi>)').format(formats.language_name(code, page_lang()), code, own)


@bp.context_processor
def _staff_globals() -> dict[str, Any]:
    return {"staff_user": current_user(), "staff_nav": navigation(), "local_day": local_day, "local_time": local_time,
            "local_span": local_span, "local_moment": local_moment, "status_names": STATUS_NAMES,
            "reason_names": REASON_NAMES, "format_code": format_code, "language_name": language_name,
            "long_date": long_date, "number": number, "mail_enabled": bool(state().settings.smtp_url)}
