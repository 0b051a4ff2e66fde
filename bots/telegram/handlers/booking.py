"""Booking a talk: kita -> day -> free slot -> first name -> phone (optional) -> interpreter -> consent -> booked.

    book / bt:<entry> ──> kitas ──b:<kita>──> DAY ──d:<day>──> SLOT ──s:<slot>──> NAME ──text──> PHONE
                                                 ^   dd (other day)  |                              │ text or
                                                 └───────────────────┘                              v ph:skip
    slot taken meanwhile: the next free slots (SLOT)                                           INTERPRETER
                                                                                                    │ ip:yes or
                                                              ok:yes: booked (END) <────── CONSENT <┘ ip:no
    bx, ok:no or any command: leave (END)
    a slot chosen again with the name known skips NAME and PHONE (and INTERPRETER once answered);
    ip:yes|ip:no on the older message in CONSENT changes the answer.

The draft lives in chat_data["booking"] and the position in the persistent conversation, both in the database.
Name, phone, interpreter and consent are in details.py; confirmation and the wiring of the dialog in dialog.py.
"""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable
from datetime import date

from sqlmodel import Session
from telegram import Update
from telegram.ext import ApplicationHandlerStop, ConversationHandler

from bots.telegram import render
from bots.telegram.handlers.browse import kita_names
from bots.telegram.handlers.start import greet
from bots.telegram.runtime import BotContext, button, chat_lang, chosen_lang, gettext, keyboard, set_lang
from bots.telegram.send import acknowledge, say, show
from bots.telegram.text import direct, esc
from service import booking as core
from service.directory import queries
from service.errors import InvalidInput, NotFound
from service.present import links, times

DAY, SLOT, NAME, PHONE, INTERPRETER, CONSENT = "day", "slot", "name", "phone", "interpreter", "consent"
END = ConversationHandler.END
DAYS_AHEAD, DAYS_SHOWN = 28, 8
Step = Callable[[Update, BotContext], Awaitable[object]]


def step(callback: Step) -> Step:
    """A dialog step consumes its update: no other handler group sees it."""

    @functools.wraps(callback)
    async def run(update: Update, context: BotContext) -> object:
        raise ApplicationHandlerStop(await callback(update, context))

    return run


def draft(context: BotContext) -> dict:
    assert context.chat_data is not None
    return context.chat_data.setdefault("booking", {})


def data_of(update: Update, prefix: str) -> str:
    return (update.callback_query.data or "").removeprefix(prefix) if update.callback_query else ""


def _kita_exists(session: Session, slug: str) -> bool:
    try:
        return queries.get_kita(session, slug) is not None
    except NotFound:
        return False


def step_buttons(lang: str) -> list:
    """Back one step and cancel the booking: on every step of the dialog."""
    _ = gettext(lang)
    return [button(_("Back"), "bk"), button(_("Cancel"), "bx")]


def _at_limit(session: Session, chat_id: int) -> bool:
    return len(core.bookings_for_chat(session, chat_id)) >= core.MAX_FUTURE_PER_CONTACT


async def ask_kita(update: Update, context: BotContext, topic: str | None) -> object:
    lang = chat_lang(update, context)
    _ = gettext(lang)
    await acknowledge(update)
    if await context.db(_at_limit, update.effective_chat.id):  # type: ignore[union-attr]
        context.chat_data.pop("booking", None)  # type: ignore[union-attr]
        await say(update, context, direct(esc(_(
            "You already have two talks booked. Please cancel one first: /mybookings")), lang),
            render.mine_keyboard(lang))
        return END
    context.chat_data["booking"] = {"topic": topic} if topic else {}  # type: ignore[index]
    rows = [[button(name, f"b:{slug}")] for slug, name in await context.db(kita_names, context.runtime.cache)]
    rows.append([button(_("Cancel"), "bx")])
    await say(update, context, direct(esc(_("At which kita would you like to talk to the kita social worker?")),
                                      lang), keyboard(rows))
    return END


