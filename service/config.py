"""Settings read from the environment: one dataclass, no global state."""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = "sqlite:///instance/wegweiser.db"
DEFAULT_TEST_POSTGRES_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


class SettingsError(RuntimeError):
    """A setting the service will not start with; the message says what to set (gunicorn and the bot print it
    without a traceback)."""


def _whole(env: Mapping[str, str], name: str, default: int) -> int:
    """A whole number from the environment (the default when unset or empty)."""
    value = env.get(name) or ""
    if not value.strip():
        return default
    try:
        return int(value)
    except ValueError:
        raise SettingsError(f"{name} must be a whole number, not {value!r}") from None


def _flag(value: str | None, default: bool) -> bool:
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _absolute_sqlite(url: str) -> str:
    """Anchor a relative SQLite path at the project root, so every process finds the same file."""
    prefix = "sqlite:///"
    if url.startswith(prefix) and not url.startswith(prefix + "/") and ":memory:" not in url:
        return prefix + str(PROJECT_ROOT / url[len(prefix) :])
    return url


MIN_SECRET_BYTES = 32


def _check_production(secret: str | None, public_base_url: str, allow_http: bool) -> None:
    """Refuse to start in production with a weak key or a public address that is not https."""
    if not secret:
        raise SettingsError("SECRET_KEY is required in production (PRODUCTION=true)")
    if len(secret.encode()) < MIN_SECRET_BYTES:
        raise SettingsError(
            f"SECRET_KEY must be at least {MIN_SECRET_BYTES} bytes in production; "
            "make one with: python -c 'import secrets; print(secrets.token_hex(32))'"
        )
    if not public_base_url.startswith("https://") and not allow_http:
        raise SettingsError(
            "PUBLIC_BASE_URL must be https:// in production; set ALLOW_HTTP_BEHIND_PROXY=true only when a "
            "TLS-terminating proxy on the same host serves the public https address"
        )


@dataclass(frozen=True)
class Settings:
    """Everything the service reads from its environment."""

    database_url: str = _absolute_sqlite(DEFAULT_DATABASE_URL)
    host: str = "127.0.0.1"
    port: int = 8000
    public_base_url: str = "http://127.0.0.1:8000"
    secret_key: str = field(default_factory=lambda: secrets.token_hex(32), repr=False)
    production: bool = False
    ratelimit_enabled: bool = True
    ratelimit_storage_uri: str = "memory://"
    analytics_enabled: bool = True
    retention_days: int = 30
    telegram_token: str | None = field(default=None, repr=False)
    telegram_bot_username: str | None = None
    telegram_base_url: str | None = None
    telegram_base_file_url: str | None = None
    telegram_webhook_url: str | None = None
    telegram_webhook_secret: str | None = field(default=None, repr=False)
    test_postgres_url: str = DEFAULT_TEST_POSTGRES_URL
    directory_path: Path = PROJECT_ROOT / "directory_data"
    testing: bool = False
    trusted_proxies: int = 0
    counters_url: str | None = None
    session_idle_minutes: int = 30
    session_max_hours: int = 10
    audit_retention_days: int = 730
    feedback_retention_days: int = 180
    smtp_url: str | None = field(default=None, repr=False)
    mail_from: str | None = None
    mail_reply_to: str | None = None
    allow_http_behind_proxy: bool = False

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        """Build settings from environment variables (the contract's table)."""
        env = os.environ if env is None else env
        host = env.get("HOST") or "127.0.0.1"
        port = _whole(env, "PORT", 8000)
        production = _flag(env.get("PRODUCTION"), False)
        secret = env.get("SECRET_KEY")
        public_base_url = (env.get("PUBLIC_BASE_URL") or f"http://{host}:{port}").rstrip("/")
        allow_http = _flag(env.get("ALLOW_HTTP_BEHIND_PROXY"), False)
        if production:
            _check_production(secret, public_base_url, allow_http)
        return cls(
            database_url=_absolute_sqlite(env.get("DATABASE_URL") or DEFAULT_DATABASE_URL),
            host=host,
            port=port,
            public_base_url=public_base_url,
            secret_key=secret or secrets.token_hex(32),
            production=production,
            ratelimit_enabled=_flag(env.get("RATELIMIT_ENABLED"), True),
            ratelimit_storage_uri=env.get("RATELIMIT_STORAGE_URI") or "memory://",
            analytics_enabled=_flag(env.get("ANALYTICS_ENABLED"), True),
            retention_days=_whole(env, "RETENTION_DAYS", 30),
            telegram_token=env.get("TELEGRAM_TOKEN") or None,
            telegram_bot_username=env.get("TELEGRAM_BOT_USERNAME") or None,
            telegram_base_url=env.get("TELEGRAM_BASE_URL") or None,
            telegram_base_file_url=env.get("TELEGRAM_BASE_FILE_URL") or None,
            telegram_webhook_url=env.get("TELEGRAM_WEBHOOK_URL") or None,
            telegram_webhook_secret=env.get("TELEGRAM_WEBHOOK_SECRET") or None,
            test_postgres_url=env.get("TEST_POSTGRES_URL") or DEFAULT_TEST_POSTGRES_URL,
            directory_path=Path(env.get("DIRECTORY_PATH") or PROJECT_ROOT / "directory_data"),
            trusted_proxies=_whole(env, "TRUSTED_PROXIES", 0),
            counters_url=env.get("COUNTERS_URL") or None,
            session_idle_minutes=_whole(env, "SESSION_IDLE_MINUTES", 30),
            session_max_hours=_whole(env, "SESSION_MAX_HOURS", 10),
            audit_retention_days=_whole(env, "AUDIT_RETENTION_DAYS", 730),
            feedback_retention_days=_whole(env, "FEEDBACK_RETENTION_DAYS", 180),
            smtp_url=env.get("SMTP_URL") or None,
            mail_from=env.get("MAIL_FROM") or None,
            mail_reply_to=env.get("MAIL_REPLY_TO") or None,
            allow_http_behind_proxy=allow_http,
        )

    def replace(self, **changes: object) -> Settings:
        """A copy with some values changed (tests, benchmarks)."""
        return replace(self, **changes)  # type: ignore[arg-type]
