"""Fixtures of the curation tests: the staff factories of the web tests."""

from tests.web.conftest import make_staff  # noqa: F401
