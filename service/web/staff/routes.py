"""Staff pages: login, logout, and "Send to a family"."""

from __future__ import annotations

from flask import g, redirect, render_template, request, session, url_for
from flask_babel import gettext as _

from service.accounts.operations import authenticate
from service.directory.present import share_message
from service.directory.queries import list_entries
from service.i18n import BY_CODE, DEFAULT_LANG, LANGUAGES, negotiate
from service.web.database import db
from service.web.extensions import limiter
from service.web.public.common import absolute, entry_path, qr_svg
from service.web.staff import bp
from service.web.staff.auth import current_user, login_required, safe_next


@bp.before_request
def _staff_language() -> None:
    """Staff pages speak the browser's language (German by default); they are never cached."""
    g.lang = negotiate(request.headers.get("Accept-Language"))


@bp.after_request
def _private(response):  # noqa: ANN001, ANN202
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit("10 per minute", methods=["POST"])
def login():
    """The login form; a wrong name or password gives the same answer."""
    error = None
    if request.method == "POST":
        user = authenticate(db(), request.form.get("username", "")[:64], request.form.get("password", ""))
        if user is not None:
            db().commit()
            session.clear()
            session["staff_user_id"] = user.id
            return redirect(safe_next(request.args.get("next")))
        error = _("Wrong user name or password.")
    status = 401 if error else 200
    return render_template("staff/login.html", error=error, username=request.form.get("username", "")[:64]), status


@bp.post("/logout")
def logout():
    """End the staff session."""
    session.clear()
    return redirect(url_for("staff.login"))


@bp.get("/")
@login_required
def index():
    return redirect(url_for("staff.send"))


@bp.get("/send")
@login_required
def send():
    """Pick an entry and a language; get the link, the QR code and a short message in that language."""
    entries = list_entries(db(), DEFAULT_LANG)
    slug = request.args.get("entry", "")
    family_lang = request.args.get("lang_for", "")
    chosen = None
    if slug in {e.slug for e in entries} and family_lang in BY_CODE:
        view = next(v for v in list_entries(db(), family_lang) if v.slug == slug)
        url = absolute(entry_path(family_lang, slug))
        chosen = {
            "entry": view,
            "language": BY_CODE[family_lang],
            "link": f"{url}?src=share",
            "qr": qr_svg(f"{url}?src=qr", view.title),
            "message": share_message(view.title, f"{url}?src=share", family_lang),
            "print": f"{entry_path(family_lang, slug)}/print",
        }
    return render_template("staff/send.html", entries=entries, family_languages=LANGUAGES, slug=slug,
                           family_lang=family_lang, chosen=chosen, user=current_user())
