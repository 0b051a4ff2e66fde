"""Web page benchmark: gunicorn with two workers on 127.0.0.1, keep-alive HTTP load, req/s and latency percentiles.

Bare mode: a fresh SQLite database gets the shipped directory; gunicorn serves `create_app()` with rate limits and
counters off. `--production` adds, in the same run, the service as deployed: PostgreSQL (a scratch schema at
TEST_POSTGRES_URL), counters on (aggregated in Redis), rate limits on (stored in Redis), the shipped
deploy/gunicorn.conf.py (masked access log) with 2 workers, and prints both modes side by side with their ratio (both
servers run at once and each page is loaded on one, then the other, so that drift on a shared machine hits both).
Each page is loaded by CONNECTIONS concurrent keep-alive clients for SECONDS after a warm-up, with `wrk -t2 -c32`
(Debian's wrk, when installed) or two Python client processes; GET /healthz is the baseline. Beside req/s, each
page shows the servers' CPU microseconds per request (master and workers, user + system, from /proc): on a machine
shared with other work that figure hardly moves while req/s does, so it is the one to compare changes by.
Targets (issue 13): entry page in production mode >= 2,500 req/s, p99 < 30 ms, >= 85 % of bare; search pages
>= 800 req/s, p99 < 60 ms, >= 80 % of bare. Search pages of queries made only of directory words are kept per
directory version; the page "never kept" shows the cost of one that holds a name (searched and rendered each time).

    python benchmarks/web_bench.py [--production] [--seconds 8] [--connections 32] [--client wrk|python]
                                   [--pages entry,search]
"""

from __future__ import annotations

import argparse
import http.client
import multiprocessing
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlmodel import Session  # noqa: E402

from service import migrate  # noqa: E402
from service.config import Settings  # noqa: E402
from service.db import make_engine, scratch_database  # noqa: E402
from service.directory.loader import load_directory  # noqa: E402

PAGES = [
    ("baseline /healthz", "/healthz"),
    ("home /de/", "/de/"),
    ("home /ar/", "/ar/"),
    ("search /de/search?q=kindergeld", "/de/search?q=kindergeld"),
    ("search /ar/search (Arabic query)", "/ar/search?q=%D8%A7%D9%84%D8%B7%D9%81%D9%84"),
    # A word the directory does not know (a name) makes a page that is never kept: every request searches and renders.
    ("search /de, never kept (with a name)", "/de/search?q=kindergeld%20zeynep"),
    ("entry /de/e/kindergeld", "/de/e/kindergeld"),
    ("entry /ar/e/kindergeld?src=qr", "/ar/e/kindergeld?src=qr"),
]
TARGET_RPS, TARGET_P99_MS = 600, 50.0  # bare mode alone
# production mode: (page, req/s, p99 ms, share of bare)
PRODUCTION_TARGETS = [("entry /de/e/kindergeld", 2500, 30.0, 0.85),
                      ("search /de/search?q=kindergeld", 800, 60.0, 0.80),
                      ("search /ar/search (Arabic query)", 800, 60.0, 0.80)]
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/0")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def prepare(url: str) -> None:
    """Migrate and load the shipped directory."""
    engine = make_engine(url)
    migrate.upgrade(engine)
    with Session(engine) as session:
        load_directory(session, ROOT / "directory_data")
        session.commit()
    engine.dispose()


def start_gunicorn(url: str, port: int, worker_class: str, production: bool = False) -> subprocess.Popen:
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    if production:  # the shipped config, its access log written (to nowhere) as in production
        env = dict(os.environ, DATABASE_URL=url, RATELIMIT_ENABLED="true", RATELIMIT_STORAGE_URI=REDIS_URL,
                   ANALYTICS_ENABLED="true", COUNTERS_URL=REDIS_URL, SECRET_KEY="bench" * 8, HOST="127.0.0.1",
                   PORT=str(port), WEB_WORKERS="2", PUBLIC_BASE_URL=f"http://127.0.0.1:{port}")
        process = subprocess.Popen([gunicorn, "-c", "deploy/gunicorn.conf.py"], cwd=ROOT, env=env,
                                   stdout=subprocess.DEVNULL)
    else:
        env = dict(os.environ, DATABASE_URL=url, RATELIMIT_ENABLED="false", ANALYTICS_ENABLED="false",
                   SECRET_KEY="bench", PUBLIC_BASE_URL=f"http://127.0.0.1:{port}")
        command = [gunicorn, "--workers", "2", "--bind", f"127.0.0.1:{port}",
                   "--worker-class", worker_class, "--log-level", "warning", "--keep-alive", "5"]
        if worker_class == "gthread":
            command += ["--threads", "4"]
        process = subprocess.Popen([*command, "service.web:create_app()"], cwd=ROOT, env=env)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return process
        except OSError:
            time.sleep(0.2)
    process.terminate()
    raise SystemExit("gunicorn did not start")


