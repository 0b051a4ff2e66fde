"""Booking benchmark against the running server: gunicorn with 2 workers, on SQLite and on PostgreSQL.

For each backend a fresh database gets the shipped directory and benchmark windows (07:00-21:00 every day), then:
- slot computation: free_slots in process (14 and 62 days) against a `SELECT 1` round trip as the baseline, and
  GET /api/v1/kitas/<kita>/slots over HTTP against GET /healthz;
- booking under contention: CLIENTS concurrent clients POST /api/v1/bookings at the same moment, racing for a
  few slots (HOT clients per slot) and for different slots; bookings per second, p50/p99, answers by status,
  double bookings in the database (must be 0) and 5xx answers (must be 0), against concurrent GET /healthz.

Every booking carries an Idempotency-Key of its own. With --production the server runs as deployed: rate limits
and counters on, both in Redis (REDIS_URL, default redis://127.0.0.1:6379/15), behind a proxy (TRUSTED_PROXIES=1)
that gives each client its own address, so each family has its own limits; without it, limits and counters are off.

    python benchmarks/booking_bench.py [--clients 200] [--hot 40] [--backends sqlite,postgresql] [--production]
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable
from datetime import date, timedelta
from datetime import time as clock
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import func, text  # noqa: E402
from sqlmodel import Session, select  # noqa: E402

from service import migrate  # noqa: E402
from service.booking import free_slots  # noqa: E402
from service.booking.models import Booking, Schedule  # noqa: E402
from service.config import Settings  # noqa: E402
from service.db import make_engine, scratch_database  # noqa: E402
from service.directory.loader import load_directory  # noqa: E402
from service.directory.models import Kita, SocialWorker  # noqa: E402

BENCH_KITAS = {"beispiel-a": "loevenich", "beispiel-b": "westpromenade", "beispiel-c": "gerderath"}


def prepare(url: str) -> None:
    """Migrate, load the shipped directory, give every social worker windows on every day."""
    engine = make_engine(url)
    migrate.upgrade(engine)
    with Session(engine) as session:
        load_directory(session, ROOT / "directory_data")
        kitas = {k.slug: k.id for k in session.exec(select(Kita))}
        for worker in session.exec(select(SocialWorker)):
            kita = BENCH_KITAS.get(worker.slug)
            for weekday in range(7) if kita else ():
                session.add(Schedule(social_worker_id=worker.id, kita_id=kitas[kita], weekday=weekday,
                                     opens=clock(7), closes=clock(21), valid_from=date.today() - timedelta(days=1)))
        session.commit()
    engine.dispose()


def timed(call: Callable[[], object], runs: int) -> float:
    """Median seconds of `runs` calls."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def bench_slots_in_process(url: str) -> None:
    engine = make_engine(url)
    with Session(engine) as session:
        baseline = timed(lambda: session.exec(text("SELECT 1")).all(), 200)
        two_weeks = timed(lambda: free_slots(session, "loevenich", date.today(), 14), 30)
        nine_weeks = timed(lambda: free_slots(session, "loevenich", date.today(), 62), 10)
        count = len(free_slots(session, "loevenich", date.today(), 14))
    engine.dispose()
    print(f"  free_slots 14 days ({count} slots): {two_weeks * 1000:7.2f} ms  = {two_weeks / baseline:6.0f} x SELECT 1 "
          f"({baseline * 1000:.3f} ms)")
    print(f"  free_slots 62 days:              {nine_weeks * 1000:7.2f} ms  = {nine_weeks / baseline:6.0f} x SELECT 1")


class Server:
    """gunicorn with 2 sync workers serving create_app() on a free port (as deployed: limits and counters in Redis,
    behind a proxy)."""

    def __init__(self, url: str, production: bool = False) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        env = dict(os.environ, DATABASE_URL=url, RATELIMIT_ENABLED="false", ANALYTICS_ENABLED="false",
                   PUBLIC_BASE_URL=f"http://127.0.0.1:{self.port}", SECRET_KEY="bench")
        if production:
            redis = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/15")
            env.update(RATELIMIT_ENABLED="true", RATELIMIT_STORAGE_URI=redis, ANALYTICS_ENABLED="true",
                       COUNTERS_URL=redis, TRUSTED_PROXIES="1")
        self.process = subprocess.Popen(
            [str(Path(sys.executable).with_name("gunicorn")), "-w", "2", "-b", f"127.0.0.1:{self.port}",
             "--backlog", "2048", "--log-level", "warning", "service.web:create_app()"], cwd=ROOT, env=env)
        deadline = time.time() + 30
        while time.time() < deadline:
            try:
                if request(self.port, "GET", "/healthz")[0] == 200:
                    return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not start")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(15)


def request(port: int, method: str, path: str, body: dict | None = None,
            conn: http.client.HTTPConnection | None = None, headers: dict[str, str] | None = None) -> tuple[int, bytes]:
    conn = conn or http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    payload = json.dumps(body).encode() if body is not None else None
    conn.request(method, path, body=payload,
                 headers={**({"Content-Type": "application/json"} if payload else {}), **(headers or {})})
    response = conn.getresponse()
    data = response.read()
    conn.close()
    return response.status, data


