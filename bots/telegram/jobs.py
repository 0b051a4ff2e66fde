"""Repeating jobs: reminders the day before (read from the database, not from PTB's memory), and the purge of
chats inactive for 12 months."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy.engine import Engine
from telegram.constants import ParseMode
from telegram.error import Forbidden, TelegramError
from telegram.ext import Application

from bots.telegram import render
from bots.telegram.mail import MAIL_INTERVAL, mail_job
from bots.telegram.runtime import gettext
from bots.telegram.text import direct, esc, ltr
from service import booking as core
from service import chats
from service.db import session_scope

log = logging.getLogger("bots.telegram")
REMINDER_INTERVAL = 300.0
PURGE_INTERVAL = 6 * 3600.0


@dataclass(frozen=True)
class Reminder:
    booking_id: int
    chat_id: int
    text: str


def _due(engine: Engine, now: datetime) -> list[Reminder]:
    with session_scope(engine) as session:
        reminders = []
        for booking in core.due_reminders(session, now):
            view = core.booking_view(session, booking)
            lang = booking.lang or "de"
            _ = gettext(lang)
            text = _(
                "Reminder of your talk with the kita social worker:\n%(when)s\n%(kita)s, with %(worker)s\n"
                "Your code: %(code)s\n\nIf you cannot come, please cancel: /mybookings",
                when=render.when(view.start, lang), kita=view.kita.name, worker=view.social_worker.name,
                code=ltr(core.format_code(booking.code), lang))
            reminders.append(Reminder(booking.id or 0, booking.chat_id or 0, direct(esc(text), lang)))
        return reminders


def _mark(engine: Engine, booking_id: int, now: datetime) -> bool:
    with session_scope(engine) as session:
        booking = session.get(core.Booking, booking_id)
        return booking is not None and core.mark_reminded(session, booking, now=now)


async def send_reminders(application: Application, now: datetime | None = None) -> int:
    """Send every due reminder once; returns how many went out."""
    engine = application.bot_data["runtime"].engine
    now = now or datetime.now(UTC)
    sent = 0
    for reminder in await asyncio.to_thread(_due, engine, now):
        # Mark first: a reminder lost to a crash is better than one sent twice by two processes.
        if not await asyncio.to_thread(_mark, engine, reminder.booking_id, now):
            continue
        try:
            await application.bot.send_message(reminder.chat_id, reminder.text, parse_mode=ParseMode.HTML)
            sent += 1
        except Forbidden:
            log.info("reminder not delivered: the chat blocked the bot")
        except TelegramError as exc:
            log.warning("reminder not delivered: %s", type(exc).__name__)
    return sent


def _purge(engine: Engine, now: datetime) -> list[int]:
    with session_scope(engine) as session:
        return chats.purge_inactive(session, now)


async def purge_chats(application: Application, now: datetime | None = None) -> int:
    """Delete the state of chats inactive for 12 months, in the database and in the bot's memory."""
    ids = await asyncio.to_thread(_purge, application.bot_data["runtime"].engine, now or datetime.now(UTC))
    for chat_id in ids:
        if chat_id in application.chat_data:
            application.drop_chat_data(chat_id)
    if ids:
        log.info("purged the state of %d inactive chat(s)", len(ids))
    return len(ids)


async def reminders_job(context) -> None:  # noqa: ANN001 - PTB's CallbackContext
    await send_reminders(context.application)


async def purge_job(context) -> None:  # noqa: ANN001
    await purge_chats(context.application)


def schedule(application: Application, reminder_interval: float = REMINDER_INTERVAL,
             purge_interval: float = PURGE_INTERVAL) -> None:
    """Register the repeating jobs (their schedule is in the database, so nothing needs persisting)."""
    queue = application.job_queue
    assert queue is not None, "python-telegram-bot[job-queue] is required"
    queue.run_repeating(reminders_job, interval=reminder_interval, first=5, name="reminders")
    queue.run_repeating(purge_job, interval=purge_interval, first=60, name="purge-chats")
    queue.run_repeating(mail_job, interval=MAIL_INTERVAL, first=10, name="notices")
