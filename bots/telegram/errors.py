"""Core errors become replies in the chat's language here, once for every handler (as service/web/errors.py
does for the web). Handlers let ServiceError rise; the application's error handler calls `answer_error`."""

from __future__ import annotations

from telegram import Update

from bots.telegram import render
from bots.telegram.runtime import BotContext, chat_lang, gettext
from bots.telegram.send import show
from bots.telegram.text import direct, esc
from service.errors import Conflict, InvalidInput, NotFound, RateLimited, ServiceError, SlotTaken
from service.present.fields import field_message


def reply_text(error: ServiceError, lang: str) -> str:
    """What the chat is told about a core error."""
    _ = gettext(lang)
    if isinstance(error, InvalidInput) and error.fields:
        field, code = next(iter(error.fields.items()))
        if (field, code) == ("contact", "limit"):
            return _("You already have two talks booked. Please cancel one first: /mybookings")
        return field_message(field, code, lang)
    if isinstance(error, SlotTaken):
        return _("Sorry, this time was just taken. Please choose another one.")
    if isinstance(error, NotFound):
        if error.message == "booking":
            return _("This talk is no longer booked.")
        if error.message.startswith("topic"):
            return _("This topic is no longer available. Please choose another one.")
        return _("This information is no longer available.")
    if isinstance(error, Conflict):
        return _("This talk can no longer be changed here. Please call the kita.")
    if isinstance(error, RateLimited):
        return _("You are sending messages very fast. Please wait a moment.")
    return _("Something went wrong on our side. Please try again later.")


async def answer_error(update: Update, context: BotContext, error: ServiceError) -> None:
    """Tell the chat what happened, with the menu to go on (never a dead end)."""
    lang = chat_lang(update, context)
    await show(update, context, direct(esc(reply_text(error, lang)), lang), render.menu_keyboard(lang))
