"""Flask extensions: Babel (locale from the URL), CSRF, rate limits."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from flask import Flask, Response, current_app, g, request
from flask_babel import Babel, get_locale, get_translations
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_wtf.csrf import CSRFProtect

from service.i18n import DEFAULT_LANG, LOCALES_DIR, negotiate, normalize_lang

babel = Babel()
csrf = CSRFProtect()
# When the limit storage (Redis) is unreachable, limits are counted in memory per process and the page is served;
# flask-limiter warns once when it falls back and notes the recovery it probes for.
limiter = Limiter(key_func=get_remote_address, default_limits=[], headers_enabled=True,
                  in_memory_fallback_enabled=True, swallow_errors=True)
REDIS_TIMEOUTS = {"socket_connect_timeout": 0.25, "socket_timeout": 0.5}


def select_locale() -> str:
    """The page's language: from the URL, else the `lang` parameter, else the browser's preference."""
    lang = getattr(g, "lang", None)
    if lang:
        return lang
    lang = normalize_lang(request.args.get("lang")) if request else None
    return lang or negotiate(request.headers.get("Accept-Language") if request else None, DEFAULT_LANG)


def page_translations():  # noqa: ANN201 - babel's Translations or NullTranslations
    """The translations of the page's locale, found once per request and locale (flask-babel finds them again for
    every string: a third of a search page's time); `force_locale` still switches them."""
    locale = get_locale()
    held = g.get("_page_translations")
    if held is None or held[0] is not locale:
        held = g._page_translations = (locale, get_translations())
    return held[1]


def init_extensions(app: Flask) -> None:
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = str(LOCALES_DIR)
    app.config["BABEL_DEFAULT_LOCALE"] = DEFAULT_LANG
    babel.init_app(app, locale_selector=select_locale)
    app.jinja_env.install_gettext_callables(
        gettext=lambda s: page_translations().ugettext(s),
        ngettext=lambda s, p, n: page_translations().ungettext(s, p, n),
        pgettext=lambda c, s: page_translations().upgettext(c, s),
        npgettext=lambda c, s, p, n: page_translations().unpgettext(c, s, p, n),
        newstyle=True)
    csrf.init_app(app)
    _csrf_check_for_unsafe_methods(app)
    if app.config.get("RATELIMIT_STORAGE_URI", "").startswith(("redis://", "rediss://")):
        app.config.setdefault("RATELIMIT_STORAGE_OPTIONS", REDIS_TIMEOUTS)
    limiter.init_app(app)
    limiter._storage_dead = False  # the limiter is module-wide; a new app's new storage is not known to be down
    _only_limited_views_check(app)


def _csrf_check_for_unsafe_methods(app: Flask) -> None:
    """flask-wtf's check before every request looks up whether the view is exempt before it looks at the method,
    so every GET pays for that look-up (a twentieth of a kept page's time). Its documented switch
    WTF_CSRF_CHECK_DEFAULT=False turns that hook into a no-op; this one, registered right after it, makes the same
    check (`protect` with the exemptions) for the methods it protects only."""
    app.config["WTF_CSRF_CHECK_DEFAULT"] = False

    def csrf_check() -> None:
        if app.config["WTF_CSRF_ENABLED"] and request.method in app.config["WTF_CSRF_METHODS"]:
            csrf.protect(apply_exemptions=True)

    app.before_request(csrf_check)


def _only_limited_views_check(app: Flask) -> None:
    """Drop the limiter's check before every request: with no default, application or meta limits it finds
    nothing to count there (a view with `@limiter.limit` checks its own limits in its wrapper), yet it costs about
    a tenth of a cached page's time."""
    if any(app.config.get(name) for name in ("RATELIMIT_DEFAULT", "RATELIMIT_APPLICATION", "RATELIMIT_META")):
        return
    hooks = app.before_request_funcs.get(None, [])
    app.before_request_funcs[None] = [hook for hook in hooks if hook != limiter._check_request_limit]
    # Its after-request step (limit headers, deductions such as failed logins only) likewise matters only there.
    app.after_request_funcs[None] = [_for_limited_views(hook) if _is_limiter_hook(hook) else hook
                                     for hook in app.after_request_funcs.get(None, [])]
    # So does its teardown, which resets the limiter's per-request state (made only where a limit was checked).
    app.teardown_request_funcs[None] = [_teardown_for_limited_views(hook) if _is_limiter_hook(hook) else hook
                                        for hook in app.teardown_request_funcs.get(None, [])]


def _is_limiter_hook(hook: Callable) -> bool:
    """The limiter's after-request step (a partial of the limiter) or its teardown (a method of the limiter)."""
    if isinstance(hook, partial):
        return getattr(hook, "args", None) == (limiter,)
    return getattr(hook, "__self__", None) is limiter


def _limited_view() -> bool:
    view = current_app.view_functions.get(request.endpoint or "")
    return getattr(view, LIMITED_MARK, None) is not None


def _for_limited_views(hook: Callable[[Response], Response]) -> Callable[[Response], Response]:
    def run(response: Response) -> Response:
        return hook(response) if _limited_view() else response
    return run


def _teardown_for_limited_views(hook: Callable[[BaseException | None], None]) -> Callable[[BaseException | None], None]:
    def run(exc: BaseException | None) -> None:
        if _limited_view():
            hook(exc)
    return run


LIMITED_MARK = "__wrapper-limiter-instance"  # flask-limiter's mark (a proxy of the limiter) on a @limiter.limit view
