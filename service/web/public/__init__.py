"""The parent-facing pages (/<lang>/...); registering the blueprint also sets up languages and static assets."""

from flask import Blueprint, redirect, url_for
from flask.blueprints import BlueprintSetupState

from service.present.entries import heading
from service.present.formats import tel_href
from service.present.links import entry_path

bp = Blueprint("public", __name__)
SEARCH_PAGES = 2000  # search pages kept per process (queries of directory words only), about 40 MB at most


@bp.record_once
def _setup(state: BlueprintSetupState) -> None:
    from service.present.cache import VersionedCache
    from service.web import assets
    from service.web.public import lang

    lang.init_app(state.app)
    assets.init_app(state.app)
    state.app.extensions["wegweiser_pages"] = VersionedCache()
    state.app.extensions["wegweiser_search_pages"] = VersionedCache(size=SEARCH_PAGES)
    state.app.jinja_env.globals.update(heading=heading, tel_href=tel_href, entry_path=entry_path)
    state.app.jinja_env.filters["bidi"] = lang.bidi_text


@bp.get("/")
def root():
    """Send the visitor to the home page in the language last read in, else the browser's."""
    from service.web.public.lang import visitor_lang

    response = redirect(url_for("public.home", lang=visitor_lang()), code=302)
    response.headers["Vary"] = "Accept-Language, Cookie"
    return response


from service.web.public import entries, views  # noqa: E402,F401
