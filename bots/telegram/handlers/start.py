"""/start (greeting, deep links to entries), language choice, /help, /privacy and the main menu."""

from __future__ import annotations

from telegram import Update

from bots.telegram import finder, render
from bots.telegram.handlers.browse import send_entry
from bots.telegram.runtime import BotContext, button, chat_lang, chosen_lang, gettext, keyboard, link, set_lang
from bots.telegram.send import say, show
from bots.telegram.text import direct, esc
from service.i18n import BY_CODE, normalize_lang
from service.present import links


async def start(update: Update, context: BotContext) -> None:
    """/start, with or without a payload; unknown payloads fall back to the greeting."""
    deep = links.parse_deep_link(context.args[0] if context.args else "")
    if deep and deep.kind == links.FINDER:
        await finder.begin(update, context, deep.lang)
        return
    if deep and deep.kind == links.ENTRY and await send_entry(update, context, deep.slug, deep.lang):
        if not chosen_lang(context):
            set_lang(context, deep.lang)
        return
    await greet(update, context)


async def greet(update: Update, context: BotContext) -> None:
    """Greeting, emergency numbers, and the language choice (or the menu once a language is chosen)."""
    lang = chat_lang(update, context)
    _ = gettext(lang)
    lines = [
        esc(_("Hello! I am the Kita-Wegweiser of the kita social work in Erkelenz. I explain benefits, "
              "counselling and help for families – in your language.")),
        render.emergency_line(lang),
    ]
    if chosen_lang(context):
        lines.append(esc(_("Type your question in a few words, or choose a topic.")))
        markup = render.menu_keyboard(lang)
    else:
        lines.append(esc(_("Please choose your language:")))
        markup = render.language_keyboard()
    await say(update, context, direct("\n\n".join(lines), lang), markup)


async def ask_language(update: Update, context: BotContext) -> None:
    """/language and the menu's language button."""
    _ = gettext(chat_lang(update, context))
    await show(update, context, esc(_("Please choose your language:")), render.language_keyboard())


async def choose_language(update: Update, context: BotContext) -> None:
    """A language button: remember the choice and answer in that language."""
    query = update.callback_query
    assert query is not None and query.data is not None
    lang = normalize_lang(query.data.removeprefix("lang:"))
    if lang is None:
        await expired(update, context)
        return
    set_lang(context, lang)
    _ = gettext(lang)
    text = "\n\n".join([esc(_("Language: %(language)s", language=BY_CODE[lang].native_name)),
                        esc(_("Type your question in a few words, or choose a topic."))])
    await query.answer()
    await say(update, context, direct(text, lang), render.menu_keyboard(lang))  # the greeting stays visible


async def menu(update: Update, context: BotContext) -> None:
    """The main menu."""
    lang = chat_lang(update, context)
    _ = gettext(lang)
    await show(update, context, direct(esc(_("Type your question in a few words, or choose a topic.")), lang),
               render.menu_keyboard(lang))


async def help_command(update: Update, context: BotContext) -> None:
    """/help: what the bot can do."""
    lang = chat_lang(update, context)
    _ = gettext(lang)
    text = _("What I can do:\n"
             "/topics – help sorted by topic\n"
             "/kitas – the five plusKITAs and their social workers\n"
             "/book – book a talk with the kita social worker\n"
             "/mybookings – your booked talks\n"
             "/language – change the language\n"
             "/privacy – what this bot stores\n"
             "/delete – delete what this bot stores about you\n\n"
             "Or simply type your question, for example “money for the school trip”.")
    await say(update, context, direct(esc(text) + "\n\n" + render.emergency_line(lang), lang),
              render.menu_keyboard(lang))


async def privacy(update: Update, context: BotContext) -> None:
    """/privacy: what the bot stores, for how long, and how to delete it."""
    lang = chat_lang(update, context)
    _ = gettext(lang)
    text = _("This bot stores only what it needs: the language you chose, where you are in a booking, and "
             "when you last wrote. After 12 months without a message this is deleted by itself; /delete "
             "deletes it at once.\n\n"
             "For a booked talk we store your first name, this chat, your language, whether you need an "
             "interpreter, the topic and, if you give it, your phone number until %(days)s days after the talk. "
             "Only the kita social worker sees them.\n\n"
             "What you type is used to search and is not stored with your chat. Questions without an answer "
             "are counted anonymously, without digits or e-mail addresses.",
             days=context.runtime.settings.retention_days)
    url = context.runtime.web_url(links.page_path(lang, "privacy"))
    await say(update, context, direct(esc(text), lang),
              keyboard([[link(_("Data protection notice"), url)], [button(_("Delete my data"), "del")]]))


async def expired(update: Update, context: BotContext) -> None:
    """A button from an old message that no longer leads anywhere."""
    lang = chat_lang(update, context)
    _ = gettext(lang)
    if update.callback_query is not None:
        await update.callback_query.answer()
    await say(update, context, direct(esc(_("This button is no longer active.")), lang), render.menu_keyboard(lang))
