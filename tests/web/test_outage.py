"""PostgreSQL stops: cached pages keep being served, the rest is an honest 503 with the emergency numbers in the
page's language, one log line per kind of failure, and the service recovers without a restart.

Runs on a throwaway PostgreSQL cluster started here (as .ci/run starts one), never on the shared server.
"""

from __future__ import annotations

import logging
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlmodel import Session

from service import migrate
from service.config import Settings
from service.db import make_engine
from service.directory.apply import apply_directory

PGBIN = Path("/usr/lib/postgresql/15/bin")


def _as_postgres(command: str) -> None:
    subprocess.run(["su", "postgres", "-c", command], check=True, capture_output=True, timeout=60)


class Cluster:
    def __init__(self, folder: Path, port: int) -> None:
        self.folder, self.port = folder, port
        self.url = f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"

    def start(self) -> None:
        _as_postgres(f"{PGBIN}/pg_ctl -D {self.folder} -l {self.folder}/server.log -o '-p {self.port} -k {self.folder} "
                     f"-c listen_addresses=127.0.0.1' -w start")

    def stop(self) -> None:
        _as_postgres(f"{PGBIN}/pg_ctl -D {self.folder} -m immediate -w stop")


@pytest.fixture
def cluster() -> Iterator[Cluster]:
    if not (PGBIN / "initdb").exists() or os.geteuid() != 0 or shutil.which("su") is None:
        pytest.skip("needs PostgreSQL 15's initdb and root (to run it as the postgres user)")
    folder = Path(tempfile.mkdtemp(prefix="wegweiser-outage-"))  # outside pytest's root-only folder
    shutil.chown(folder, "postgres")
    _as_postgres(f"{PGBIN}/initdb -D {folder} -U postgres --auth=trust")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = Cluster(folder, port)
    server.start()
    yield server
    subprocess.run(["su", "postgres", "-c", f"{PGBIN}/pg_ctl -D {folder} -m immediate stop"], capture_output=True,
                   check=False)
    shutil.rmtree(folder, ignore_errors=True)


def test_cached_pages_survive_an_outage_and_the_rest_is_an_honest_503(cluster, curated, caplog) -> None:
    from service.web import create_app

    engine = make_engine(cluster.url)
    migrate.upgrade(engine)
    with Session(engine) as session:
        apply_directory(session, curated)
        session.commit()
    engine.dispose()
    app = create_app(Settings(database_url=cluster.url, testing=True, ratelimit_enabled=False,
                              secret_key="outage-test", public_base_url="http://wegweiser.test"))
    app.config["PAGE_CACHE"] = True  # as in production
    client = app.test_client()
    warm = ["/de/e/kindergeld", "/ar/e/kindergeld", "/de/", "/tr/topics/money"]
    before = {path: client.get(path).get_data() for path in warm}

    cluster.stop()
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        deadline = time.monotonic() + 4  # longer than the cache's version check (2 s)
        rounds = 0
        while time.monotonic() < deadline or rounds < 3:
            rounds += 1
            for path in warm:
                response = client.get(path)
                assert response.status_code == 200 and response.get_data() == before[path], path
            german = client.get("/de/e/elterngeld")
            assert german.status_code == 503 and german.headers["Retry-After"]
            page = german.get_data(as_text=True)
            assert "Diese Seite kann gerade nicht angezeigt werden" in page and "110" in page and "112" in page
            arabic = client.get("/ar/e/elterngeld").get_data(as_text=True)
            assert 'lang="ar"' in arabic and 'dir="rtl"' in arabic and "110" in arabic
            api = client.get("/api/v1/kitas?lang=uk")
            assert api.status_code == 503 and api.get_json()["error"]["code"] == "unavailable"
            assert client.get("/healthz").status_code == 503
            time.sleep(0.2)
    outage_lines = [r for r in caplog.records if "database unavailable" in r.getMessage()]
    assert 1 <= len(outage_lines) <= 3  # one per kind of failure, not one per request
    assert not any(r.exc_info for r in caplog.records if r.name.startswith(("service", "flask")))

    cluster.start()
    deadline = time.monotonic() + 20
    while client.get("/de/e/elterngeld").status_code != 200 and time.monotonic() < deadline:
        time.sleep(0.5)
    assert client.get("/de/e/elterngeld").status_code == 200  # recovered without a restart
    assert client.get("/api/v1/kitas").status_code == 200
    app.extensions["wegweiser"].engine.dispose()
