""""Did this help?" under every entry in the bot: two buttons, an anonymous answer (no chat id is stored)."""

from __future__ import annotations

from telegram import InlineKeyboardButton, Update

from bots.telegram.runtime import BotContext, button, chat_lang, gettext
from bots.telegram.send import acknowledge
from service.curation.feedback import give_feedback
from service.errors import InvalidInput


def feedback_row(lang: str, slug: str) -> list[InlineKeyboardButton]:
    """Two buttons for the entry's keyboard."""
    _ = gettext(lang)
    return [button("👍 " + _("Yes, this helped"), f"fb:y:{slug}"), button("👎 " + _("No, this did not help"),
                                                                         f"fb:n:{slug}")]


async def answer(update: Update, context: BotContext) -> None:
    """Store the answer and thank the parent with a short notice (the entry message stays as it is)."""
    lang = chat_lang(update, context)
    _ = gettext(lang)
    __, choice, slug = (update.callback_query.data or "").split(":", 2)  # type: ignore[union-attr]
    try:
        await context.db(lambda session: give_feedback(session, "entry", lang, entry=slug, helpful=choice == "y",
                                                       channel="bot"))
    except InvalidInput:
        await acknowledge(update)
        return
    await acknowledge(update, _("Thank you") + " – " + _("Your answer helps us to improve the pages."))
