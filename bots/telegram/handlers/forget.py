"""/delete: forget the chat (language, state, the chat on future bookings) after a confirming button.

With talks still booked it asks which: cancel them and forget, or forget and keep them (their codes are then
said once more, since the bot can no longer show them)."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session
from telegram import Update

from bots.telegram import render
from bots.telegram.runtime import BotContext, button, chat_lang, gettext, keyboard
from bots.telegram.send import show
from bots.telegram.text import direct, esc, ltr
from service import booking, chats


def _talks(session: Session, chat_id: int) -> list[booking.BookingView]:
    return [booking.booking_view(session, b) for b in booking.bookings_for_chat(session, chat_id)]


async def ask(update: Update, context: BotContext) -> None:
    """/delete and the privacy page's delete button."""
    lang = chat_lang(update, context)
    _ = gettext(lang)
    talks = await context.db(_talks, update.effective_chat.id)  # type: ignore[union-attr]
    if not talks:
        text = _("Delete everything this bot stores about you? The bot forgets your language and any booking you "
                 "are in the middle of.")
        rows = [[button(_("Yes, delete"), "del:yes"), button(_("No"), "del:no")]]
    else:
        text = _("Delete everything this bot stores about you? You still have booked talks: should they be "
                 "cancelled, or stay booked? If they stay, the bot can no longer show them; keep their codes.")
        rows = [[button(_("Delete and cancel my talks"), "del:all")], [button(_("Delete, keep my talks"), "del:yes")],
                [button(_("No"), "del:no")]]
    await show(update, context, direct(esc(text), lang), keyboard(rows))


def _forget(session: Session, chat_id: int, cancel: bool, counted: bool) -> list[tuple[datetime, str, str]]:
    """Forget the chat; returns (start, kita, code) of the talks that stay booked (none when cancelled)."""
    talks = _talks(session, chat_id)
    kept = [] if cancel else [(v.start, v.kita.name, booking.format_code(v.booking.code)) for v in talks]
    if cancel:
        for view in talks:
            booking.cancel_chat_booking(session, chat_id, view.booking.id or 0, counters=counted)
    chats.delete_chat(session, chat_id)
    booking.forget_chat(session, chat_id)
    return kept


async def _confirm(update: Update, context: BotContext, cancel: bool) -> object:
    lang = chat_lang(update, context)
    chat_id = update.effective_chat.id  # type: ignore[union-attr]
    kept = await context.db(_forget, chat_id, cancel, context.runtime.settings.analytics_enabled)
    context.application.drop_chat_data(chat_id)
    _ = gettext(lang)
    if cancel:
        lines = [_("Done. Your talks are cancelled and the bot has forgotten this chat.")]
    else:
        lines = [_("Done. The bot has forgotten this chat. If you write again, it starts afresh.")]
    if kept:
        lines.append(_("These talks stay booked. If you cannot come, call the kita and give the code:"))
        lines += ["• " + _("%(when)s – %(kita)s – code %(code)s", when=render.when(start, lang), kita=kita,
                           code=ltr(code, lang)) for start, kita, code in kept]
    await show(update, context, direct(esc("\n".join(lines)), lang), keyboard([[button(_("Start"), "menu")]]))
    return -1  # ConversationHandler.END, when pressed during a booking


async def confirmed(update: Update, context: BotContext) -> object:
    """Forget now; talks stay booked (and are listed once more)."""
    return await _confirm(update, context, cancel=False)


async def confirmed_cancel(update: Update, context: BotContext) -> object:
    """Cancel the chat's talks, then forget."""
    return await _confirm(update, context, cancel=True)


async def refused(update: Update, context: BotContext) -> None:
    lang = chat_lang(update, context)
    _ = gettext(lang)
    await show(update, context, direct(esc(_("Nothing was deleted.")), lang), render.menu_keyboard(lang))
