"""The finder on the web: /<lang>/finder (one form, POST only, so answers never appear in a URL) and the
shared result /<lang>/finder/shared?e=slug,slug (entry slugs only, never answers, never a crisis entry)."""

from flask import Blueprint, Flask

bp = Blueprint("finder", __name__)


def init_app(app: Flask) -> None:
    from service.web.finder import routes  # noqa: F401 - registers the views

    app.register_blueprint(bp)