def burst(port: int, calls: list[tuple[str, str, dict | None, dict[str, str]]]) -> tuple[float, list[float], Counter]:
    """All calls (method, path, body, headers) at the same moment, one client (thread and connection) each: wall
    time, latencies, statuses."""
    barrier = threading.Barrier(len(calls) + 1)
    latencies: list[float] = []
    statuses: Counter = Counter()
    lock = threading.Lock()

    def client(method: str, path: str, body: dict | None, headers: dict[str, str]) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
        conn.connect()
        barrier.wait()
        start = time.perf_counter()
        try:
            status = request(port, method, path, body, conn, headers)[0]
        except OSError as exc:
            status = f"error {type(exc).__name__}"
        with lock:
            latencies.append(time.perf_counter() - start)
            statuses[status] += 1

    threads = [threading.Thread(target=client, args=call) for call in calls]
    for thread in threads:
        thread.start()
    barrier.wait()
    start = time.perf_counter()
    for thread in threads:
        thread.join()
    return time.perf_counter() - start, latencies, statuses


def pct(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000


def double_bookings(url: str) -> int:
    engine = make_engine(url)
    with Session(engine) as session:
        rows = session.exec(select(Booking.social_worker_id, Booking.start, func.count()).where(
            Booking.status != "cancelled").group_by(Booking.social_worker_id, Booking.start)
            .having(func.count() > 1)).all()
    engine.dispose()
    return len(rows)


def bench_http(url: str, clients: int, hot: int, production: bool) -> dict:
    server = Server(url, production)
    try:
        port = server.port
        status, body = request(port, "GET", "/api/v1/kitas/loevenich/slots?days=62")
        slots = [s["id"] for s in json.loads(body)]
        get_slots = timed(lambda: request(port, "GET", "/api/v1/kitas/loevenich/slots?days=14"), 30)
        get_health = timed(lambda: request(port, "GET", "/healthz"), 30)
        print(f"  GET slots (14 days) over HTTP:   {get_slots * 1000:7.2f} ms  = {get_slots / get_health:6.1f} x GET "
              f"/healthz ({get_health * 1000:.2f} ms)")
        base_wall, base_lat, base_status = burst(port, [("GET", "/healthz", None, {})] * clients)
        print(f"  baseline {clients} x GET /healthz at once: {clients / base_wall:7.1f} answers/s, "
              f"p50 {pct(base_lat, .5):6.0f} ms, p99 {pct(base_lat, .99):6.0f} ms")
        results = {}
        run = uuid.uuid4().hex[:6]
        scenarios = {
            f"same slots ({hot} clients per slot)": [slots[i // hot] for i in range(clients)],
            "different slots": slots[clients // hot + 1: clients // hot + 1 + clients],
        }
        for name, chosen in scenarios.items():
            calls = [("POST", "/api/v1/bookings", {
                "slot_id": slot, "first_name": "Bench", "contact": f"bench-{run}-{name[:4]}-{i}@example.org",
                "lang": "de", "interpreter": False, "topic": None, "note": None, "consent": True},
                {"Idempotency-Key": f"bench-{run}-{name[:4]}-{i:06d}",
                 "X-Forwarded-For": f"10.{i >> 16 & 255}.{i >> 8 & 255}.{i & 255}"})  # --production: a family each
                for i, slot in enumerate(chosen)]
            wall, latencies, statuses = burst(port, calls)
            booked = statuses.get(201, 0)
            errors = sum(n for s, n in statuses.items() if not isinstance(s, int) or s >= 500)
            results[name] = {"booked": booked, "bookings_per_s": booked / wall, "answers_per_s": len(calls) / wall,
                             "p50_ms": pct(latencies, .5), "p99_ms": pct(latencies, .99),
                             "statuses": dict(statuses), "server_errors": errors,
                             "ratio": (len(calls) / wall) / (clients / base_wall)}
            print(f"  {clients} x POST /bookings, {name}: {booked} booked, {booked / wall:6.1f} bookings/s, "
                  f"{len(calls) / wall:6.1f} answers/s (= {results[name]['ratio']:.2f} x healthz), "
                  f"p50 {pct(latencies, .5):6.0f} ms, p99 {pct(latencies, .99):6.0f} ms, statuses {dict(statuses)}, "
                  f"5xx {errors}")
        doubles = double_bookings(url)
        print(f"  double bookings in the database: {doubles}")
        results["double_bookings"] = doubles
        return results
    finally:
        server.stop()


def database(backend: str, workdir: Path) -> tuple[str, Callable[[], None]]:
    """A fresh database URL and how to drop it."""
    base = os.environ.get("TEST_POSTGRES_URL") or Settings().test_postgres_url
    return scratch_database(backend, workdir, base, "bench")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--hot", type=int, default=40, help="clients racing for each slot in the first scenario")
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--production", action="store_true", help="limits and counters on, in Redis, behind a proxy")
    args = parser.parse_args()
    failures = []
    for backend in args.backends.split(","):
        print(f"{backend}:")
        with tempfile.TemporaryDirectory() as workdir:
            url, drop = database(backend, Path(workdir))
            try:
                prepare(url)
                bench_slots_in_process(url)
                results = bench_http(url, args.clients, args.hot, args.production)
            finally:
                drop()
        failures += [f"{backend}: {name} had {r['server_errors']} 5xx" for name, r in results.items()
                     if isinstance(r, dict) and r["server_errors"]]
        failures += [f"{backend}: {results['double_bookings']} double bookings"] if results["double_bookings"] else []
        expected = args.clients // args.hot
        hot_name = next(iter(results))
        if results[hot_name]["booked"] != expected:
            failures.append(f"{backend}: {results[hot_name]['booked']} bookings for {expected} contested slots")
    print("FAILED: " + "; ".join(failures) if failures else "ok: no double bookings, no 5xx")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
