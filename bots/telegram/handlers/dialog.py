"""The end of the booking dialog (consent -> booked, or the next free slots) and its ConversationHandler."""

from __future__ import annotations

import warnings
from datetime import datetime

from sqlmodel import Session
from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler, ConversationHandler, MessageHandler, filters
from telegram.warnings import PTBUserWarning

from bots.telegram import render
from bots.telegram.errors import reply_text
from bots.telegram.handlers import forget
from bots.telegram.handlers.booking import (
    CONSENT,
    DAY,
    END,
    INTERPRETER,
    NAME,
    PHONE,
    SLOT,
    Step,
    choose_day,
    draft,
    offer,
    show_days,
    slot_rows,
    start_at_kita,
    start_booking,
    start_for_topic,
    start_from_link,
    step,
)
from bots.telegram.handlers.details import (
    ask_consent,
    ask_interpreter,
    ask_name,
    ask_phone,
    back,
    change,
    choose_interpreter,
    choose_slot,
    give_name,
    give_phone,
    skip_phone,
)
from bots.telegram.handlers.start import expired
from bots.telegram.runtime import BotContext, button, chat_lang, gettext, keyboard
from bots.telegram.send import acknowledge, say, show
from bots.telegram.text import direct, esc, ltr
from service import booking as core
from service.errors import InvalidInput, SlotTaken


def _book(session: Session, current: dict, lang: str, chat_id: int, counted: bool) -> core.BookingView:
    """Book the draft's slot (without its topic when that entry was archived meanwhile)."""
    details = core.ParentDetails(first_name=current["first_name"], contact=current.get("phone"), lang=lang,
                                 interpreter=bool(current.get("interpreter")), topic=current.get("topic"),
                                 consent=True, chat_id=chat_id)
    try:
        booking = core.book_slot(session, current["slot"]["id"], details, counters=counted)
    except InvalidInput as exc:
        if set(exc.fields) != {"topic"}:
            raise
        details.topic = None
        booking = core.book_slot(session, current["slot"]["id"], details, counters=counted)
    return core.booking_view(session, booking)


def _next_slots(session: Session, current: dict) -> list[core.Slot]:
    return core.next_free_slots(session, current["kita"], datetime.fromisoformat(current["slot"]["start"]))


async def confirm(update: Update, context: BotContext) -> object:
    """Consent given (ok:yes) or refused (ok:no)."""
    if (update.callback_query.data or "") != "ok:yes":  # type: ignore[union-attr]
        return await abort(update, context)
    lang = chat_lang(update, context)
    _ = gettext(lang)
    current = draft(context)
    if current.get("interpreter") is None:  # a draft from before the interpreter question: ask it first
        return await ask_interpreter(update, context)
    chat_id = update.effective_chat.id  # type: ignore[union-attr]
    counted = context.runtime.settings.analytics_enabled
    try:
        view = await context.db(_book, current, lang, chat_id, counted)
    except SlotTaken:
        return await _taken(update, context)
    except InvalidInput as exc:
        if "slot_id" in exc.fields:  # too soon by now, or gone: like taken
            return await _taken(update, context)
        return await _refused(update, context, exc)
    context.chat_data.pop("booking", None)  # type: ignore[union-attr]
    text = _("Your talk is booked.\n%(when)s\n%(kita)s, with %(worker)s\nYour code: %(code)s\n\n"
             "You will get a reminder the day before. To see or cancel your talks: /mybookings",
             when=render.when(view.start, lang), kita=view.kita.name, worker=view.social_worker.name,
             code=ltr(core.format_code(view.booking.code), lang))
    if view.booking.interpreter:
        text += "\n\n" + _("You asked for an interpreter. We will arrange one.")
    await show(update, context, direct(esc(text), lang), render.after_booking_keyboard(lang))
    return END


async def _taken(update: Update, context: BotContext) -> object:
    """Somebody else was faster: the next free times, or the way out when there are none."""
    lang = chat_lang(update, context)
    _ = gettext(lang)
    slots = await context.db(_next_slots, draft(context))
    if not slots:
        context.chat_data.pop("booking", None)  # type: ignore[union-attr]
        await show(update, context, direct(esc(_(
            "Sorry, this time was just taken, and there are no other free times in the next weeks. "
            "Please ask at the kita.")), lang), render.menu_keyboard(lang))
        return END
    offer(context, slots)
    rows = slot_rows(slots, lang, with_day=True) + [[button(_("Other day"), "dd"), button(_("Cancel"), "bx")]]
    await show(update, context, direct(esc(_("Sorry, this time was just taken. Please choose another one.")),
                                       lang), keyboard(rows))
    return SLOT


