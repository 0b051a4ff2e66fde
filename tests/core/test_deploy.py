"""deploy/: systemd units that systemd accepts, commands that exist, a gunicorn config that loads."""

from __future__ import annotations

import logging
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from service.config import PROJECT_ROOT, Settings

DEPLOY = PROJECT_ROOT / "deploy"
UNITS = sorted(DEPLOY.glob("*.service")) + sorted(DEPLOY.glob("*.timer"))


def test_every_service_has_its_timer_or_runs_for_good() -> None:
    names = {unit.name for unit in UNITS}
    assert {"wegweiser-web.service", "wegweiser-bot.service", "wegweiser-purge.timer", "wegweiser-mail.timer",
            "wegweiser-backup.timer"} <= names
    for timer in DEPLOY.glob("*.timer"):
        assert timer.with_suffix(".service").exists()


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze is not installed")
def test_systemd_accepts_the_units(tmp_path: Path) -> None:
    for unit in UNITS:  # the units name /opt/wegweiser: point them at this checkout so the programs exist
        (tmp_path / unit.name).write_text(unit.read_text().replace("/opt/wegweiser", str(PROJECT_ROOT)))
    done = subprocess.run(["systemd-analyze", "verify", "--man=no", *sorted(str(p) for p in tmp_path.iterdir())],
                          capture_output=True, text=True, cwd=tmp_path, check=False)
    assert done.returncode == 0 and not done.stderr.strip(), done.stderr


def test_flask_commands_in_the_units_exist(db, database_url) -> None:
    from service.web import create_app

    app = create_app(Settings(database_url=database_url, testing=True, secret_key="deploy-test"))
    commands = [re.search(r"flask --app service\.web ([a-z ]+?)(?: /|'|$)", line)
                for unit in UNITS for line in unit.read_text().splitlines() if "flask --app" in line]
    assert len(commands) >= 3
    for match in commands:
        assert match, "a flask command line the test cannot read"
        result = app.test_cli_runner().invoke(args=[*shlex.split(match.group(1)), "--help"])
        assert result.exit_code == 0, (match.group(1), result.output)
    app.extensions["wegweiser"].engine.dispose()


def test_logs_are_kept_seven_days_as_the_privacy_page_says() -> None:
    assert "MaxRetentionSec=7day" in (DEPLOY / "journald-wegweiser.conf").read_text()
    backup = (DEPLOY / "wegweiser-backup.service").read_text()
    assert "-mtime +13 -delete" in backup  # a backup is deleted once it is 14 days old


def test_gunicorn_config_loads() -> None:
    done = subprocess.run([sys.executable, "-m", "gunicorn", "--check-config", "-c", "deploy/gunicorn.conf.py"],
                          cwd=PROJECT_ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr



def _shipped_gunicorn_conf():  # noqa: ANN202
    import importlib.util

    spec = importlib.util.spec_from_file_location("shipped_gunicorn_conf", PROJECT_ROOT / "deploy" / "gunicorn.conf.py")
    conf = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(conf)
    return conf


def _access_line(log_format: str) -> str:
    """One access line written by the shipped PrivateLogger with `log_format`, for a request full of secrets."""
    import datetime
    import types

    from gunicorn.config import Config

    cfg = Config()
    cfg.set("access_log_format", log_format)
    cfg.set("accesslog", "-")
    logger = _shipped_gunicorn_conf().PrivateLogger(cfg)
    lines: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            lines.append(record.getMessage())

    logger.access_log.handlers = [Keep()]
    response = types.SimpleNamespace(status="200 OK", sent=512, headers=[("Content-Type", "text/html")])
    request = types.SimpleNamespace(headers=[("X-Real-Ip", "203.0.113.9")])
    environ = {"REQUEST_METHOD": "GET", "RAW_URI": "/de/booking/SECRETTOKEN?q=Zeynep", "PATH_INFO": "/de/booking/x",
               "QUERY_STRING": "q=Zeynep", "SERVER_PROTOCOL": "HTTP/1.1", "REMOTE_ADDR": "127.0.0.1",
               "HTTP_USER_AGENT": "phone\nforged line", "HTTP_REFERER": "https://example.org/de/search?q=Zeynep"}
    logger.access(response, request, environ, datetime.timedelta(milliseconds=12))
    assert len(lines) == 1
    return lines[0]


def test_the_shipped_access_line_is_masked_on_its_short_path() -> None:
    line = _access_line(_shipped_gunicorn_conf().access_log_format)
    assert "SECRETTOKEN" not in line and "Zeynep" not in line and "\n" not in line
    assert line.startswith("127.0.0.1 [") and '"GET /de/booking/***?q=*** HTTP/1.1" 200 512 12ms' in line


def test_a_format_naming_other_atoms_gets_gunicorn_s_full_table_still_masked() -> None:
    line = _access_line('%({x-real-ip}i)s "%(r)s" %(U)s %(q)s %(s)s')
    assert line.startswith("203.0.113.9 ") and "SECRETTOKEN" not in line and "Zeynep" not in line
