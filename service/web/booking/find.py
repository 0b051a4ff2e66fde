"""/<lang>/booking: a parent finds her booking by its code and her phone number or e-mail address."""

from __future__ import annotations

from flask import redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField

from service.booking import find_for_parent
from service.errors import NotFound
from service.present.fields import CONTACT_MAX
from service.web.booking import bp
from service.web.booking.routes import private_page
from service.web.database import db
from service.web.extensions import csrf, limiter


class FindForm(FlaskForm):
    """Code and contact: both needed, neither ever put into a URL."""

    code = StringField(_l("Your booking code"), render_kw={"maxlength": 12, "autocomplete": "off", "dir": "ltr",
                                                           "autocapitalize": "characters", "spellcheck": "false"})
    contact = StringField(_l("Phone number or e-mail address"),
                          render_kw={"maxlength": CONTACT_MAX, "autocomplete": "tel", "dir": "ltr"})


@bp.route("/<lang>/booking", methods=["GET", "POST"])
@limiter.limit("10/minute;30/hour", methods=["POST"])  # per client: codes cannot be probed
@csrf.exempt  # checked by the form, answered with the page
def find(lang: str):
    """GET: the form; POST: the booking's page, or one neutral "not found" for any mismatch."""
    form = FindForm()
    problem = None
    if request.method == "POST":
        if not form.validate_on_submit():
            problem = "expired"
        else:
            try:
                booking = find_for_parent(db(), form.code.data or "", form.contact.data or "")
            except NotFound:
                problem = "not_found"
            else:
                return redirect(url_for("booking.show", lang=lang, token=booking.cancel_token), code=303)
    body = render_template("booking/find.html", form=form, problem=problem)
    return private_page(body, {"not_found": 404, "expired": 400}.get(problem or "", 200))
