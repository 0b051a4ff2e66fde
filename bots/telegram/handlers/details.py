"""The parent's details in the booking dialog: slot chosen -> first name -> phone (optional) -> interpreter ->
consent."""

from __future__ import annotations

from datetime import datetime

from telegram import Update

from bots.telegram import render
from bots.telegram.handlers.booking import (
    CONSENT,
    INTERPRETER,
    NAME,
    PHONE,
    ask_kita,
    data_of,
    draft,
    show_days,
    step_buttons,
)
from bots.telegram.runtime import BotContext, button, chat_lang, gettext, keyboard, link
from bots.telegram.send import say, show
from bots.telegram.text import direct, esc, ltr
from service.booking.parents import check_first_name, check_phone
from service.directory import queries
from service.present import links
from service.present.fields import field_message


async def choose_slot(update: Update, context: BotContext) -> object:
    """A slot button: ask the first name (or, when it is known, the interpreter question or straight consent)."""
    current = draft(context)
    slot_id = data_of(update, "s:")
    offered = (current.get("offered") or {}).get(slot_id)
    if offered is None:
        return await show_days(update, context)
    current["slot"] = {"id": slot_id, **offered}
    if current.get("first_name"):
        if current.get("interpreter") is None:
            return await ask_interpreter(update, context)
        return await ask_consent(update, context)
    return await ask_name(update, context)


async def ask_name(update: Update, context: BotContext, problem: str | None = None) -> object:
    """Ask the first name (after a refused one, say why first)."""
    lang = chat_lang(update, context)
    _ = gettext(lang)
    text = _("What is your first name? A nickname is fine too.")
    await show(update, context, direct(esc(f"{problem}\n\n{text}" if problem else text), lang),
               keyboard([step_buttons(lang)]))
    return NAME


async def give_name(update: Update, context: BotContext) -> object:
    """The first name, typed and checked like on the web; then the optional phone number."""
    lang = chat_lang(update, context)
    _ = gettext(lang)
    name, problem = check_first_name(update.effective_message.text or "")  # type: ignore[union-attr]
    if problem:
        await say(update, context, direct(esc(field_message("first_name", problem, lang) + "\n\n" + _(
            "What is your first name? A nickname is fine too.")), lang), keyboard([step_buttons(lang)]))
        return NAME
    current = draft(context)
    current["first_name"] = name
    if current.get("review"):  # changed from the check screen: back there
        return await ask_consent(update, context)
    return await ask_phone(update, context)


async def ask_phone(update: Update, context: BotContext) -> object:
    """The optional phone number (or "Skip": the chat is enough)."""
    lang = chat_lang(update, context)
    _ = gettext(lang)
    await show(update, context, direct(esc(_(
        "If you like, send a phone number so that the kita social worker can call you back. Otherwise tap "
        "“Skip”: this chat is enough.")), lang), keyboard([[button(_("Skip"), "ph:skip")], step_buttons(lang)]))
    return PHONE


async def give_phone(update: Update, context: BotContext) -> object:
    """A phone number, typed (checked like on the web)."""
    lang = chat_lang(update, context)
    _ = gettext(lang)
    phone, problem = check_phone(" ".join((update.effective_message.text or "").split()))  # type: ignore[union-attr]
    if problem:
        await say(update, context, direct(esc(_(
            "This does not look like a phone number. Please send it again, or tap “Skip”.")), lang),
            keyboard([[button(_("Skip"), "ph:skip")], step_buttons(lang)]))
        return PHONE
    draft(context)["phone"] = phone
    return await _after_phone(update, context)


async def skip_phone(update: Update, context: BotContext) -> object:
    """No phone number: the chat is the contact."""
    draft(context)["phone"] = None
    return await _after_phone(update, context)


async def _after_phone(update: Update, context: BotContext) -> object:
    current = draft(context)
    if current.get("review") and current.get("interpreter") is not None:
        return await ask_consent(update, context)
    return await ask_interpreter(update, context)


async def ask_interpreter(update: Update, context: BotContext) -> object:
    """Whether the parent needs an interpreter: one tap, yes or no."""
    lang = chat_lang(update, context)
    _ = gettext(lang)
    await show(update, context, direct(esc(_("Do you need an interpreter for the talk?")), lang),
               keyboard([[button(_("Yes"), "ip:yes"), button(_("No"), "ip:no")], step_buttons(lang)]))
    return INTERPRETER


async def choose_interpreter(update: Update, context: BotContext) -> object:
    """The interpreter answer (ip:yes or ip:no), also a change of mind on the older message at consent."""
    answer = data_of(update, "ip:")
    if answer not in ("yes", "no"):
        return await ask_interpreter(update, context)
    draft(context)["interpreter"] = answer == "yes"
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
    phone = current.get("phone")
    if phone:
        lines.append(_("Phone: %(phone)s", phone=ltr(phone, lang)))
    lines.append(_("Interpreter: yes") if current.get("interpreter") else _("Interpreter: no"))
    if phone:
        consent = _("To book, we store your first name, your phone number, this chat, your language and whether you "
                    "need an interpreter until %(days)s days after the talk. Only the kita social worker sees them. "
                    "Do you agree?", days=days)
    else:
        consent = _("To book, we store your first name, this chat, your language and whether you need an interpreter "
                    "until %(days)s days after the talk. Only the kita social worker sees them. Do you agree?",
                    days=days)
    lines.append("\n" + consent)
    current["review"] = True
    await show(update, context, direct(esc("\n".join(lines)), lang), keyboard([
        [button(_("Yes, book the talk"), "ok:yes"), button(_("No"), "ok:no")],
        [button(_("Change name"), "chg:name"), button(_("Change phone"), "chg:phone")],
        [button(_("Change time"), "chg:time"), button(_("Interpreter"), "chg:ip")],
        [link(_("Data protection notice"), context.runtime.web_url(links.page_path(lang, "privacy")))],
    ]))
    return CONSENT


async def change(update: Update, context: BotContext) -> object:
    """A change button on the check screen: that one step again, then back to the check screen."""
    what = data_of(update, "chg:")
    if what == "name":
        return await ask_name(update, context)
    if what == "phone":
        return await ask_phone(update, context)
    if what == "ip":
        return await ask_interpreter(update, context)
    return await show_days(update, context)


async def back(update: Update, context: BotContext) -> object:
    """The back button: the step before the one the dialog is at (told by what the draft holds)."""
    current = draft(context)
    if current.get("interpreter") is not None and current.get("review"):
        return await ask_interpreter(update, context)
    if "phone" in current and current.get("first_name"):
        current.pop("phone", None)
        return await ask_phone(update, context)
    if current.get("first_name"):
        return await ask_name(update, context)
    if current.get("slot"):
        current.pop("slot", None)
        return await show_days(update, context)
    return await ask_kita(update, context, current.get("topic"))
