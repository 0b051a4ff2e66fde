"""/mybookings: a parent's booked talks, each with a cancel button (confirmed once more)."""

from __future__ import annotations

from sqlmodel import Session
from telegram import Update

from bots.telegram import render
from bots.telegram.runtime import BotContext, button, chat_lang, gettext, keyboard
from bots.telegram.send import say, show
from bots.telegram.text import direct, esc, ltr
from service import booking as core
from service.present import times


def _mine(session: Session, chat_id: int) -> list[core.BookingView]:
    return [core.booking_view(session, b) for b in core.bookings_for_chat(session, chat_id)]


def _own(session: Session, chat_id: int, booking_id: int) -> core.BookingView:
    return core.booking_view(session, core.chat_booking(session, chat_id, booking_id))


def _cancel(session: Session, chat_id: int, booking_id: int, counted: bool) -> core.BookingView:
    return core.booking_view(session, core.cancel_chat_booking(session, chat_id, booking_id, counters=counted))


def _booking_id(update: Update, prefix: str) -> int | None:
    value = (update.callback_query.data or "").removeprefix(prefix) if update.callback_query else ""
    return int(value) if value.isascii() and value.isdigit() else None


async def my_bookings(update: Update, context: BotContext) -> None:
    """/mybookings."""
    lang = chat_lang(update, context)
    _ = gettext(lang)
    views = await context.db(_mine, update.effective_chat.id)  # type: ignore[union-attr]
    if not views:
        await say(update, context, direct(esc(_("You have no booked talks.")), lang),
                  keyboard([[button(_("Book a talk with the kita social worker"), "book")]]))
        return
    lines = [esc(_("Your booked talks:"))]
    rows = []
    for view in views:
        when, code = render.when(view.start, lang), ltr(core.format_code(view.booking.code), lang)
        if view.booking.interpreter:
            line = _("%(when)s – %(kita)s – code %(code)s – with an interpreter", when=when, kita=view.kita.name,
                     code=code)
        else:
            line = _("%(when)s – %(kita)s – code %(code)s", when=when, kita=view.kita.name, code=code)
        lines.append("• " + esc(line))
        rows.append([button(_("Cancel the talk on %(day)s", day=times.day_label(view.start.date(), lang)),
                            f"cx:{view.booking.id}")])
    await say(update, context, direct("\n".join(lines), lang), keyboard(rows))


async def ask_cancel(update: Update, context: BotContext) -> None:
    """A cancel button: ask once more."""
    lang = chat_lang(update, context)
    _ = gettext(lang)
    booking_id = _booking_id(update, "cx:")
    view = await context.db(_own, update.effective_chat.id, booking_id or 0)  # type: ignore[union-attr]
    await show(update, context, direct(esc(_("Cancel your talk on %(when)s?", when=render.when(view.start, lang))),
                                       lang),
               keyboard([[button(_("Yes, cancel it"), f"cxy:{booking_id}"), button(_("No, keep it"), "cxn")]]))


async def cancel(update: Update, context: BotContext) -> None:
    """Cancellation confirmed."""
    lang = chat_lang(update, context)
    _ = gettext(lang)
    counted = context.runtime.settings.analytics_enabled
    chat_id = update.effective_chat.id  # type: ignore[union-attr]
    view = await context.db(_cancel, chat_id, _booking_id(update, "cxy:") or 0, counted)
    await show(update, context, direct(esc(_("Your talk on %(when)s is cancelled.",
                                              when=render.when(view.start, lang))), lang), render.menu_keyboard(lang))


async def keep(update: Update, context: BotContext) -> None:
    """Cancellation refused."""
    lang = chat_lang(update, context)
    _ = gettext(lang)
    await show(update, context, direct(esc(_("Your talk stays booked.")), lang), render.menu_keyboard(lang))
