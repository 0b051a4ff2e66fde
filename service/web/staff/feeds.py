"""Staff: each social worker's private calendar address (iCal) to subscribe in Outlook or on the phone; only the
social worker herself and admin see and renew it."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from sqlmodel import col, select

from service.accounts.access import can_manage_feed, has_role
from service.accounts.audit import record
from service.booking import renew_feed_token
from service.booking.staff import get_social_worker
from service.directory.models import SocialWorker
from service.errors import NotFound
from service.web.database import db
from service.web.public.common import absolute
from service.web.staff import bp
from service.web.staff.auth import ADMIN, STAFF, current_user, require_role


def feed_urls(token: str) -> dict[str, str]:
    """The feed's https address, and the webcal:// one that phones open in their calendar app."""
    url = absolute(url_for("booking.feed", token=token))
    return {"url": url, "webcal": "webcal://" + url.split("://", 1)[1]}


def _own_feeds() -> list[SocialWorker]:
    """Admin: every active social worker; a social worker: herself (not colleagues she stands in for)."""
    user = current_user()
    query = select(SocialWorker).where(SocialWorker.active == True)  # noqa: E712
    if not has_role(user, ADMIN):
        query = query.where(SocialWorker.id == (user.social_worker_id if user else None))
    return list(db().exec(query.order_by(col(SocialWorker.name))))


@bp.get("/calendar")
@require_role(*STAFF)
def calendar():
    """The calendar addresses this user may see."""
    rows = [(worker, feed_urls(worker.ical_token) if worker.ical_token else None) for worker in _own_feeds()]
    record(db(), current_user(), "calendar.view")
    db().commit()
    return render_template("staff/calendar.html", rows=rows)


@bp.post("/calendar/<slug>/renew")
@require_role(*STAFF)
def renew_feed(slug: str):
    """A new address (when the old one was passed on); calendars with the old one stop updating."""
    session = db()
    try:
        worker = get_social_worker(session, slug)
    except NotFound:
        abort(404)
    user = current_user()
    if not can_manage_feed(user, worker.id):
        abort(403)
    renew_feed_token(session, slug)
    record(session, user, "calendar.renew", f"worker:{slug}")
    session.commit()
    flash(_("%(name)s has a new calendar address. Subscribe to it again; the old one no longer works.",
            name=worker.name), "ok")
    return redirect(url_for("staff.calendar", _anchor=f"feed-{worker.slug}"), code=303)
