"""The parent-facing pages (/<lang>/...)."""

from flask import Blueprint, redirect, request, url_for

from service.i18n import negotiate

bp = Blueprint("public", __name__)


@bp.get("/")
def root():
    """Send the visitor to the home page in their browser's language."""
    return redirect(url_for("public.home", lang=negotiate(request.headers.get("Accept-Language"))), code=302)


@bp.get("/<lang>/")
def home(lang: str):
    """Placeholder home page until the web front end lands."""
    return f"Kita-Wegweiser ({lang})"
