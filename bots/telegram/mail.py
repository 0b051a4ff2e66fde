"""The bot's share of the outbox: it tells bot families of talks that staff cancelled, and it sends the e-mail
outbox too (so notices go out even where no cron job runs `flask mail send`)."""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime

from telegram.constants import ParseMode
from telegram.error import Forbidden, TelegramError
from telegram.ext import Application

from bots.telegram.text import direct, esc
from service.mail.compose import Links
from service.mail.deliver import send_email, settle, take_due
from service.mail.models import TELEGRAM

log = logging.getLogger("bots.telegram")
MAIL_INTERVAL = 60.0


async def deliver_notices(application: Application, now: datetime | None = None) -> int:
    """Send due bot notices, then the e-mail outbox; returns how many bot messages went out."""
    runtime = application.bot_data["runtime"]
    now = now or datetime.now(UTC)
    links = Links(runtime.settings.public_base_url)
    sent = 0
    for row_id, chat_id, notice in await asyncio.to_thread(take_due, runtime.engine, TELEGRAM, links, now):
        error: BaseException | None = None
        try:
            text = "\n\n".join([f"<b>{esc(notice.subject)}</b>", esc(notice.text().strip())])
            await application.bot.send_message(int(chat_id), direct(text, notice.lang), parse_mode=ParseMode.HTML)
            sent += 1
        except Forbidden as exc:  # the chat blocked the bot: retrying cannot help
            log.info("notice not delivered: the chat blocked the bot")
            error = exc
        except TelegramError as exc:
            log.warning("notice not delivered: %s", type(exc).__name__)
            error = exc
        await asyncio.to_thread(settle, runtime.engine, row_id, now, error, final=isinstance(error, Forbidden))
    try:
        await asyncio.to_thread(send_email, runtime.engine, runtime.settings, now)
    except Exception:  # noqa: BLE001 - the mail server's trouble must never stop the bot
        log.warning("e-mail outbox not delivered", exc_info=False)
    return sent


async def mail_job(context) -> None:  # noqa: ANN001 - PTB's CallbackContext
    await deliver_notices(context.application)
