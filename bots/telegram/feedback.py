""""Did this help?" under every entry in the bot: two buttons, an anonymous answer (no chat id is stored)."""

from __future__ import annotations

from contextlib import suppress

from telegram import InlineKeyboardButton, Update
from telegram.ext import ApplicationHandlerStop

from bots.telegram.runtime import BotContext, button, chat_lang, gettext
from bots.telegram.send import acknowledge, say
from bots.telegram.text import direct, esc
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


def wish_button(lang: str) -> InlineKeyboardButton:
    """On the not-sure screen: tell us what you were looking for."""
    return button("✍️ " + gettext(lang)("Tell us what you were looking for"), "wish")


async def ask_wish(update: Update, context: BotContext) -> None:
    """Ask for a few words; the next text of this chat is kept as an anonymous wish instead of a search."""
    lang = chat_lang(update, context)
    _ = gettext(lang)
    await acknowledge(update)
    context.chat_data["wish"] = True  # type: ignore[index]
    await say(update, context, direct(esc(_("What were you looking for? (optional)") + "\n" + _(
        "Please no names or numbers: digits and e-mail addresses are removed. We keep this for 180 days to "
        "improve the pages.")), lang))


async def take_wish(update: Update, context: BotContext) -> None:
    """The text after "tell us": stored without digits and addresses, then thanks; other texts go on to search."""
    if not (context.chat_data or {}).pop("wish", False):
        return
    lang = chat_lang(update, context)
    _ = gettext(lang)
    text = update.effective_message.text or ""  # type: ignore[union-attr]
    with suppress(InvalidInput):  # only digits or an address: nothing to keep
        await context.db(lambda session: give_feedback(session, "search", lang, text=text, channel="bot"))
    await say(update, context, direct(esc(_("Thank you") + " – " + _("Your answer helps us to improve the pages.")),
                                      lang))
    raise ApplicationHandlerStop