async def _refused(update: Update, context: BotContext, error: InvalidInput) -> object:
    """The core refused a detail: the two-talk limit ends the dialog; a name or number is asked again."""
    lang = chat_lang(update, context)
    if error.fields.get("contact") == "limit":
        context.chat_data.pop("booking", None)  # type: ignore[union-attr]
        await show(update, context, direct(esc(reply_text(error, lang)), lang), render.mine_keyboard(lang))
        return END
    if "contact" in error.fields:
        draft(context)["phone"] = None  # the number was refused by the core: book with the chat only
        return await ask_consent(update, context)
    draft(context)["first_name"] = None
    return await ask_name(update, context, reply_text(error, lang))


async def abort(update: Update, context: BotContext) -> object:
    """Leave the dialog by its cancel button or by refusing consent."""
    lang = chat_lang(update, context)
    context.chat_data.pop("booking", None)  # type: ignore[union-attr]
    _ = gettext(lang)
    await show(update, context, direct(esc(_("Nothing was booked.")), lang), render.menu_keyboard(lang))
    return END


async def leave(update: Update, context: BotContext) -> object:
    """Another command ends the dialog for now (the command is then handled as usual); the draft stays and the
    chat is told, with a button to continue where it was."""
    if draft(context).get("kita"):
        await _offer_to_continue(update, context)
    return END


async def _offer_to_continue(update: Update, context: BotContext) -> None:
    lang = chat_lang(update, context)
    _ = gettext(lang)
    await acknowledge(update)
    await say(update, context, direct(esc(_("The booking was not finished. Continue?")), lang),
              keyboard([[button(_("Continue booking"), "bc"), button(_("Cancel"), "bx")]]))


async def stale(update: Update, context: BotContext) -> None:
    """A button of the dialog pressed after it ended: offer to continue an unfinished booking; after a finished
    one (a second tap on "book") say nothing more."""
    if draft(context).get("kita"):
        await _offer_to_continue(update, context)
    elif (update.callback_query.data or "") == "ok:yes":  # type: ignore[union-attr]
        await acknowledge(update)
    else:
        await expired(update, context)


async def resume(update: Update, context: BotContext) -> object:
    """"Continue booking": the step the draft has reached."""
    current = draft(context)
    if not current.get("kita"):
        return await start_booking(update, context)
    if not current.get("slot"):
        return await show_days(update, context)
    if not current.get("first_name"):
        return await ask_name(update, context)
    if "phone" not in current:
        return await ask_phone(update, context)
    if current.get("interpreter") is None:
        return await ask_interpreter(update, context)
    return await ask_consent(update, context)


STATES = frozenset({DAY, SLOT, NAME, PHONE, INTERPRETER, CONSENT})


def conversation() -> ConversationHandler:
    """The booking dialog, persistent, one per chat."""

    def press(pattern: str, callback: Step) -> CallbackQueryHandler:
        return CallbackQueryHandler(step(callback), pattern=pattern)

    with warnings.catch_warnings():
        # Buttons are tracked per chat on purpose: a parent may tap an older day or slot button.
        warnings.filterwarnings("ignore", message=".*per_message=False.*", category=PTBUserWarning)
        return ConversationHandler(
            entry_points=[
                CommandHandler("start", step(start_from_link), filters.Regex(r"^/start b_")),
                CommandHandler("book", step(start_booking)), press(r"^book$", start_booking),
                press(r"^bt:", start_for_topic), press(r"^b:", start_at_kita),
                press(r"^bx$", abort), press(r"^ok:no$", abort), press(r"^bc$", resume),
            ],
            states={
                DAY: [press(r"^d:", choose_day), press(r"^bk$", back)],
                SLOT: [press(r"^s:", choose_slot), press(r"^d:", choose_day)],
                NAME: [MessageHandler(filters.TEXT & ~filters.COMMAND, step(give_name)), press(r"^s:", choose_slot),
                       press(r"^bk$", back)],
                PHONE: [MessageHandler(filters.TEXT & ~filters.COMMAND, step(give_phone)),
                        press(r"^ph:skip$", skip_phone), press(r"^bk$", back)],
                INTERPRETER: [press(r"^ip:", choose_interpreter), press(r"^s:", choose_slot), press(r"^bk$", back)],
                CONSENT: [press(r"^ok:", confirm), press(r"^ip:", choose_interpreter), press(r"^s:", choose_slot),
                          press(r"^chg:", change), press(r"^bk$", back)],
            },
            fallbacks=[press(r"^dd$", show_days), press(r"^bx$", abort), press(r"^del:yes$", forget.confirmed),
                       press(r"^del:all$", forget.confirmed_cancel),
                       MessageHandler(filters.COMMAND, leave)],
            name="booking", persistent=True, per_chat=True, per_user=False, allow_reentry=True,
        )

