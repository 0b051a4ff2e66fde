"""/delete: forget the chat (language, state, the chat on future bookings) after a confirming button."""

from __future__ import annotations

from sqlmodel import Session
from telegram import Update

from bots.telegram.runtime import BotContext, button, chat_lang, gettext, keyboard
from bots.telegram.send import show
from bots.telegram.text import direct, esc
from service import booking, chats


async def ask(update: Update, context: BotContext) -> None:
    """/delete and the privacy page's delete button."""
    lang = chat_lang(update, context)
    _ = gettext(lang)
    text = _("Delete everything this bot stores about you? The bot forgets your language and any booking you "
             "are in the middle of, and removes this chat from your booked talks. The talks stay booked: to "
             "cancel one, do it first with /mybookings.")
    await show(update, context, direct(esc(text), lang),
               keyboard([[button(_("Yes, delete"), "del:yes"), button(_("No"), "del:no")]]))


def _forget(session: Session, chat_id: int) -> None:
    chats.delete_chat(session, chat_id)
    booking.forget_chat(session, chat_id)


async def confirmed(update: Update, context: BotContext) -> object:
    """Forget now: database rows, the bot's memory of the chat, and its place in any dialog."""
    lang = chat_lang(update, context)
    chat_id = update.effective_chat.id  # type: ignore[union-attr]
    await context.db(_forget, chat_id)
    context.application.drop_chat_data(chat_id)
    _ = gettext(lang)
    await show(update, context, direct(esc(_(
        "Done. The bot has forgotten this chat. If you write again, it starts afresh.")), lang))
    return -1  # ConversationHandler.END, when pressed during a booking


async def refused(update: Update, context: BotContext) -> None:
    lang = chat_lang(update, context)
    _ = gettext(lang)
    await show(update, context, direct(esc(_("Nothing was deleted.")), lang))
