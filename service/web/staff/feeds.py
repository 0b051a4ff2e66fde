"""Staff: each social worker's private calendar address (iCal) to subscribe in Outlook or on the phone."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _

from service.booking import renew_feed_token
from service.web.database import db
from service.web.public.common import absolute
from service.web.staff import bp
from service.web.staff.auth import login_required
from service.web.staff.common import kitas_and_workers


def feed_urls(token: str) -> dict[str, str]:
    """The feed's https address, and the webcal:// one that phones open in their calendar app."""
    url = absolute(url_for("booking.feed", token=token))
    return {"url": url, "webcal": "webcal://" + url.split("://", 1)[1]}


@bp.get("/calendar")
@login_required
def calendar():
    """Every active social worker with her calendar address."""
    _kitas, workers = kitas_and_workers(db())
    rows = [(worker, feed_urls(worker.ical_token) if worker.ical_token else None) for worker in workers]
    return render_template("staff/calendar.html", rows=rows)


@bp.post("/calendar/<slug>/renew")
@login_required
def renew_feed(slug: str):
    """A new address (when the old one was passed on); calendars with the old one stop updating."""
    session = db()
    worker = renew_feed_token(session, slug)
    session.commit()
    flash(_("%(name)s has a new calendar address. Subscribe to it again; the old one no longer works.",
            name=worker.name), "ok")
    return redirect(url_for("staff.calendar", _anchor=f"feed-{worker.slug}"), code=303)
