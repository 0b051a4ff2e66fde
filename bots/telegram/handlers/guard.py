"""Flood protection before every handler, and the one error handler."""

from __future__ import annotations

import logging
import traceback

from telegram import Update
from telegram.constants import ChatType
from telegram.error import Forbidden, NetworkError, TelegramError
from telegram.ext import ApplicationHandlerStop

from bots.telegram.errors import answer_error
from bots.telegram.runtime import BotContext, chat_lang, gettext
from bots.telegram.send import say
from bots.telegram.text import direct, esc
from service.errors import ServiceError

log = logging.getLogger("bots.telegram")


async def flood_check(update: Update, context: BotContext) -> None:
    """Ignore groups (a family's questions belong in a private chat); drop updates of a chat that sends faster
    than a person types (one polite warning per window)."""
    chat = update.effective_chat
    if chat is not None and chat.type != ChatType.PRIVATE:
        raise ApplicationHandlerStop
    guard = context.runtime.flood
    if chat is None or guard.allow(chat.id):
        return
    if guard.should_warn(chat.id):
        lang = chat_lang(update, context)
        _ = gettext(lang)
        await say(update, context, direct(esc(_(
            "You are sending messages very fast. Please wait a moment.")), lang))
    elif update.callback_query is not None:
        await update.callback_query.answer()
    raise ApplicationHandlerStop


def describe(error: BaseException | None) -> str:
    """The error's type and where it happened, without its message (messages can quote personal data)."""
    if error is None:
        return "unknown error"
    frames = traceback.extract_tb(error.__traceback__)
    where = " <- ".join(f"{f.filename.rsplit('/', 2)[-1]}:{f.lineno} {f.name}" for f in reversed(frames[-6:]))
    return f"{type(error).__module__}.{type(error).__qualname__} at {where or '?'}"


async def on_error(update: object, context: BotContext) -> None:
    """Core errors: their reply (bots/telegram/errors.py); others: log without personal data, answer politely."""
    error = context.error
    if isinstance(error, ServiceError) and isinstance(update, Update) and update.effective_chat is not None:
        log.info("answered %s", type(error).__name__)
        await answer_error(update, context, error)
        return
    if isinstance(error, NetworkError | Forbidden):
        log.warning("telegram: %s", describe(error))  # Telegram unreachable or the user blocked the bot
        return
    log.error("update handling failed: %s", describe(error))
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    lang = chat_lang(update, context)
    _ = gettext(lang)
    try:
        if update.callback_query is not None:
            await update.callback_query.answer()
        await say(update, context, direct(esc(_(
            "Something went wrong on our side. Please try again later.")), lang))
    except TelegramError as exc:
        log.warning("could not send the error answer: %s", describe(exc))
