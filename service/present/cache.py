"""One versioned cache for web pages, bot texts and the search index.

A value is kept per key and per stamp = (directory version, Europe/Berlin date): a directory load or midnight
in Erkelenz (amounts valid from a date) makes every value be built afresh on its next use. The version is read
at most every `check_every` seconds.

Outages: when reading the version or building a value fails with a database error, `get` answers with the last
good value for that key (of any stamp) and remembers that it did (`served_stale`); without one it raises.
`last_good(key)` gives that value directly (None when there is none).
"""

from __future__ import annotations

import threading
import time
import weakref
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any, TypeVar

from sqlalchemy.exc import DBAPIError
from sqlmodel import Session

from service.directory.apply import CHANGE_LISTENERS
from service.directory.models import DirectoryVersion
from service.present.times import berlin_today

T = TypeVar("T")
Stamp = tuple[Hashable, date]
DATABASE_ERRORS: tuple[type[BaseException], ...] = (DBAPIError,)
_every_cache: weakref.WeakSet[VersionedCache] = weakref.WeakSet()


def directory_changed() -> None:
    """This process changed the directory: every cache reads the version again on its next use (other processes
    notice within their `check_every`)."""
    for cache in list(_every_cache):
        cache.expire()


CHANGE_LISTENERS.append(directory_changed)


class VersionedCache:
    """Values by key, rebuilt when the directory version or the Berlin date changes; thread-safe."""

    def __init__(self, check_every: float = 2.0, size: int = 5000,
                 today: Callable[[], date] = berlin_today) -> None:
        self.check_every = check_every
        self.size = size
        self.today = today
        self.served_stale = 0  # how often a last good value stood in for a failed build
        self._values: dict[Hashable, tuple[Stamp, Any]] = {}
        self._stamp: Stamp | None = None
        self._checked = float("-inf")
        self._lock = threading.Lock()
        self._building: dict[Hashable, list] = {}  # key -> [lock, waiters]; gone when nobody builds the key
        _every_cache.add(self)

    def expire(self) -> None:
        """Read the version again on the next use (the values stay until the stamp says they are old)."""
        with self._lock:
            self._checked = float("-inf")

    def stamp(self, version: Callable[[], Hashable]) -> Stamp:
        """The current (version, Berlin date); the version is read again only after `check_every` seconds."""
        now = time.monotonic()
        if self._stamp is not None and now - self._checked < self.check_every:
            return self._stamp
        stamp = (version(), self.today())
        with self._lock:
            self._stamp, self._checked = stamp, now
        return stamp

    def get(self, key: Hashable, build: Callable[[], T], version: Callable[[], Hashable]) -> T:
        """The value for `key` at the current stamp, built once; the last good value when the database fails."""
        try:
            stamp = self.stamp(version)
            held = self._values.get(key)
            if held is not None and held[0] == stamp:
                return held[1]
            with self._builder(key):  # one build per key at a time; the others wait and take its value
                held = self._values.get(key)
                if held is not None and held[0] == stamp:
                    return held[1]
                value = build()
                self._store(key, stamp, value)
            return value
        except DATABASE_ERRORS:
            held = self._values.get(key)
            if held is None:
                raise
            with self._lock:
                self.served_stale += 1
            return held[1]

    @contextmanager
    def _builder(self, key: Hashable) -> Iterator[None]:
        """One build per key at a time; the entry is dropped after the last waiter (no growth with odd keys)."""
        with self._lock:
            entry = self._building.setdefault(key, [threading.RLock(), 0])
            entry[1] += 1
        try:
            with entry[0]:
                yield
        finally:
            with self._lock:
                entry[1] -= 1
                if entry[1] == 0:
                    self._building.pop(key, None)

    def _store(self, key: Hashable, stamp: Stamp, value: Any) -> None:
        with self._lock:
            if len(self._values) >= self.size:
                self._drop_old(stamp)
            self._values[key] = (stamp, value)

    def last_good(self, key: Hashable) -> Any | None:
        """The last value built for `key` (of any stamp), or None."""
        held = self._values.get(key)
        return held[1] if held is not None else None

    def clear(self) -> None:
        with self._lock:
            self._values.clear()
            self._stamp, self._checked = None, float("-inf")

    def _drop_old(self, stamp: Stamp) -> None:
        """Make room: values of older stamps go first; when all are current, everything goes."""
        old = [key for key, (held, _value) in self._values.items() if held != stamp]
        for key in old:
            del self._values[key]
        if len(self._values) >= self.size:
            self._values.clear()

    def __len__(self) -> int:
        return len(self._values)


def directory_stamp(session: Session) -> Callable[[], Hashable]:
    """The version reader for `session`: the number the loader bumps and when it loaded (a recreated database
    at the same address starts at the same number)."""

    def read() -> Hashable:
        row = session.get(DirectoryVersion, 1)
        return (row.version, str(row.loaded_at)) if row else (0, "")

    return read
