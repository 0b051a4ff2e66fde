"""The end of the booking dialog (consent -> booked, or the next free slots) and its ConversationHandler."""

from __future__ import annotations

import warnings
from datetime import datetime

from sqlmodel import Session
from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler, ConversationHandler, MessageHandler, filters
from telegram.warnings import PTBUserWarning

from bots.telegram import render
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
    choose_interpreter,
    choose_slot,
    give_name,
    give_phone,
    skip_phone,
)
from bots.telegram.runtime import BotContext, button, chat_lang, gettext, keyboard
from bots.telegram.send import show
from bots.telegram.text import direct, esc, ltr
from service import booking as core
from service.errors import InvalidInput, SlotTaken


def _book(session: Session, current: dict, lang: str, chat_id: int, counted: bool) -> tuple[str, object]:
    """Book the draft's slot; the outcome is "booked", "taken" (with the next slots), or a field error."""
    details = core.ParentDetails(first_name=current["first_name"], contact=current.get("phone"), lang=lang,
                                 interpreter=bool(current.get("interpreter")), topic=current.get("topic"),
                                 consent=True, chat_id=chat_id)
    try:
        try:
            booking = core.book_slot(session, current["slot"]["id"], details, counters=counted)
        except InvalidInput as exc:
            if "topic" not in exc.fields:
                raise
            details.topic = None  # the entry was archived meanwhile: book without a topic
            booking = core.book_slot(session, current["slot"]["id"], details, counters=counted)
    except SlotTaken:
        pass
    except InvalidInput as exc:
        if "slot_id" not in exc.fields:
            return next(iter(exc.fields)) + ":" + next(iter(exc.fields.values())), None
    else:
        return "booked", core.booking_view(session, booking)
    after = datetime.fromisoformat(current["slot"]["start"])
    return "taken", core.next_free_slots(session, current["kita"], after)


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
    outcome, result = await context.db(_book, current, lang, chat_id, counted)
    if outcome == "booked":
        view: core.BookingView = result  # type: ignore[assignment]
        context.chat_data.pop("booking", None)  # type: ignore[union-attr]
        text = _("Your talk is booked.\n%(when)s\n%(kita)s, with %(worker)s\nYour code: %(code)s\n\n"
                 "You will get a reminder the day before. To see or cancel your talks: /mybookings",
                 when=render.when(view.start, lang), kita=view.kita.name, worker=view.social_worker.name,
                 code=ltr(core.format_code(view.booking.code), lang))
        if view.booking.interpreter:
            text += "\n\n" + _("You asked for an interpreter. We will arrange one.")
        await show(update, context, direct(esc(text), lang))
        return END
    if outcome == "taken":
        slots: list[core.Slot] = result  # type: ignore[assignment]
        if not slots:
            await show(update, context, direct(esc(_(
                "Sorry, this time was just taken, and there are no other free times in the next weeks. "
                "Please ask at the kita.")), lang))
            context.chat_data.pop("booking", None)  # type: ignore[union-attr]
            return END
        offer(context, slots)
        rows = slot_rows(slots, lang, with_day=True) + [[button(_("Other day"), "dd"), button(_("Cancel"), "bx")]]
        await show(update, context, direct(esc(_("Sorry, this time was just taken. Please choose another one.")),
                                           lang), keyboard(rows))
        return SLOT
    if outcome == "contact:limit":
        context.chat_data.pop("booking", None)  # type: ignore[union-attr]
        await show(update, context, direct(esc(_(
            "You already have two talks booked. Please cancel one first: /mybookings")), lang))
        return END
    if outcome.startswith("contact:"):
        draft(context)["phone"] = None  # the number was refused by the core: book with the chat only
        return await ask_consent(update, context)
    draft(context)["first_name"] = None  # the name was refused by the core: ask again
    await show(update, context, direct(esc(_("What is your first name? A nickname is fine too.")), lang))
    return NAME


async def abort(update: Update, context: BotContext) -> object:
    """Leave the dialog by its cancel button or by refusing consent."""
    lang = chat_lang(update, context)
    context.chat_data.pop("booking", None)  # type: ignore[union-attr]
    _ = gettext(lang)
    await show(update, context, direct(esc(_("Nothing was booked.")), lang))
    return END


async def leave(update: Update, context: BotContext) -> object:
    """Any other command ends the dialog; the command itself is then handled as usual."""
    return END


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
            ],
            states={
                DAY: [press(r"^d:", choose_day)],
                SLOT: [press(r"^s:", choose_slot), press(r"^d:", choose_day)],
                NAME: [MessageHandler(filters.TEXT & ~filters.COMMAND, step(give_name)), press(r"^s:", choose_slot)],
                PHONE: [MessageHandler(filters.TEXT & ~filters.COMMAND, step(give_phone)),
                        press(r"^ph:skip$", skip_phone)],
                INTERPRETER: [press(r"^ip:", choose_interpreter), press(r"^s:", choose_slot)],
                CONSENT: [press(r"^ok:", confirm), press(r"^ip:", choose_interpreter), press(r"^s:", choose_slot)],
            },
            fallbacks=[press(r"^dd$", show_days), press(r"^bx$", abort), press(r"^del:yes$", forget.confirmed),
                       MessageHandler(filters.COMMAND, leave)],
            name="booking", persistent=True, per_chat=True, per_user=False, allow_reentry=True,
        )

