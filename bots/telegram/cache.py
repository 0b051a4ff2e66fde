"""Directory reads the bot repeats all day (topic lists, rendered entries, kitas), kept per directory version.

The loader bumps the version on every load; the version is read at most every `check_every` seconds, so an
answer is at most that much older than a new load.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from sqlmodel import Session

from service.directory.queries import directory_version

T = TypeVar("T")
MAX_ITEMS = 5_000


class DirectoryCache:
    """Values computed from the directory, dropped as soon as its version changes."""

    def __init__(self, check_every: float = 2.0) -> None:
        self.check_every = check_every
        self._version: int | None = None
        self._checked = float("-inf")
        self._values: dict[Hashable, Any] = {}
        self._lock = threading.Lock()

    def _current_version(self, session: Session) -> int:
        now = time.monotonic()
        if self._version is not None and now - self._checked < self.check_every:
            return self._version
        version = directory_version(session)
        self._checked = now
        return version

    def get(self, session: Session, key: Hashable, compute: Callable[[], T]) -> T:
        """The cached value for `key` at the current directory version, else `compute()`."""
        version = self._current_version(session)
        with self._lock:
            if version != self._version:
                self._version, self._values = version, {}
            if key in self._values:
                return self._values[key]
        value = compute()
        with self._lock:
            if self._version == version and len(self._values) < MAX_ITEMS:
                self._values[key] = value
        return value
