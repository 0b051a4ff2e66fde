"""The parent-facing pages (/<lang>/...); `init_app` sets up what every page shares: languages, static assets,
the page caches and the template helpers."""

from flask import Blueprint, Flask, redirect, url_for

from service.present.entries import heading
from service.present.formats import tel_href
from service.present.links import entry_path

bp = Blueprint("public", __name__)
SEARCH_PAGES = 2000  # search pages kept per process (queries of directory words only), about 40 MB at most


def init_app(app: Flask) -> None:
    """Languages, static assets, the page caches and template helpers, for the whole app."""
    from service.present.cache import VersionedCache
    from service.web import assets
    from service.web.public import lang

    lang.init_app(app)
    assets.init_app(app)
    app.extensions["wegweiser_pages"] = VersionedCache()
    app.extensions["wegweiser_search_pages"] = VersionedCache(size=SEARCH_PAGES)
    app.jinja_env.globals.update(heading=heading, tel_href=tel_href, entry_path=entry_path)
    app.jinja_env.filters["bidi"] = lang.bidi_text


@bp.get("/")
def root():
    """Send the visitor to the home page in the language last read in, else the browser's."""
    from service.web.public.lang import visitor_lang

    response = redirect(url_for("public.home", lang=visitor_lang()), code=302)
    response.headers["Vary"] = "Accept-Language, Cookie"
    return response


from service.web.public import entries, views  # noqa: E402,F401
