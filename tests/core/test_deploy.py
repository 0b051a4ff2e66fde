"""deploy/: systemd units that systemd accepts, commands that exist, a gunicorn config that loads."""

from __future__ import annotations

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
