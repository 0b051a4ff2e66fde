"""What every handler needs: settings, the database, the chat's language, translated strings, and buttons."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sqlalchemy.engine import Engine
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import CallbackContext, ExtBot

from bots.telegram.processor import FloodGuard
from service.config import Settings
from service.db import session_scope
from service.i18n import client_language, translator
from service.present import links
from service.present.cache import VersionedCache

T = TypeVar("T")


@dataclass
class Runtime:
    """The bot's share of the service: settings, one engine, the directory cache and the flood guard."""

    settings: Settings
    engine: Engine
    cache: VersionedCache = field(default_factory=VersionedCache)
    flood: FloodGuard = field(default_factory=FloodGuard)

    def web_url(self, path: str) -> str | None:
        """An absolute link to a web path (service.present.links) with the bot's share marker; None when the web
        is only reachable on this machine (Telegram refuses buttons that point to localhost)."""
        base = self.settings.public_base_url
        return None if links.is_local(base) else links.web_url(base, path, "bot")


class BotContext(CallbackContext[ExtBot, dict, dict, dict]):
    """The handlers' context: adds the runtime, the chat's language and a database helper."""

    @property
    def runtime(self) -> Runtime:
        return self.application.bot_data["runtime"]

    async def db(self, work: Callable[..., T], *args: Any) -> T:
        """Run `work(session, *args)` in a worker thread inside one committed transaction."""
        return await asyncio.to_thread(_in_session, self.runtime.engine, work, args)


def _in_session(engine: Engine, work: Callable[..., T], args: tuple[Any, ...]) -> T:
    with session_scope(engine) as session:
        return work(session, *args)


def chosen_lang(context: BotContext) -> str | None:
    """The language the chat chose (or a deep link set), if any."""
    data = context.chat_data
    return data.get("lang") if data is not None else None


def chat_lang(update: object, context: BotContext) -> str:
    """The chat's language: as chosen, else the Telegram client's (English for one we do not offer)."""
    lang = chosen_lang(context)
    if lang:
        return lang
    user = update.effective_user if isinstance(update, Update) else None
    return client_language(user.language_code if user else None)


def set_lang(context: BotContext, lang: str) -> None:
    if context.chat_data is not None:
        context.chat_data["lang"] = lang


def gettext(lang: str) -> Callable[..., str]:
    """The `_` of one language (the shared catalogs)."""
    return translator(lang)


def keyboard(rows: Sequence[Sequence[InlineKeyboardButton | None]]) -> InlineKeyboardMarkup:
    """Inline keyboard from rows of buttons; None buttons and empty rows are left out."""
    return InlineKeyboardMarkup([[b for b in row if b is not None] for row in rows if any(row)])


# Direction marks and isolates: a button is one short line that Telegram lays out by itself, so they only
# risk showing as stray boxes on older phones.
BIDI_MARKS = dict.fromkeys(map(ord, "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))


def button(text: str, data: str) -> InlineKeyboardButton:
    """A callback button with a plain label; callback data is at most 64 bytes."""
    if len(data.encode()) > 64:
        raise ValueError(f"callback data too long: {data[:20]}...")
    return InlineKeyboardButton(text.translate(BIDI_MARKS), callback_data=data)


def link(text: str, url: str | None) -> InlineKeyboardButton | None:
    return InlineKeyboardButton(text.translate(BIDI_MARKS), url=url) if url else None

