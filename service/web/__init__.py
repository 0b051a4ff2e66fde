"""The Flask adapter: `create_app(settings=None)` builds the web front end over the core."""

from __future__ import annotations

import click
from flask import Flask

from service.config import Settings, SettingsError
from service.db import make_engine
from service.reports.counters import start_counters
from service.web import guards
from service.web.extensions import init_extensions
from service.web.logs import mask_dev_server_log
from service.web.staff.sessions import StaffSessionInterface
from service.web.state import WebState


def create_app(settings: Settings | None = None) -> Flask:
    """Create the web application; no global app, no global engine."""
    if settings is None:
        try:
            settings = Settings.from_env()
        except SettingsError as error:  # `flask --app service.web ...` prints it as one line, without a traceback
            raise click.ClickException(str(error)) from None
    app = Flask(__name__)
    app.config.update(
        SECRET_KEY=settings.secret_key,
        TESTING=settings.testing,
        JSON_SORT_KEYS=False,
        WTF_CSRF_ENABLED=not settings.testing,
        RATELIMIT_ENABLED=settings.ratelimit_enabled,
        RATELIMIT_STORAGE_URI=settings.ratelimit_storage_uri,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=settings.public_base_url.startswith("https://"),
        SEND_FILE_MAX_AGE_DEFAULT=86400,
    )
    app.extensions["wegweiser"] = WebState(settings, make_engine(settings.database_url))
    start_counters(settings)
    guards.init_app(app, settings.trusted_proxies)
    app.session_interface = StaffSessionInterface()  # server-side sessions under /staff only
    init_extensions(app)
    mask_dev_server_log()

    from service.web import cli, database, errors, feedback, finder
    from service.web.api import bp as api_bp
    from service.web.booking import bp as booking_bp
    from service.web.health import bp as health_bp
    from service.web.public import bp as public_bp
    from service.web.public import init_app as init_pages
    from service.web.staff import bp as staff_bp

    database.init_app(app)
    errors.init_app(app)
    cli.init_app(app)
    feedback.init_app(app)
    finder.init_app(app)
    app.register_blueprint(health_bp)
    app.register_blueprint(api_bp)
    init_pages(app)
    app.register_blueprint(public_bp)
    app.register_blueprint(booking_bp)
    app.register_blueprint(staff_bp)
    return app
