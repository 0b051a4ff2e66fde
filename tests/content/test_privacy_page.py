"""The privacy page says, in every language, what is kept and for how long — with the figures the code uses."""

from __future__ import annotations

import re

import pytest
import yaml

from service.config import PROJECT_ROOT, Settings
from service.i18n import LANGUAGE_CODES

PRIVACY = PROJECT_ROOT / "directory_data" / "pages" / "privacy"
BACKUP_DAYS, LOG_DAYS = 14, 7  # deploy/: backup pruning and log retention


def body(lang: str) -> str:
    return yaml.safe_load((PRIVACY / f"{lang}.yaml").read_text(encoding="utf-8"))["body"]


@pytest.mark.parametrize("lang", LANGUAGE_CODES)
def test_every_language_has_the_same_sections(lang: str) -> None:
    assert body(lang).count("\n## ") == body("de").count("\n## ") == 10


@pytest.mark.parametrize("lang", LANGUAGE_CODES)
def test_the_retention_figures_match_the_settings(lang: str) -> None:
    defaults = Settings()
    numbers = set(re.findall(r"\d+", body(lang)))
    expected = {defaults.retention_days, defaults.feedback_retention_days, defaults.session_idle_minutes,
                defaults.session_max_hours, BACKUP_DAYS, LOG_DAYS}
    assert {str(n) for n in expected} <= numbers
