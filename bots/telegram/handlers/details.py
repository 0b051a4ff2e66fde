"""The parent's details in the booking dialog: slot chosen -> first name -> phone (optional) -> consent."""

from __future__ import annotations

from datetime import datetime

from telegram import Update

from bots.telegram import render
from bots.telegram.handlers.booking import CONSENT, NAME, PHONE, data_of, draft, show_days
from bots.telegram.runtime import BotContext, button, chat_lang, gettext, keyboard, link
from bots.telegram.send import say, show
from bots.telegram.text import direct, esc, ltr
from service.booking.parents import contact_key
from service.directory import queries

NAME_MAX, PHONE_MAX = 60, 40


async def choose_slot(update: Update, context: BotContext) -> object:
    """A slot button: ask the first name (or straight for consent when it is known)."""
    current = draft(context)
    slot_id = data_of(update, "s:")
    offered = (current.get("offered") or {}).get(slot_id)
    if offered is None:
        return await show_days(update, context)
    current["slot"] = {"id": slot_id, **offered}
    if current.get("first_name"):
        return await ask_consent(update, context)
    lang = chat_lang(update, context)
    _ = gettext(lang)
    await show(update, context, direct(esc(_("What is your first name? A nickname is fine too.")), lang))
    return NAME


async def give_name(update: Update, context: BotContext) -> object:
    """The first name, typed; then the optional phone number."""
    lang = chat_lang(update, context)
    _ = gettext(lang)
    name = " ".join((update.effective_message.text or "").split())  # type: ignore[union-attr]
    if not name or len(name) > NAME_MAX or not any(ch.isalpha() for ch in name):
        await say(update, context, direct(esc(_(
            "Please send only your first name (letters, at most %(max)s characters).", max=NAME_MAX)), lang))
        return NAME
    draft(context)["first_name"] = name
    await say(update, context, direct(esc(_(
        "If you like, send a phone number so that the kita social worker can call you back. Otherwise tap "
        "“Skip”: this chat is enough.")), lang), keyboard([[button(_("Skip"), "ph:skip")]]))
    return PHONE


async def give_phone(update: Update, context: BotContext) -> object:
    """A phone number, typed (checked like on the web)."""
    lang = chat_lang(update, context)
    _ = gettext(lang)
    phone = " ".join((update.effective_message.text or "").split())  # type: ignore[union-attr]
    if len(phone) > PHONE_MAX or contact_key(phone) is None or "@" in phone:
        await say(update, context, direct(esc(_(
            "This does not look like a phone number. Please send it again, or tap “Skip”.")), lang),
            keyboard([[button(_("Skip"), "ph:skip")]]))
        return PHONE
    draft(context)["phone"] = phone
    return await ask_consent(update, context)


async def skip_phone(update: Update, context: BotContext) -> object:
    """No phone number: the chat is the contact."""
    draft(context)["phone"] = None
    return await ask_consent(update, context)


async def ask_consent(update: Update, context: BotContext) -> object:
    """The summary and the consent question."""
    lang = chat_lang(update, context)
    _ = gettext(lang)
    current = draft(context)
    kita_name = await context.db(lambda s: queries.get_kita(s, current["kita"]).name)
    days = context.runtime.settings.retention_days
    lines = [_("Please check:\n%(when)s\n%(kita)s, with %(worker)s\nName: %(name)s",
               when=render.when(datetime.fromisoformat(current["slot"]["start"]), lang), kita=kita_name,
               worker=current["slot"]["worker"], name=current["first_name"])]
    if current.get("phone"):
        lines.append(_("Phone: %(phone)s", phone=ltr(current["phone"], lang)))
        lines.append("\n" + _("To book, we store your first name, your phone number, this chat and your language "
                              "until %(days)s days after the talk. Only the kita social worker sees them. "
                              "Do you agree?", days=days))
    else:
        lines.append("\n" + _("To book, we store your first name, this chat and your language until %(days)s days "
                              "after the talk. Only the kita social worker sees them. Do you agree?", days=days))
    await show(update, context, direct(esc("\n".join(lines)), lang), keyboard([
        [button(_("Yes, book the talk"), "ok:yes"), button(_("No"), "ok:no")],
        [link(_("Data protection notice"), context.runtime.web_url(lang, "privacy"))],
    ]))
    return CONSENT
