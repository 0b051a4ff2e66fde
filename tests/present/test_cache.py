"""The one versioned cache: directory version, Berlin date, at most one build per key, last good value in outages."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date

import pytest
from sqlalchemy.exc import OperationalError
from sqlmodel import Session

from service.directory.models import DirectoryVersion
from service.present.cache import VersionedCache, directory_stamp


def _build(log: list, value: object = None):  # noqa: ANN202
    def build() -> object:
        log.append(1)
        return value if value is not None else len(log)
    return build


def test_a_value_is_built_once_per_directory_version(session: Session) -> None:
    cache, built = VersionedCache(check_every=0), []
    session.add(DirectoryVersion(id=1, version=1))
    session.commit()
    for _ in range(3):
        assert cache.get("k", _build(built), directory_stamp(session)) == 1
    session.get(DirectoryVersion, 1).version = 2
    session.commit()
    assert cache.get("k", _build(built), directory_stamp(session)) == 2


def test_the_version_is_read_at_most_every_few_seconds() -> None:
    cache, version = VersionedCache(check_every=3600), [1]
    assert cache.get("k", lambda: "old", lambda: version[0]) == "old"
    version[0] = 2
    assert cache.get("k", lambda: "new", lambda: version[0]) == "old"
    cache.check_every = 0
    assert cache.get("k", lambda: "new", lambda: version[0]) == "new"


def test_a_new_day_in_berlin_builds_again() -> None:
    day = [date(2026, 12, 31)]
    cache = VersionedCache(check_every=0, today=lambda: day[0])
    assert cache.get("amount", lambda: "2026", lambda: 1) == "2026"
    day[0] = date(2027, 1, 1)
    assert cache.get("amount", lambda: "2027", lambda: 1) == "2027"


def _down() -> None:
    raise OperationalError("SELECT 1", {}, Exception("connection refused"))


def test_the_last_good_value_stands_in_when_the_database_is_down() -> None:
    cache = VersionedCache(check_every=0)
    assert cache.get("page", lambda: "<html>v1</html>", lambda: 1) == "<html>v1</html>"
    assert cache.get("page", lambda: "never", _down) == "<html>v1</html>"  # the version cannot be read
    assert cache.get("page", _down, lambda: 2) == "<html>v1</html>"  # the build fails
    assert cache.served_stale == 2 and cache.last_good("page") == "<html>v1</html>"
    with pytest.raises(OperationalError):
        cache.get("other", lambda: "x", _down)  # nothing to stand in
    assert cache.last_good("other") is None


def test_other_errors_are_not_hidden() -> None:
    cache = VersionedCache(check_every=0)
    cache.get("k", lambda: 1, lambda: 1)
    with pytest.raises(LookupError):
        cache.get("k", lambda: (_ for _ in ()).throw(LookupError("gone")), lambda: 2)


def test_one_build_per_key_for_many_threads() -> None:
    cache, builds = VersionedCache(check_every=0), []

    def slow() -> int:
        builds.append(threading.get_ident())
        time.sleep(0.05)
        return 42

    with ThreadPoolExecutor(8) as pool:
        values = list(pool.map(lambda _: cache.get("index", slow, lambda: 1), range(8)))
    assert values == [42] * 8 and len(builds) == 1


def test_the_size_is_bounded_and_old_stamps_go_first() -> None:
    version = [1]
    cache = VersionedCache(check_every=0, size=3)
    for key in "abc":
        cache.get(key, lambda k=key: k, lambda: version[0])
    version[0] = 2
    cache.get("a", lambda: "A", lambda: version[0])
    cache.get("d", lambda: "D", lambda: version[0])
    assert len(cache) <= 3 and cache.last_good("a") == "A"


def test_keys_that_are_never_stored_leave_nothing_behind() -> None:
    cache = VersionedCache(check_every=0)
    for n in range(100):
        with pytest.raises(LookupError):
            cache.get(f"/de/e/unknown-{n}", lambda: (_ for _ in ()).throw(LookupError("404")), lambda: 1)
    assert len(cache) == 0 and not cache._building


def test_a_build_may_use_the_cache_itself() -> None:
    cache = VersionedCache(check_every=0)
    page = cache.get("page", lambda: "<" + cache.get("topics", lambda: "topics", lambda: 1) + ">", lambda: 1)
    assert page == "<topics>"
