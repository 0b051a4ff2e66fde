"""Staff pages: login, logout, and "Send to a family"."""

from __future__ import annotations

from flask import current_app, g, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_limiter.util import get_remote_address

from service.accounts.audit import record
from service.accounts.operations import authenticate, end_sessions, normalize_username
from service.directory.queries import list_entries
from service.i18n import BY_CODE, DEFAULT_LANG, LANGUAGES, negotiate
from service.present.entries import share_message
from service.present.links import entry_path
from service.web.database import db
from service.web.extensions import limiter
from service.web.public.common import absolute, qr_svg
from service.web.staff import bp
from service.web.staff.auth import STAFF, current_user, login_required, require_role, safe_next
from service.web.staff.common import navigation
from service.web.staff.sessions import StaffServerSession, start_session

# Failed logins only: per (account, client address) so that a flood from one address cannot lock the account
# out everywhere, and per client address against password spraying. The address is the real client's once
# ProxyFix (TRUSTED_PROXIES) has run.
ACCOUNT_LIMIT = "5 per 15 minutes"
ADDRESS_LIMIT = "30 per 15 minutes"


def _failed(response) -> bool:  # noqa: ANN001
    return response.status_code == 401


def _account_key() -> str:
    return f"{get_remote_address()}|{normalize_username(request.form.get('username', ''))[:64]}"


@bp.before_request
def _staff_language() -> None:
    """Staff pages speak the browser's language (German by default); they are never cached."""
    g.lang = negotiate(request.headers.get("Accept-Language"))


@bp.after_request
def _private(response):  # noqa: ANN001, ANN202
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(ACCOUNT_LIMIT, key_func=_account_key, methods=["POST"], deduct_when=_failed)
@limiter.limit(ADDRESS_LIMIT, key_func=get_remote_address, methods=["POST"], deduct_when=_failed)
def login():
    """The login form; an unknown name and a wrong password get the same answer in the same time."""
    error = None
    if request.method == "POST":
        user = authenticate(db(), request.form.get("username", "")[:64], request.form.get("password", ""))
        if user is not None:
            record(db(), user, "login")
            db().commit()
            if isinstance(session, StaffServerSession):  # somebody else was logged in in this browser
                session.ended = True
            start_session(current_app._get_current_object(), user)  # type: ignore[attr-defined]
            return redirect(safe_next(request.args.get("next")), code=303)
        error = _("Wrong user name or password.")
    status = 401 if error else 200
    return render_template("staff/login.html", error=error, username=request.form.get("username", "")[:64]), status


@bp.post("/logout")
def logout():
    """End every session of this user (all browsers and devices); without one, just the login page."""
    user = current_user()
    if user is not None:
        record(db(), user, "logout")
        end_sessions(db(), user.id)
        db().commit()
    if isinstance(session, StaffServerSession):
        session.ended = True
    return redirect(url_for("staff.login"), code=303)


@bp.get("/")
@login_required
def index():
    """The first page this user may open."""
    pages = [endpoint for endpoint, _label in navigation()]
    return redirect(url_for(pages[0] if pages else "staff.login"))


@bp.get("/send")
@require_role(*STAFF)
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
