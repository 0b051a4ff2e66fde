"""Anonymous daily counters, off the request path.

`count(event, day, **dims)` adds one to a tally held in this process; nothing touches a database session. A
background thread hands the tally to a sink every `FLUSH_SECONDS` and at exit:

- without `COUNTERS_URL` the sink writes the batch to the database (`service.reports.counters.write_counts`);
- with `COUNTERS_URL=redis://…` the batch is added to one Redis hash, and whichever process flushes next moves the
  whole hash to the database, so one write serves every process.

No identities and no free text: an unmet search is counted with `terms=` (the normalised words of the query that
the directory's vocabulary knows, or none: stored as `NO_KNOWN_WORD`). This module imports no other service
package; `configure()` is given the function that writes a batch.
"""

from __future__ import annotations

import atexit
import logging
import os
import re
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable
from datetime import date

EVENTS = ("search", "search_empty", "entry_view", "share_open", "booking", "cancel", "no_show", "feedback", "finder")
DIMENSIONS = ("topic", "entry", "lang", "kita", "source", "query")  # `query` holds vocabulary terms only
NO_KNOWN_WORD = "–"
FLUSH_SECONDS = 10.0
MAX_KEYS = 50_000  # a tally never grows without bound while the database is away
MAX_TERMS = 6
_TERM = re.compile(r"^[^\W\d_][^\W\d]{0,31}$")  # letters only: no digits (phones, house numbers), no punctuation
_DIM_LENGTH = {"query": 100}

Key = tuple[date, str, str, str, str, str, str, str]  # day, event, then DIMENSIONS in order
_NAMED_IN_ORDER = DIMENSIONS[:-1]  # every dimension but `query`, which comes from terms=
_NAMED = frozenset(_NAMED_IN_ORDER)
Writer = Callable[[dict[Key, int]], None]
log = logging.getLogger("wegweiser.counters")


def terms_value(terms: Iterable[str]) -> str:
    """What an unmet search stores: its known words (sorted, letters only), or NO_KNOWN_WORD."""
    kept = sorted({t.lower() for t in terms if isinstance(t, str) and _TERM.match(t)})[:MAX_TERMS]
    return " ".join(kept)[:_DIM_LENGTH["query"]] or NO_KNOWN_WORD


def make_key(event: str, day: date, dims: dict[str, object]) -> Key:
    """The counter row an event belongs to; ValueError for an unknown event or dimension, or free text."""
    if event not in EVENTS:
        raise ValueError(f"unknown event {event!r}")
    if "query" in dims:
        raise ValueError("free text is never counted: pass terms= (vocabulary words)")
    terms = dims.pop("terms", None)
    if not dims.keys() <= _NAMED:
        raise ValueError(f"unknown dimensions {sorted(set(dims) - _NAMED)}")
    get = dims.get
    return (day, event, *(str(get(name) or "")[:48] for name in _NAMED_IN_ORDER),  # type: ignore[return-value]
            terms_value(terms) if terms is not None else "")


