"""Free text: the search core answers; voice, pictures and stickers get a kind reply."""

from __future__ import annotations

from telegram import Update

from bots.telegram import render
from bots.telegram.feedback import wish_button
from bots.telegram.handlers.start import greet
from bots.telegram.runtime import BotContext, button, chat_lang, gettext, keyboard
from bots.telegram.send import say
from bots.telegram.text import direct, esc, utf16_len
from service.errors import InvalidInput
from service.present.entries import shorten
from service.search import GREETING, MAX_QUERY, SearchResponse, search

SHOWN_HITS = 5


def _fits(prefix: str, text: str) -> str | None:
    """Callback data for a suggestion, or None when it would exceed Telegram's 64 bytes."""
    data = prefix + text
    return data if len(data.encode()) <= 64 else None


async def answer_text(update: Update, context: BotContext) -> None:
    """Any text that is not a command: search in the chat's language."""
    message = update.effective_message
    assert message is not None and message.text is not None
    await run_search(update, context, message.text)


async def suggestion(update: Update, context: BotContext) -> None:
    """A "did you mean" button: search for the suggestion."""
    query = update.callback_query
    assert query is not None and query.data is not None
    await query.answer()
    await run_search(update, context, query.data.removeprefix("q:"))


async def run_search(update: Update, context: BotContext, text: str) -> None:
    lang = chat_lang(update, context)
    _ = gettext(lang)
    if utf16_len(text) > MAX_QUERY:
        await say(update, context, direct(esc(_(
            "That is a lot of text. Please type your question in a few words (at most %(max)s characters).",
            max=MAX_QUERY)), lang))
        return
    try:
        counted = context.runtime.settings.analytics_enabled
        result: SearchResponse = await context.db(lambda s: search(s, text, lang, SHOWN_HITS, record=counted))
    except InvalidInput:
        await say(update, context, direct(esc(_("Type your question in a few words, or choose a topic.")), lang),
                  render.menu_keyboard(lang))
        return
    if result.kind == GREETING:  # hello or thanks: a greeting with the menu, not a search
        await greet(update, context)
        return
    rows = [[button(shorten(hit.title), f"e:{hit.slug}")] for hit in result.hits[:SHOWN_HITS]]
    if result.confident:
        await say(update, context, direct(esc(_("Here is what I found:")), lang), keyboard(rows))
        return
    # one "not sure" screen: what may fit, other words, the topics and a talk with the kita social worker
    lines = [_("I am not sure I understood."), _("Maybe one of these fits:") if result.hits else
             _("I found nothing that fits well.")]
    suggestions = [data for s in result.suggestions[:3] if (data := _fits("q:", s))]
    if suggestions:
        lines.append(_("Did you mean:"))
        rows += [[button(data.removeprefix("q:"), data)] for data in suggestions]
    lines.append(_("The kita social workers are happy to help with any question."))
    rows += [[button(_("Topics"), "topics")], [button(_("Ask your kita social worker"), "book")]]
    rows.append([wish_button(lang)])  # curation: what were you looking for
    await say(update, context, direct(esc("\n".join(lines)), lang), keyboard(rows))


async def not_text(update: Update, context: BotContext) -> None:
    """Voice messages, photos, stickers, files: ask kindly for a few typed words."""
    lang = chat_lang(update, context)
    _ = gettext(lang)
    await say(update, context, direct(esc(_(
        "I can only read text. Please type your question in a few words, or choose a topic.")), lang),
        keyboard([[button(_("Topics"), "topics")], [button(_("Ask your kita social worker"), "book")]]))
