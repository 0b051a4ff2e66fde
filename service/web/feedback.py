"""Parents' feedback on the web: the "did this help?" form under every entry and "tell us what you were looking
for" on the search's not-sure screen. No cookie, no session: the form carries a signed token instead."""

from __future__ import annotations

import click
from flask import Blueprint, Flask, abort, render_template, request
from flask.cli import AppGroup

from service.curation.feedback import check_token, feedback_token, give_feedback, purge_feedback
from service.db import session_scope
from service.directory.schema import SLUG_RE
from service.errors import InvalidInput
from service.i18n import LANGUAGE_CODES
from service.web.database import db
from service.web.extensions import csrf, limiter
from service.web.state import settings, state

bp = Blueprint("feedback", __name__)
feedback_cli = AppGroup("feedback", help="Parents' anonymous feedback.")
RATE = "30/hour;6/minute"


def _token(kind: str, subject: str = "") -> str:
    return feedback_token(settings().secret_key, kind, subject)


@bp.post("/<lang>/feedback")
@csrf.exempt  # no session to ride on: the signed token in the form is checked instead
@limiter.limit(RATE)
def give(lang: str):
    """Store one answer and say thank you (the page sets no cookie)."""
    if lang not in LANGUAGE_CODES:
        abort(404)
    kind = request.form.get("kind", "")
    entry = request.form.get("entry", "")[:48]
    entry = entry if SLUG_RE.fullmatch(entry) else ""
    if not check_token(settings().secret_key, request.form.get("token", "")[:300], kind,
                       entry if kind == "entry" else ""):
        return render_template("public/feedback_thanks.html", lang=lang, expired=True, entry=entry), 400
    helpful = {"yes": True, "no": False}.get(request.form.get("helpful", ""))
    try:
        give_feedback(db(), kind, lang, entry=entry or None, helpful=helpful,
                      text=request.form.get("text", "")[:2000], channel="web")
    except InvalidInput:
        return render_template("public/feedback_thanks.html", lang=lang, invalid=True, entry=entry), 422
    db().commit()
    return render_template("public/feedback_thanks.html", lang=lang, entry=entry, helpful=helpful)


@feedback_cli.command("purge")
def purge() -> None:
    """Delete feedback older than FEEDBACK_RETENTION_DAYS (run daily)."""
    with session_scope(state().engine) as session:
        count = purge_feedback(session, retention_days=settings().feedback_retention_days)
    click.echo(f"deleted {count} feedback row(s)")


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
    app.cli.add_command(feedback_cli)
    app.jinja_env.globals.update(feedback_token=_token)
