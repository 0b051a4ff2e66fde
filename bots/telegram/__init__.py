"""The Telegram front end: `build_application(settings)`; run it with `python -m bots.telegram`."""

from bots.telegram.app import build_application

__all__ = ["build_application"]
