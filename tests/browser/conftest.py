"""Browser tests: Debian's Chromium driven by Playwright against a live server thread on 127.0.0.1 (SQLite)."""

from __future__ import annotations

import logging
import os
import shutil
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlmodel import Session
from werkzeug.serving import make_server

from service import migrate
from service.accounts.operations import create_user
from service.booking.seed import seed_schedules
from service.config import Settings
from service.db import make_engine
from service.directory.apply import apply_directory
from tests.conftest import DIRECTORY

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
STAFF = ("browser-staff", "a long browser password")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
        "--disable-component-update", "--no-first-run"]


def _require_chromium() -> None:
    if Path(CHROMIUM).is_file():
        return
    reason = f"Chromium not found at {CHROMIUM}: install it with `apt-get install -y chromium` (or `make browser`)"
    if IN_CI:
        pytest.fail(f"{reason} (CI must run the browser tests)")
    pytest.skip(f"SKIPPING ALL BROWSER TESTS: {reason}")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    """pytest-playwright launches Debian's Chromium (Playwright's own download does not work here)."""
    _require_chromium()
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "headless": True, "args": ARGS}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory, curated) -> Iterator[str]:
    """The app with the shipped directory on SQLite, served by a thread; yields its base URL."""
    _require_chromium()
    from service.web import create_app

    url = f"sqlite:///{tmp_path_factory.mktemp('browser') / 'site.db'}"
    engine = make_engine(url)
    migrate.upgrade(engine)
    with Session(engine) as session:
        apply_directory(session, curated)
        seed_schedules(session, DIRECTORY)  # the example consultation hours: free times, blocked times
        create_user(session, STAFF[0], STAFF[1])
        session.commit()
    engine.dispose()
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    app = create_app(Settings(database_url=url, public_base_url=base, ratelimit_enabled=False,
                              analytics_enabled=False, secret_key="browser-tests", telegram_bot_username="TestBot"))
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    server = make_server("127.0.0.1", port, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield base
    server.shutdown()
    thread.join(timeout=5)
    app.extensions["wegweiser"].engine.dispose()


@pytest.fixture(scope="session")
def has_booking(live_server: str) -> bool:
    """Whether the booking blueprint (another part of the service) is installed."""
    import urllib.request

    try:
        with urllib.request.urlopen(f"{live_server}/de/kitas/loevenich/book", timeout=10) as response:
            return response.status == 200
    except Exception:  # noqa: BLE001 - 404 or anything else: not there
        return False


@pytest.fixture(scope="session")
def shots_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where screenshots go: $SCREENSHOT_DIR to keep them, else a temporary folder."""
    folder = os.environ.get("SCREENSHOT_DIR")
    path = Path(folder) if folder else tmp_path_factory.mktemp("screenshots")
    path.mkdir(parents=True, exist_ok=True)
    return path
