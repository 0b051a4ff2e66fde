"""Run the bot: `python -m bots.telegram` (long polling), or webhook mode when TELEGRAM_WEBHOOK_URL is set.

One bot process, never inside the web workers. In webhook mode PTB's own server (tornado) listens on
--listen (default 127.0.0.1:8443, or TELEGRAM_WEBHOOK_LISTEN) behind the reverse proxy that serves
TELEGRAM_WEBHOOK_URL, and checks Telegram's secret token header on every request.
"""

from __future__ import annotations

import argparse
import logging
import os
import secrets
import sys
from urllib.parse import urlsplit

from bots.telegram.app import build_application
from service.config import Settings, SettingsError

ALLOWED_UPDATES = ["message", "callback_query"]  # edits of old messages are not new questions


def parse_listen(value: str) -> tuple[str, int]:
    host, _, port = value.rpartition(":")
    return host or "127.0.0.1", int(port)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bots.telegram", description=__doc__.splitlines()[0])
    parser.add_argument("--listen", default=os.environ.get("TELEGRAM_WEBHOOK_LISTEN", "127.0.0.1:8443"),
                        help="host:port of the webhook server (webhook mode only)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)  # its INFO lines contain the bot token
    try:
        settings = Settings.from_env()
    except SettingsError as error:
        print(f"Error: {error}", file=sys.stderr)
        return 2
    if not settings.telegram_token:
        print("TELEGRAM_TOKEN is not set (see README: Telegram bot).", file=sys.stderr)
        return 2
    application = build_application(settings)
    if settings.telegram_webhook_url:
        host, port = parse_listen(args.listen)
        secret = settings.telegram_webhook_secret or secrets.token_urlsafe(32)  # Telegram gets it with setWebhook
        application.run_webhook(
            listen=host, port=port, url_path=urlsplit(settings.telegram_webhook_url).path.lstrip("/"),
            webhook_url=settings.telegram_webhook_url, secret_token=secret, allowed_updates=ALLOWED_UPDATES,
        )
    else:
        application.run_polling(allowed_updates=ALLOWED_UPDATES)
    return 0


if __name__ == "__main__":
    sys.exit(main())