def _client(port: int, path: str, threads: int, seconds: float, queue) -> None:  # noqa: ANN001
    """One load process: `threads` keep-alive connections hammering `path` until the deadline."""
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds
    headers = {"Accept-Encoding": "gzip", "Connection": "keep-alive"}

    def run() -> None:
        own: list[float] = []
        bad = 0
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        while time.perf_counter() < deadline:
            start = time.perf_counter()
            try:
                connection.request("GET", path, headers=headers)
                response = connection.getresponse()
                response.read()
                if response.status != 200:
                    bad += 1
                if response.will_close:
                    connection.close()
            except (OSError, http.client.HTTPException):
                bad += 1
                connection.close()
                continue
            own.append(time.perf_counter() - start)
        connection.close()
        with lock:
            latencies.extend(own)
            errors[0] += bad

    workers = [threading.Thread(target=run) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    queue.put((latencies, errors[0]))


def load(port: int, path: str, connections: int, seconds: float, processes: int = 2) -> dict:
    """Requests per second and latency percentiles for one path."""
    queue: multiprocessing.Queue = multiprocessing.Queue()
    per_process = max(1, connections // processes)
    started = time.perf_counter()
    clients = [multiprocessing.Process(target=_client, args=(port, path, per_process, seconds, queue))
               for _ in range(processes)]
    for client in clients:
        client.start()
    latencies: list[float] = []
    errors = 0
    for _ in clients:
        part, bad = queue.get()
        latencies.extend(part)
        errors += bad
    for client in clients:
        client.join()
    elapsed = max(seconds, time.perf_counter() - started - 0.05)
    latencies.sort()

    def pct(q: float) -> float:
        return latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000 if latencies else float("nan")

    return {"requests": len(latencies), "rps": len(latencies) / elapsed, "p50": pct(0.50), "p99": pct(0.99),
            "errors": errors}


def _ms(value: str) -> float:
    number = float(re.match(r"[\d.]+", value).group(0))
    return number / 1000 if value.endswith("us") else number * 1000 if value.endswith("s") and not \
        value.endswith("ms") else number


def load_wrk(port: int, path: str, connections: int, seconds: float) -> dict:
    """The same measurement with Debian's `wrk -t2` (a C client: less of the two cores goes to the client)."""
    output = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{max(1, round(seconds))}s", "--latency", "-H", "Accept-Encoding: gzip",
         f"http://127.0.0.1:{port}{path}"], capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p50 = _ms(re.search(r"\s50%\s+(\S+)", output).group(1))
    p99 = _ms(re.search(r"\s99%\s+(\S+)", output).group(1))
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    errors = (int(bad.group(1)) if bad else 0) + (sum(map(int, socket_errors.groups())) if socket_errors else 0)
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    return {"requests": requests, "rps": rps, "p50": p50, "p99": p99, "errors": errors}


CLOCK_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def server_cpu(pid: int) -> float:
    """CPU seconds (user + system) that the gunicorn master `pid` and its workers have used so far, from /proc
    (0 where there is no /proc)."""
    proc = Path("/proc")
    if not (proc / "self" / "stat").exists():
        return 0.0
    ticks = 0
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()  # after "pid (name)": state, ppid, …
        except OSError:  # gone meanwhile
            continue
        if int(entry.name) == pid or int(fields[1]) == pid:
            ticks += int(fields[11]) + int(fields[12])  # utime, stime
    return ticks / CLOCK_TICKS


def with_cpu(measure, pid: int):  # noqa: ANN001, ANN201
    """`measure` that also reports the server's CPU microseconds per request served ("cpu_us")."""
    def run(port: int, path: str, connections: int, seconds: float) -> dict:
        before = server_cpu(pid)
        result = measure(port, path, connections, seconds)
        result["cpu_us"] = (server_cpu(pid) - before) * 1e6 / max(1, result["requests"])
        return result
    return run


def page_size(port: int, path: str) -> tuple[int, int]:
    """Bytes on the wire with gzip, and uncompressed."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", path, headers={"Accept-Encoding": "gzip"})
    packed = len(connection.getresponse().read())
    connection.request("GET", path)
    return packed, len(connection.getresponse().read())


def run_modes(servers: dict[str, tuple[str, str, bool]], measure, args) -> dict[str, dict]:  # noqa: ANN001
    """Start one server per mode (name -> (url, worker class, production)) and load every page on each in turn,
    page by page, so that both modes of a page are measured within seconds of each other; results by mode, page."""
    ports = {mode: free_port() for mode in servers}
    running = {}
    results: dict[str, dict] = {mode: {} for mode in servers}
    try:
        for mode, (url, worker_class, production) in servers.items():
            running[mode] = start_gunicorn(url, ports[mode], worker_class, production)
        for name, path in pages(args.pages):
            for mode in servers:
                measure(ports[mode], path, args.connections, 2.0)  # warm-up: page cache, search index, connections
                results[mode][name] = with_cpu(measure, running[mode].pid)(ports[mode], path, args.connections,
                                                                           args.seconds)
        for path in ("/de/e/kindergeld", "/ar/e/kindergeld"):
            packed, plain = page_size(ports[next(iter(servers))], path)
            print(f"size {path}: {packed / 1024:.1f} KB gzip ({plain / 1024:.1f} KB uncompressed)")
    finally:
        for server in running.values():
            server.terminate()
            server.wait(timeout=30)
    return results


def pages(wanted: str) -> list[tuple[str, str]]:
    """The baseline and the pages whose name contains one of the comma-separated words of `wanted` (all when empty)."""
    words = [w.strip() for w in wanted.split(",") if w.strip()]
    return [PAGES[0]] + [(name, path) for name, path in PAGES[1:] if not words or any(w in name for w in words)]


def report(bare: dict, production: dict | None) -> None:
    if production is None:
        print(f"{'page':38} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7} {'vs /healthz':>11} "
              f"{'CPU us/req':>10}")
        baseline = next(iter(bare.values()))["rps"]
        for name, r in bare.items():
            print(f"{name:38} {r['rps']:8.0f} {r['p50']:8.1f} {r['p99']:8.1f} {r['errors']:7d} "
                  f"{r['rps'] / baseline:10.2f}x {r['cpu_us']:10.0f}")
        return
    print(f"{'page':38} {'bare req/s':>10} {'p99 ms':>7} {'prod req/s':>10} {'p99 ms':>7} {'errors':>6} "
          f"{'prod/bare':>9} {'CPU us/req bare':>15} {'prod':>5}")
    for name, b in bare.items():
        p = production[name]
        print(f"{name:38} {b['rps']:10.0f} {b['p99']:7.1f} {p['rps']:10.0f} {p['p99']:7.1f} "
              f"{b['errors'] + p['errors']:6d} {p['rps'] / b['rps']:8.0%} {b['cpu_us']:15.0f} {p['cpu_us']:5.0f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--worker-class", default="sync", choices=["sync", "gthread"])
    parser.add_argument("--client", default="wrk" if shutil.which("wrk") else "python", choices=["wrk", "python"],
                        help="load generator: Debian's wrk when installed (apt-get install wrk), else Python threads")
    parser.add_argument("--pages", default="", help="only the pages whose name contains one of these words "
                        "(comma-separated, e.g. entry,search); the /healthz baseline always runs")
    parser.add_argument("--production", action="store_true",
                        help="also run the service as deployed (PostgreSQL, counters, limits in Redis, shipped "
                             "gunicorn config) and compare")
    args = parser.parse_args()
    measure = load_wrk if args.client == "wrk" else load
    print(f"load: {args.client}, {args.connections} connections, 2 client threads/processes, {args.seconds:.0f} s "
          f"per page after 2 s warm-up; {os.cpu_count()} cores shared by server and client; load average before: "
          f"{os.getloadavg()[0]:.2f}")

    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{folder}/bench.db"
        prepare(url)
        print(f"bare: gunicorn 2 {args.worker_class} workers, SQLite, counters and limits off")
        servers = {"bare": (url, args.worker_class, False)}
        drop = None
        if args.production:
            base = os.environ.get("TEST_POSTGRES_URL", Settings().test_postgres_url)
            pg_url, drop = scratch_database("postgresql", Path(folder), base, "webbench")
            prepare(pg_url)
            servers["production"] = (pg_url, "sync", True)
            print("production: deploy/gunicorn.conf.py (2 sync workers, access log), PostgreSQL, counters in "
                  "Redis, rate limits in Redis; each page loaded on both servers in turn")
        try:
            results = run_modes(servers, measure, args)
        finally:
            if drop is not None:
                drop()
        bare, production = results["bare"], results.get("production")
        report(bare, production)
    if production is None:
        entry = bare.get("entry /de/e/kindergeld")
        if entry is None:
            return 0
        ok = entry["rps"] >= TARGET_RPS and entry["p99"] < TARGET_P99_MS and entry["errors"] == 0
        print(f"entry page target (>= {TARGET_RPS} req/s, p99 < {TARGET_P99_MS:.0f} ms): {'met' if ok else 'NOT met'}")
        return 0 if ok else 1
    ok = True
    for name, rps, p99, share in PRODUCTION_TARGETS:
        if name not in production:
            continue
        p, b = production[name], bare[name]
        met = p["rps"] >= rps and p["p99"] < p99 and p["rps"] >= share * b["rps"] and p["errors"] == 0
        ok &= met
        print(f"{name}: >= {rps} req/s, p99 < {p99:.0f} ms, >= {share:.0%} of bare: {'met' if met else 'NOT met'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
