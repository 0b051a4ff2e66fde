"""Settings from the environment: the contract's variables and the production refusals."""

from __future__ import annotations

import pytest

from service.config import Settings, SettingsError

STRONG = "k" * 32


def test_new_settings_have_the_contract_defaults() -> None:
    s = Settings.from_env({})
    assert (s.trusted_proxies, s.counters_url, s.session_idle_minutes, s.session_max_hours) == (0, None, 30, 10)
    assert (s.audit_retention_days, s.feedback_retention_days, s.smtp_url) == (730, 180, None)


def test_settings_are_read_from_the_environment() -> None:
    s = Settings.from_env({"TRUSTED_PROXIES": "1", "SMTP_URL": "smtp://127.0.0.1:2525", "MAIL_FROM": "a@b.de"})
    assert (s.trusted_proxies, s.smtp_url, s.mail_from) == (1, "smtp://127.0.0.1:2525", "a@b.de")


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({}, "SECRET_KEY is required"),
        ({"SECRET_KEY": "short"}, "at least 32 bytes"),
        ({"SECRET_KEY": STRONG, "PUBLIC_BASE_URL": "http://wegweiser.example.org"}, "must be https"),
    ],
)
def test_production_refuses_weak_settings(env: dict[str, str], message: str) -> None:
    with pytest.raises(SettingsError, match=message):
        Settings.from_env({"PRODUCTION": "true", **env})


def test_production_accepts_https_or_an_explicit_local_proxy() -> None:
    assert Settings.from_env({"PRODUCTION": "true", "SECRET_KEY": STRONG, "PUBLIC_BASE_URL": "https://a.de"}).production
    relaxed = {"PRODUCTION": "true", "SECRET_KEY": STRONG, "PUBLIC_BASE_URL": "http://a.de",
               "ALLOW_HTTP_BEHIND_PROXY": "true"}
    assert Settings.from_env(relaxed).allow_http_behind_proxy


@pytest.mark.parametrize("name", ["PORT", "TRUSTED_PROXIES", "RETENTION_DAYS", "SESSION_IDLE_MINUTES"])
def test_a_number_that_is_none_is_refused_by_name(name: str) -> None:
    with pytest.raises(SettingsError, match=f"{name} must be a whole number, not 'zwei'"):
        Settings.from_env({name: "zwei"})
    blank, unset = Settings.from_env({name: " "}), Settings.from_env({})
    assert getattr(blank, name.lower()) == getattr(unset, name.lower())  # blank: the default
