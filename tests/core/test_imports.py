"""Every package imports on its own, first (no import cycle that only works in one order)."""

from __future__ import annotations

import subprocess
import sys

import pytest

PACKAGES = ["service.booking", "service.mail", "service.mail.deliver", "service.directory", "service.search",
            "service.reports", "service.accounts", "service.models", "bots.telegram", "service.web"]


@pytest.mark.parametrize("module", PACKAGES)
def test_module_imports_first(module: str) -> None:
    result = subprocess.run([sys.executable, "-c", f"import {module}"], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
