"""Gunicorn for Kita-Wegweiser: `gunicorn -c deploy/gunicorn.conf.py` from the project folder.

Access lines name no cancel or calendar token and no search text (see service/web/logs.py); settings come from the
environment as in the README (HOST, PORT, WEB_WORKERS).
"""

import logging
import os
import re
import sys
import traceback
from functools import lru_cache

from gunicorn.glogging import Logger

from service.web.logs import escape, mask_request_line, mask_url

wsgi_app = "service.web:create_app()"
bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_WORKERS", "2"))
worker_class = "sync"  # behind nginx, which buffers slow clients
timeout = 30
graceful_timeout = 20
keepalive = 5
forwarded_allow_ips = "127.0.0.1,::1"
accesslog = "-"
errorlog = "-"
control_socket_disable = True  # gunicorn >= 25 would open one in the (read-only) home folder; systemctl suffices
access_log_format = '%(h)s %(t)s "%(r)s" %(s)s %(b)s %(M)sms "%(f)s" "%(a)s"'


# The atoms built without gunicorn's full table (every request and response header and environ variable).
CHEAP_ATOMS = frozenset("htrsbMfa")


@lru_cache(maxsize=8)
def format_atoms(log_format: str) -> frozenset[str]:
    """The atom names an access log format uses: '%(h)s %({x-real-ip}i)s' -> {'h', '{x-real-ip}i'}."""
    return frozenset(re.findall(r"%\(([^)]+)\)", log_format))


class PrivateLogger(Logger):
    """Gunicorn's logger with request lines, paths, query strings and referrers masked and escaped."""

    def access(self, resp, req, environ, request_time):  # noqa: ANN001, ANN201
        """One access line, as gunicorn writes it, without looking up the caller's frame for every request."""
        if not getattr(self, "access_log_enabled", True) or not self.access_log.isEnabledFor(logging.INFO):
            return
        atoms = self.atoms(resp, req, environ, request_time)
        log_format = self.cfg.access_log_format
        try:
            line = log_format % (atoms if format_atoms(log_format) <= CHEAP_ATOMS else self.atoms_wrapper_class(atoms))
            self.access_log.handle(self.access_log.makeRecord(self.access_log.name, logging.INFO, __file__, 0, line,
                                                              None, None))
        except Exception:  # noqa: BLE001 - as gunicorn: a broken line is reported, the request is not
            self.error(traceback.format_exc())

    def atoms(self, resp, req, environ, request_time):  # noqa: ANN001, ANN201
        if format_atoms(self.cfg.access_log_format) <= CHEAP_ATOMS:  # a line without the cost of every header
            sent = getattr(resp, "sent", None)
            return {"h": environ.get("REMOTE_ADDR", "-"), "t": self.now(),
                    "r": mask_request_line(f"{environ['REQUEST_METHOD']} {environ['RAW_URI']} "
                                           f"{environ['SERVER_PROTOCOL']}"),
                    "s": str(resp.status).split(None, 1)[0], "b": str(sent) if sent is not None else "-",
                    "M": request_time.seconds * 1000 + request_time.microseconds // 1000,
                    "f": mask_url(environ.get("HTTP_REFERER", "-")), "a": escape(environ.get("HTTP_USER_AGENT") or "-")}
        atoms = super().atoms(resp, req, environ, request_time)
        atoms["r"] = mask_request_line(atoms["r"])
        for key in ("U", "f", "{referer}i"):
            if isinstance(atoms.get(key), str):
                atoms[key] = mask_url(atoms[key])
        atoms["q"] = mask_url("?" + (atoms.get("q") or ""))[1:]
        atoms["a"] = escape(atoms.get("a") or "-")
        return atoms


logger_class = PrivateLogger


def on_starting(_server) -> None:  # noqa: ANN001
    """Refuse settings the service will not run with before any worker starts: gunicorn prints the reason (a
    RuntimeError) as one line and exits, instead of every worker failing to boot with a traceback."""
    from service.config import Settings

    Settings.from_env()


def post_fork(_server, _worker) -> None:  # noqa: ANN001
    """The app's own warnings (counters, limits, outages) go to the error log's stream, one line each."""
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr,
                        format="[%(asctime)s] [%(process)d] [%(levelname)s] %(name)s: %(message)s")
