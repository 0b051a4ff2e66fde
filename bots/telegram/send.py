"""Sending and editing HTML messages the same way everywhere."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, LinkPreviewOptions, Message, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest

from bots.telegram.runtime import BotContext

NO_PREVIEW = LinkPreviewOptions(is_disabled=True)


async def say(update: Update, context: BotContext, html: str, markup: InlineKeyboardMarkup | None = None) -> Message:
    """Send a new HTML message to the update's chat."""
    chat = update.effective_chat
    assert chat is not None
    return await context.bot.send_message(chat.id, html, parse_mode=ParseMode.HTML, reply_markup=markup,
                                          link_preview_options=NO_PREVIEW)


async def say_all(update: Update, context: BotContext, parts: list[str],
                  markup: InlineKeyboardMarkup | None = None) -> None:
    """Send several messages; the keyboard goes with the last one."""
    for index, part in enumerate(parts):
        await say(update, context, part, markup if index == len(parts) - 1 else None)


async def acknowledge(update: Update, text: str | None = None) -> None:
    """Answer a button press (Telegram shows a spinner until it is answered)."""
    if update.callback_query is not None:
        await update.callback_query.answer(text)


async def show(update: Update, context: BotContext, html: str, markup: InlineKeyboardMarkup | None = None) -> None:
    """Answer in place: edit the message whose button was pressed, else send a new one."""
    query = update.callback_query
    if query is not None and query.message is not None and isinstance(query.message, Message):
        await query.answer()
        try:
            await query.message.edit_text(html, parse_mode=ParseMode.HTML, reply_markup=markup,
                                          link_preview_options=NO_PREVIEW)
            return
        except BadRequest:
            pass  # too old, unchanged, or not a text message: send a new one instead
    elif query is not None:
        await query.answer()
    await say(update, context, html, markup)
