"""Every error answered once: JSON for the API (and clients that ask for JSON), HTML pages otherwise."""

from __future__ import annotations

import traceback

from flask import Flask, Response, g, jsonify, make_response, render_template, request
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from werkzeug.exceptions import HTTPException

from service.errors import Conflict, InvalidInput, NotFound, RateLimited, ServiceError, SlotTaken
from service.i18n import normalize_lang
from service.web.logs import Throttle, mask_url

MESSAGES = {
    "bad_request": _l("The request could not be understood."),
    "invalid_lang": _l("This language is not offered."),
    "not_found": _l("We could not find this page."),
    "method_not_allowed": _l("This action is not allowed here."),
    "conflict": _l("This clashes with a change made in the meantime."),
    "slot_taken": _l("Sorry, this time was just taken. Please choose another one."),
    "invalid": _l("Please check the marked fields."),
    "rate_limited": _l("Too many requests. Please wait a moment and try again."),
    "too_large": _l("What was sent is too large."),
    "csrf": _l("The form has expired. Please send it again."),
    "server_error": _l("Something went wrong on our side. Please try again later."),
    "unavailable": _l("This page cannot be shown at the moment. Please try again in a few minutes."),
}
_HTTP_CODES = {400: "bad_request", 404: "not_found", 405: "method_not_allowed", 409: "conflict",
               413: "too_large", 422: "invalid", 429: "rate_limited", 503: "unavailable"}
# The database is away (stopped, restarting, unreachable, pool exhausted): an honest 503, not a traceback.
DATABASE_AWAY = (OperationalError, InterfaceError, PoolTimeout)


def wants_json() -> bool:
    if request.path.startswith("/api/"):
        return True
    best = request.accept_mimetypes.best_match(["text/html", "application/json"])
    return best == "application/json" and request.accept_mimetypes[best] > request.accept_mimetypes["text/html"]


def error_lang() -> str:
    """The language of error messages: the page's, else the request's `lang`, else English (API)."""
    lang = getattr(g, "lang", None) or normalize_lang(request.args.get("lang"))
    if not lang and request.is_json and (request.content_length or 0) <= (request.max_content_length or 0):
        body = request.get_json(silent=True)
        if isinstance(body, dict) and isinstance(body.get("lang"), str):
            lang = normalize_lang(body["lang"])
    return lang or ("en" if request.path.startswith("/api/") else "de")


def render_error(status: int, code: str, fields: dict[str, str] | None = None, message: str | None = None):
    """The one place an error becomes a response."""
    lang = error_lang()
    with force_locale(lang):
        text = message or str(MESSAGES.get(code, MESSAGES["bad_request"]))
        if wants_json():
            payload: dict = {"code": code, "message": text}
            if fields:
                payload["fields"] = fields
            return jsonify(error=payload), status
        g.setdefault("lang", lang)
        try:
            return render_template("error.html", status=status, code=code, message=text), status
        except Exception:  # noqa: BLE001 - the error page must never fail itself
            return Response(text, status=status, mimetype="text/plain")


def failure_kind(exc: BaseException) -> tuple[str, str]:
    """An exception's type and the place it was raised: what 'the same failure' means for the logs."""
    frame = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    return type(exc).__name__, f"{frame.filename}:{frame.lineno}" if frame else ""


def init_app(app: Flask) -> None:
    @app.errorhandler(ServiceError)
    def _service_error(exc: ServiceError):
        if isinstance(exc, InvalidInput):
            return render_error(422, "invalid", exc.fields)
        if isinstance(exc, NotFound):
            return render_error(404, "not_found")
        if isinstance(exc, SlotTaken):
            return render_error(409, "slot_taken")
        if isinstance(exc, Conflict):
            return render_error(409, "conflict")
        if isinstance(exc, RateLimited):
            return render_error(429, "rate_limited")
        return render_error(400, exc.code if exc.code in MESSAGES else "bad_request")

    @app.errorhandler(CSRFError)
    def _csrf(_exc: CSRFError):
        return render_error(400, "csrf")

    @app.errorhandler(HTTPException)
    def _http(exc: HTTPException):
        status = exc.code or 500
        if status >= 500:
            return render_error(status, "server_error")
        return render_error(status, _HTTP_CODES.get(status, "bad_request"))

    tracebacks = Throttle()
    outages = Throttle()

    def database_away(exc: Exception):
        if outages.first(type(exc).__name__):  # one line per kind of failure per minute, never a traceback
            app.logger.warning("database unavailable (%s); answering 503 where no cached page exists",
                               type(exc).__name__)
        response = make_response(render_error(503, "unavailable"))
        response.headers["Retry-After"] = "30"
        response.headers["Cache-Control"] = "no-store"
        return response

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception):
        if isinstance(exc, DATABASE_AWAY) or (isinstance(exc, DBAPIError) and exc.connection_invalidated):
            return database_away(exc)
        if tracebacks.first(failure_kind(exc)):
            app.logger.exception("unhandled error on %s %s", request.method, mask_url(request.path))
        else:  # the same failure again within a minute: one line, no traceback
            app.logger.error("unhandled %s on %s %s (traceback logged within the last minute)",
                             type(exc).__name__, request.method, mask_url(request.path))
        return render_error(500, "server_error")


__all__ = ["render_error", "wants_json", "error_lang", "_"]
