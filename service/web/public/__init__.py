"""The parent-facing pages (/<lang>/...); registering the blueprint also sets up languages and static assets."""

from flask import Blueprint, redirect, url_for
from flask.blueprints import BlueprintSetupState

from service.present.entries import heading
from service.present.formats import tel_href

bp = Blueprint("public", __name__)


@bp.record_once
def _setup(state: BlueprintSetupState) -> None:
    from service.present.cache import VersionedCache
    from service.web import assets
    from service.web.public import lang

    lang.init_app(state.app)
    assets.init_app(state.app)
    state.app.extensions["wegweiser_pages"] = VersionedCache()
    state.app.jinja_env.globals.update(heading=heading, tel_href=tel_href)
    state.app.jinja_env.filters["bidi"] = lang.bidi_text


@bp.get("/")
def root():
    """Send the visitor to the home page in the language last read in, else the browser's."""
    from service.web.public.lang import visitor_lang

    response = redirect(url_for("public.home", lang=visitor_lang()), code=302)
    response.headers["Vary"] = "Accept-Language, Cookie"
    return response


from service.web.public import entries, views  # noqa: E402,F401
