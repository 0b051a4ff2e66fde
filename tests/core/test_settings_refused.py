"""The processes of a deployment refuse settings they will not run with in one line each, without a traceback:
gunicorn (before any worker starts), the bot and the flask commands."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from service.config import PROJECT_ROOT

WEAK = {"PRODUCTION": "true", "SECRET_KEY": "short", "PUBLIC_BASE_URL": "https://wegweiser.example"}
COMMANDS = {
    "gunicorn": [sys.executable, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py", "--bind", "127.0.0.1:0"],
    "bot": [sys.executable, "-m", "bots.telegram"],
    "flask": [sys.executable, "-m", "flask", "--app", "service.web", "db", "upgrade"],
}


@pytest.mark.parametrize("process", sorted(COMMANDS))
def test_a_weak_secret_key_is_refused_in_one_line(process: str) -> None:
    env = {**os.environ, **WEAK, "DATABASE_URL": "sqlite:///:memory:"}
    done = subprocess.run(COMMANDS[process], cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode != 0
    assert "Error: SECRET_KEY must be at least 32 bytes in production" in done.stderr
    assert "Traceback" not in done.stderr + done.stdout