class Tally:
    """Counts per key in this process, handed to a writer in batches (a failed batch is kept for the next try)."""

    def __init__(self, writer: Writer, every: float = FLUSH_SECONDS) -> None:
        self.writer = writer
        self.every = every
        self.counts: Counter[Key] = Counter()
        self.lock = threading.Lock()
        self.flush_lock = threading.Lock()
        self.thread: threading.Thread | None = None
        self.pid = 0
        self.stopping = threading.Event()
        self.failing_since: float | None = None
        self.last_complaint = 0.0

    def add(self, key: Key, n: int = 1) -> None:
        with self.lock:
            if key in self.counts or len(self.counts) < MAX_KEYS:
                self.counts[key] += n
        if self.pid != os.getpid():
            self._start()

    def _start(self) -> None:
        """A flusher thread per process (after a fork the parent's thread is gone)."""
        with self.lock:
            if self.pid == os.getpid():
                return
            self.pid = os.getpid()
            self.stopping = threading.Event()
            self.thread = threading.Thread(target=self._run, name="counters-flush", daemon=True)
            self.thread.start()

    def _run(self) -> None:
        while not self.stopping.wait(self.every):
            self.flush()

    def flush(self) -> int:
        """Write what was counted; returns the number of rows handed over (0 when the writer failed)."""
        with self.flush_lock:
            with self.lock:
                batch, self.counts = self.counts, Counter()
            if not batch:
                return 0
            try:
                self.writer(dict(batch))
            except Exception as exc:  # noqa: BLE001 - counting must never break anything; keep and retry
                with self.lock:
                    for key, n in batch.items():
                        if key in self.counts or len(self.counts) < MAX_KEYS:
                            self.counts[key] += n
                self._complain(exc)
                return 0
            if self.failing_since is not None:
                log.warning("counters: writing again after %.0f s", time.monotonic() - self.failing_since)
                self.failing_since = None
            return len(batch)

    def _complain(self, exc: Exception) -> None:
        """One log line per minute while writing fails, never a traceback per try."""
        now = time.monotonic()
        if self.failing_since is None:
            self.failing_since = now
        if now - self.last_complaint >= 60:
            self.last_complaint = now
            log.warning("counters: could not write (%s); kept in memory, retrying", type(exc).__name__)

    def stop(self, write: bool = True) -> None:
        """Flush (unless told not to) and let go of the writer's connections; a flush under way ends first."""
        self.stopping.set()
        thread = self.thread
        if thread is not None and thread.is_alive() and thread is not threading.current_thread():
            thread.join(timeout=10)
        if write:
            self.flush()
        close = getattr(self.writer, "close", None)
        if close is not None:
            close()


class RedisSink:
    """Batches added to one Redis hash; a flush moves the whole hash to the database under a short lock."""

    def __init__(self, url: str, writer: Writer, prefix: str = "wegweiser:counters") -> None:
        import redis  # the flask-limiter[redis] dependency

        self.client = redis.Redis.from_url(url, socket_connect_timeout=0.5, socket_timeout=2)
        self.writer = writer
        self.key, self.lock_key = prefix, prefix + ":flush"

    def close(self) -> None:
        self.client.close()
        close = getattr(self.writer, "close", None)
        if close is not None:
            close()

    @staticmethod
    def _field(key: Key) -> str:
        return "\x1f".join((key[0].isoformat(), *key[1:]))

    @staticmethod
    def _key(field: bytes) -> Key:
        day, *rest = field.decode().split("\x1f")
        return (date.fromisoformat(day), *rest)  # type: ignore[return-value]

    def __call__(self, batch: dict[Key, int]) -> None:
        pipe = self.client.pipeline(transaction=False)
        for key, n in batch.items():
            pipe.hincrby(self.key, self._field(key), n)
        pipe.execute()
        self.drain()

    def drain(self) -> None:
        """Move the shared hash to the database (one process at a time); put it back when the database fails."""
        if not self.client.set(self.lock_key, os.getpid(), nx=True, ex=60):
            return
        moving = f"{self.key}:moving:{os.getpid()}"
        try:
            if not self.client.exists(self.key):
                return
            self.client.rename(self.key, moving)
            rows = {self._key(f): int(n) for f, n in self.client.hgetall(moving).items()}
            try:
                self.writer(rows)
            except Exception:
                pipe = self.client.pipeline(transaction=False)
                for key, n in rows.items():
                    pipe.hincrby(self.key, self._field(key), n)
                pipe.delete(moving)
                pipe.execute()
                raise
            self.client.delete(moving)
        finally:
            self.client.delete(self.lock_key)


_tally: Tally | None = None


def configure(writer: Writer | None, url: str | None = None, every: float = FLUSH_SECONDS,
              prefix: str = "wegweiser:counters") -> None:
    """Where counts go: `writer` writes a batch to the database; `url` puts Redis in between; None turns off.

    A process configures once; configuring again (tests) drops what the previous configuration had not written.
    """
    global _tally
    if _tally is not None:
        _tally.stop(write=False)
    if writer is None:
        _tally = None
        return
    sink: Writer = RedisSink(url, writer, prefix) if url else writer
    _tally = Tally(sink, every)


def count(event: str, day: date, **dims: object) -> None:
    """Add one to the anonymous counter of `event` on `day`; a no-op when counters are off."""
    key = make_key(event, day, dims)
    if _tally is not None:
        _tally.add(key)


def flush() -> int:
    """Write what this process counted now (tests, exit)."""
    return _tally.flush() if _tally is not None else 0


atexit.register(flush)