async def start_booking(update: Update, context: BotContext) -> object:
    """/book and the "book a talk" buttons without an entry."""
    return await ask_kita(update, context, None)


async def start_for_topic(update: Update, context: BotContext) -> object:
    """"Book a talk" under an entry: the entry becomes the talk's topic."""
    return await ask_kita(update, context, data_of(update, "bt:") or None)


async def start_at_kita(update: Update, context: BotContext) -> object:
    """A kita chosen (button b:<kita>)."""
    return await begin(update, context, data_of(update, "b:"))


async def start_from_link(update: Update, context: BotContext) -> object:
    """Deep link b_<lang>_<kita> from a social worker."""
    deep = links.parse_deep_link(context.args[0] if context.args else "")
    if deep is None or deep.kind != links.BOOKING or not await context.db(_kita_exists, deep.slug):
        await greet(update, context)
        return END
    if not chosen_lang(context):
        set_lang(context, deep.lang)
    return await begin(update, context, deep.slug)


async def begin(update: Update, context: BotContext, kita: str) -> object:
    old = draft(context)
    same = old.get("kita") in (None, kita)
    kept = {key: old.get(key) if same else None for key in ("topic", "first_name", "interpreter")}
    context.chat_data["booking"] = {"kita": kita, **kept}  # type: ignore[index]
    return await show_days(update, context)


def _days(session: Session, kita: str, today: date) -> tuple[str, list[date]]:
    name = queries.get_kita(session, kita).name
    days = sorted({slot.start.date() for slot in core.free_slots(session, kita, today, DAYS_AHEAD)})
    return name, days[:DAYS_SHOWN]


async def show_days(update: Update, context: BotContext) -> object:
    """The next days with free slots at the draft's kita."""
    lang = chat_lang(update, context)
    _ = gettext(lang)
    kita = draft(context).get("kita")
    try:
        name, days = await context.db(_days, kita, times.berlin_today())
    except (NotFound, InvalidInput):
        return await ask_kita(update, context, draft(context).get("topic"))
    if not days:
        await show(update, context, direct(esc(_(
            "There are no free times at %(kita)s in the next weeks. Please ask at the kita.", kita=name)), lang),
            render.menu_keyboard(lang))
        return END
    buttons = [button(times.day_label(day, lang), f"d:{day.isoformat()}") for day in days]
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)] + [step_buttons(lang)]
    await show(update, context, direct(esc(_("Free times at %(kita)s. Choose a day:", kita=name)), lang),
               keyboard(rows))
    return DAY


def offer(context: BotContext, slots: list[core.Slot]) -> None:
    draft(context)["offered"] = {s.id: {"start": s.start.isoformat(), "worker": s.social_worker_name}
                                 for s in slots}


def slot_rows(slots: list[core.Slot], lang: str, with_day: bool) -> list[list]:
    labels = [(times.day_label(s.start.date(), lang) + " " if with_day else "") + times.time_label(s.start, lang)
              + f" · {s.social_worker_name}" for s in slots]
    return [[button(label, f"s:{slot.id}")] for label, slot in zip(labels, slots, strict=True)]


async def choose_day(update: Update, context: BotContext) -> object:
    """A day button: the free slots of that day."""
    lang = chat_lang(update, context)
    _ = gettext(lang)
    try:
        day = date.fromisoformat(data_of(update, "d:"))
        slots = await context.db(lambda s: core.free_slots(s, draft(context).get("kita") or "", day, 1))
    except (ValueError, NotFound, InvalidInput):
        return await show_days(update, context)
    if not slots:
        await acknowledge(update, _("This day is fully booked now. Please choose another day."))
        return await show_days(update, context)
    offer(context, slots)
    rows = slot_rows(slots, lang, with_day=False) + [[button(_("Other day"), "dd"), button(_("Cancel"), "bx")]]
    await show(update, context, direct(esc(_("Choose a time on %(day)s:", day=times.day_label(day, lang))), lang),
               keyboard(rows))
    return SLOT
