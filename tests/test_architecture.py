"""The domain core stays free of front-end frameworks: only service/web imports flask, only bots telegram."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FORBIDDEN = {"flask", "flask_babel", "flask_wtf", "flask_limiter", "werkzeug", "telegram"}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


CORE_FILES = sorted(p for p in (ROOT / "service").rglob("*.py") if "web" not in p.relative_to(ROOT / "service").parts)


@pytest.mark.parametrize("path", CORE_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_core_imports_neither_flask_nor_telegram(path: Path) -> None:
    assert not (_imports(path) & FORBIDDEN), f"{path} imports {_imports(path) & FORBIDDEN}"


def test_the_check_sees_core_packages() -> None:
    folders = {p.relative_to(ROOT / "service").parts[0] for p in CORE_FILES}
    assert {"directory", "present", "reports", "config.py", "i18n.py"} <= folders


def test_web_does_not_import_the_bot() -> None:
    offenders = [p for p in (ROOT / "service").rglob("*.py") if "telegram" in _imports(p)]
    assert offenders == []
